// src/preload — the whole bridge between the sandboxed renderer and the main process: `window.bandeja`
// with `invoke` and `subscribe`, nothing else. Its shape is checked against the shared BridgeApi type;
// every call is validated again in main (sender frame, method name, zod input).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type BridgeApi } from '../shared/bridge';

const bridge = {
  // Resolves to the core's Result ({ok, value} | {ok, error}); it never rejects for domain errors.
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
  subscribe(listener) {
    // Wrap so the renderer never sees the IpcRendererEvent (it exposes `sender`, i.e. ipcRenderer).
    const onEvent = (_e: IpcRendererEvent, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
  },
} satisfies BridgeApi;

contextBridge.exposeInMainWorld('bandeja', bridge);

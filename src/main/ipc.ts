// Electron IPC wiring: ONE invoke channel into the core (through the validated handler) and ONE event
// channel from the core to every window. All decisions live in ipc-handler.ts, which is unit-tested.
import { BrowserWindow, ipcMain } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/bridge';
import { createIpcHandler, type Dispatch, type SenderValidator } from './ipc-handler';

export interface IpcCore {
  dispatch: Dispatch;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export function registerIpc(core: IpcCore, isTrustedSender: SenderValidator): () => void {
  // createIpcHandler throws when the validator is missing, so registration fails at startup.
  const handler = createIpcHandler({ dispatch: (m, i) => core.dispatch(m, i), isTrustedSender });
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, input: unknown) => handler(event, method, input));
  const unsubscribe = core.subscribe((event, payload) => broadcast(event, payload));
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}

/** Sends one event to every live window (shell events such as notification clicks use this too). */
export function broadcast(event: string, payload: unknown): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  }
}

// Picks the transport once at start: the Electron preload bridge when present, else the host's WS.
import type { BridgeApi, Transport } from '../../../shared/bridge';
import { createIpcTransport } from './ipcTransport';
import { createWsTransport, type ConnectionState } from './wsTransport';

declare global {
  interface Window {
    bandeja?: BridgeApi;
  }
}

let instance: Transport | null = null;
const connectionListeners = new Set<(s: ConnectionState) => void>();

export function getTransport(): Transport {
  if (instance) return instance;
  if (window.bandeja) {
    instance = createIpcTransport(window.bandeja);
  } else {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = createWsTransport(`${scheme}://${location.host}/ws`);
    ws.onConnectionChange((s) => connectionListeners.forEach((cb) => cb(s)));
    instance = ws;
  }
  return instance;
}

/** Connection state of the transport itself (always 'open' for IPC). */
export function onConnectionChange(cb: (s: ConnectionState) => void): () => void {
  connectionListeners.add(cb);
  return () => connectionListeners.delete(cb);
}

export type { ConnectionState };
export { TransportError, isTransportError, toPayload } from './errors';

// Headless host / browser: one WebSocket to `/ws` speaking the same contract. Calls made while the
// socket is (re)connecting are queued; reconnects back off up to 5 s so a restarted host is rejoined.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { ErrorPayload } from '../../../shared/errors';
import type { Transport } from '../../../shared/bridge';
import { TransportError } from './errors';
import { createEventHub } from './eventHub';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsTransport extends Transport {
  onConnectionChange(cb: (state: ConnectionState) => void): () => void;
}

export function createWsTransport(url: string): WsTransport {
  const hub = createEventHub();
  const connListeners = new Set<(s: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let hasConnectedBefore = false;

  const setState = (s: ConnectionState) => connListeners.forEach((cb) => cb(s));

  function connect(): void {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('open');
      const toSend = queue;
      queue = [];
      toSend.forEach((frame) => ws.send(frame));
      // After a reconnect anything may have changed while we were away: ask every view to refetch.
      if (hasConnectedBefore) {
        hub.emit('data.changed', { conversationIds: [], counts: true, reason: 'reconnect' });
      }
      hasConnectedBefore = true;
    };
    ws.onmessage = (ev) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object') return;
      const f = frame as {
        id?: number;
        ok?: boolean;
        value?: unknown;
        error?: ErrorPayload;
        event?: string;
        payload?: unknown;
      };
      if (typeof f.event === 'string') {
        hub.emit(f.event, f.payload);
        return;
      }
      if (typeof f.id !== 'number') return;
      const p = pending.get(f.id);
      if (!p) return;
      pending.delete(f.id);
      if (f.ok) p.resolve(f.value);
      else p.reject(new TransportError(f.error ?? { code: 'internal', message: 'Unknown error' }));
    };
    ws.onclose = () => {
      socket = null;
      setState('closed');
      // In-flight calls cannot be answered by a new socket: fail them honestly instead of hanging.
      pending.forEach((p) => p.reject(new TransportError({ code: 'unavailable', message: 'Connection lost' })));
      pending.clear();
      const delay = Math.min(5000, 250 * 2 ** attempt);
      attempt += 1;
      setTimeout(connect, delay);
    };
  }

  connect();

  return {
    kind: 'ws',
    invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const id = nextId++;
      const frame = JSON.stringify({ id, method, input });
      return new Promise<MethodOutput<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    subscribe: hub.subscribe,
    onConnectionChange(cb) {
      connListeners.add(cb);
      return () => connListeners.delete(cb);
    },
  };
}

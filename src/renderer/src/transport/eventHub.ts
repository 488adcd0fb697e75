// Fans one raw event stream (IPC channel or WebSocket) out to typed per-event listeners.
import type { EventName, EventPayload } from '../../../shared/contract';

type Listener = (payload: unknown) => void;

export interface EventHub {
  emit(event: string, payload: unknown): void;
  subscribe<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Map<string, Set<Listener>>();
  return {
    emit(event, payload) {
      listeners.get(event)?.forEach((cb) => cb(payload));
    },
    subscribe(event, cb) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const l = cb as Listener;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

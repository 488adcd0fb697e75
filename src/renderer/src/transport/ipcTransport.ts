// Electron: the preload exposes `window.bandeja` (invoke + one event subscription). Nothing else.
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { BridgeApi, Transport } from '../../../shared/wire';
import { unwrapResult } from './errors';

type Listener = (payload: unknown) => void;

export function createIpcTransport(bridge: BridgeApi): Transport {
  const listeners = new Map<string, Set<Listener>>();
  // One bridge subscription fans out to typed listeners, so components never touch the raw channel.
  bridge.subscribe((event, payload) => {
    listeners.get(event)?.forEach((cb) => cb(payload));
  });

  return {
    kind: 'ipc',
    async invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await bridge.invoke(method, input);
      return unwrapResult(result) as MethodOutput<M>;
    },
    subscribe<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const l = cb as Listener;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

// Electron: the preload exposes `window.bandeja` (invoke + one event subscription). Nothing else.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { BridgeApi, Transport } from '../../../shared/bridge';
import { unwrapResult } from './errors';
import { createEventHub } from './eventHub';

export function createIpcTransport(bridge: BridgeApi): Transport {
  // One bridge subscription fans out to typed listeners, so components never touch the raw channel.
  const hub = createEventHub();
  bridge.subscribe((event, payload) => hub.emit(event, payload));

  return {
    kind: 'ipc',
    async invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await bridge.invoke(method, input);
      return unwrapResult(result) as MethodOutput<M>;
    },
    subscribe: hub.subscribe,
  };
}

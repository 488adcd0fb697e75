// Transports that misbehave on purpose, wrapped around the real HTTP one.
import type { SyncTransport } from '../../src/core/sync/transport';
import { SyncRequestError } from '../../src/core/sync/transport';

/** `offline = true` makes every request fail like an unreachable server. */
export function offlineSwitch() {
  const state = {
    offline: false,
    wrap: (inner: SyncTransport): SyncTransport => ({
      push: (body) => (state.offline ? Promise.reject(unreachable()) : inner.push(body)),
      pull: (body) => (state.offline ? Promise.reject(unreachable()) : inner.pull(body)),
    }),
  };
  return state;
}

const unreachable = () => new SyncRequestError('offline', 'connect ECONNREFUSED (injected)');

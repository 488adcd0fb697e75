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

/** A small seeded PRNG (mulberry32): fault schedules are reproducible from the seed in the test name. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultStats {
  droppedRequests: number;
  droppedResponses: number;
  duplicated: number;
  replayedStale: number;
  /** Every lastMutationId the server reported to this client, in the order received. */
  lastMutationIds: number[];
}

/**
 * Drops requests before they leave, drops responses after the server committed, sends requests three
 * times, and replays an old push batch late (a delayed packet) — each with the given probability.
 */
export function faultyNetwork(random: () => number, p = { drop: 0.12, lose: 0.12, dup: 0.12, stale: 0.1 }) {
  const stats: FaultStats = {
    droppedRequests: 0,
    droppedResponses: 0,
    duplicated: 0,
    replayedStale: 0,
    lastMutationIds: [],
  };
  const state = {
    enabled: true,
    offline: false,
    stats,
    wrap(inner: SyncTransport): SyncTransport {
      const sentPushes: Parameters<SyncTransport['push']>[0][] = [];
      async function call<B, R extends { lastMutationId: number }>(send: (b: B) => Promise<R>, body: B): Promise<R> {
        if (state.offline) throw unreachable();
        if (!state.enabled) return record(await send(body));
        const roll = random();
        if (roll < p.drop) {
          stats.droppedRequests++;
          throw unreachable();
        }
        if (roll < p.drop + p.dup) {
          stats.duplicated++;
          await send(body).then(record, () => undefined);
          await send(body).then(record, () => undefined);
        }
        const res = record(await send(body));
        if (random() < p.lose) {
          stats.droppedResponses++;
          throw unreachable();
        }
        return res;
      }
      function record<R extends { lastMutationId: number }>(res: R): R {
        stats.lastMutationIds.push(res.lastMutationId);
        return res;
      }
      return {
        async push(body) {
          if (state.enabled && sentPushes.length && random() < p.stale) {
            stats.replayedStale++;
            const old = sentPushes[Math.floor(random() * sentPushes.length)]!;
            await inner.push(old).then(record, () => undefined);
          }
          sentPushes.push(body);
          return call((b) => inner.push(b), body);
        },
        pull: (body) => call((b) => inner.pull(b), body),
      };
    },
  };
  return state;
}

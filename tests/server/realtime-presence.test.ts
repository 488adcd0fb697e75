// The presence tracker on its own (no server, no database): several trackers around one in-process feed
// stand for instances. Large states are split under the NOTIFY payload limit and still arrive whole;
// malformed or foreign messages on the channel are ignored.
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalFeed, PRESENCE_MESSAGE_MAX_BYTES } from '../../src/server/realtime/feed';
import { PresenceTracker } from '../../src/server/realtime/presence';
import { type AgentPresence, newId } from '../../src/shared';

const OPTIONS = { awayAfterMs: 60_000, offlineGraceMs: 50, presenceHeartbeatMs: 100 };
const trackers: PresenceTracker[] = [];
afterEach(async () => {
  for (const t of trackers.splice(0)) await t.stop();
});

async function until(probe: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('presence tracker', () => {
  it('splits a large state under the NOTIFY limit, and another instance sees all of it', async () => {
    const feed = createLocalFeed();
    const sizes: number[] = [];
    feed.subscribePresence((m) => void (m !== null && sizes.push(m.length)));
    const a = new PresenceTracker(feed, OPTIONS);
    const b = new PresenceTracker(feed, OPTIONS);
    trackers.push(a, b);
    const workspaces = Array.from({ length: 20 }, () => newId());
    const agents = workspaces.flatMap((w) => Array.from({ length: 15 }, () => [w, newId()] as const));
    for (const [w, agent] of agents) a.connect(w, agent);

    await until(() => workspaces.every((w) => b.snapshot(w).length === 15));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PRESENCE_MESSAGE_MAX_BYTES);
    expect(sizes.filter((s) => s > PRESENCE_MESSAGE_MAX_BYTES / 2).length).toBeGreaterThan(1); // really split
    expect(b.snapshot(workspaces[0]!).every((p) => p.status === 'online')).toBe(true);
  });

  it('tells listeners of the workspace only, in one batch per turn', async () => {
    const feed = createLocalFeed();
    const a = new PresenceTracker(feed, OPTIONS);
    trackers.push(a);
    const [w1, w2] = [newId(), newId()];
    const got: AgentPresence[][] = [];
    const other: AgentPresence[][] = [];
    a.subscribe(w1, (c) => got.push(c));
    a.subscribe(w2, (c) => other.push(c));
    const [x, y] = [newId(), newId()];
    a.connect(w1, x);
    a.connect(w1, y);
    await until(() => got.length > 0);
    expect(got).toHaveLength(1);
    expect(got[0]!.map((p) => [p.agentId, p.status])).toEqual([
      [x, 'online'],
      [y, 'online'],
    ]);
    expect(other).toEqual([]);
  });

  it('ignores malformed, foreign and own messages on the channel', async () => {
    const feed = createLocalFeed();
    const a = new PresenceTracker(feed, OPTIONS);
    trackers.push(a);
    const w = newId();
    const agent = newId();
    const forged = (from: string) =>
      JSON.stringify({ v: 1, from, kind: 'full', ttl: 1_000, agents: [[w, agent, 'online', Date.now()]] });
    for (const m of ['', 'null', '{', '[]', JSON.stringify({ v: 2 }), forged(a.instanceId), forged('x'.repeat(65))]) {
      await feed.publishPresence(m);
    }
    expect(a.snapshot(w)).toEqual([]);
    await feed.publishPresence(forged('other-instance'));
    expect(a.snapshot(w).map((p) => p.agentId)).toEqual([agent]);
  });
});

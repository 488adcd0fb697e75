// Five replicas working through a hostile network (dropped requests, responses lost after commit,
// requests sent three times, stale batches replayed late, random disconnects) with clocks skewed by up
// to ±24 h. When the network heals and everything is quiet: zero double effects, lastMutationId never
// went back, nothing pending, and every replica equals the server's view for its agent.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../src/server';
import type { SettableStatus } from '../../src/shared';
import { testClock } from '../helpers/core';
import { backends, serverPerFile } from '../server/helpers';
import { makeWorld, type SyncWorld } from '../server/sync-helpers';
import { listen, replicaView, serverView, signedInReplica, type Replica } from './clients';
import { faultyNetwork, seeded } from './faults';

const DAY = 24 * 60 * 60 * 1000;
const ROLES = ['sales', 'sales2', 'support', 'supervisor', 'admin'] as const;
const OPS_PER_REPLICA = 24;

describe.each(backends)('convergence on %s', (backend) => {
  const env = serverPerFile(backend);
  let url: string;
  let world: SyncWorld;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    url = await listen(env.s.app);
    world = await makeWorld(env.s.app, env.tdb.database, 'Converge');
  });
  afterAll(async () => {
    for (const r of replicas) await r.cleanup();
  });

  it('five replicas, faults and disconnects, then quiet: one effect per mutation and identical states', async () => {
    const random = seeded(backend === 'pglite' ? 20261123 : 1123);
    const agentOf: Record<(typeof ROLES)[number], string> = {
      sales: world.sales.id,
      sales2: world.sales2.id,
      support: world.support.id,
      supervisor: world.supervisor.id,
      admin: world.admin.id,
    };
    const networks = ROLES.map(() => faultyNetwork(random));
    for (const [i, role] of ROLES.entries()) {
      const me = await env.s.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${world[role].token}` },
      });
      const email = me.json<{ agent: { email: string } }>().agent.email;
      const skew = Math.round((random() * 2 - 1) * DAY);
      replicas.push(
        await signedInReplica(url, email, { transport: networks[i]!.wrap, clock: testClock(Date.now() + skew) }),
      );
    }

    // Created ids with the (replica, mutation) that created them: refused ones must not exist anywhere.
    const notes = new Map<string, string>();
    const replies = new Map<string, string>();
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    for (let step = 0; step < OPS_PER_REPLICA; step++) {
      for (const [i, r] of replicas.entries()) {
        // Random disconnects: a replica drops off for a few steps and keeps working offline.
        if (random() < 0.08) networks[i]!.offline = !networks[i]!.offline;
        const ids = r.core.context.sqlite.prepare('SELECT id FROM conversations ORDER BY id').pluck().all() as string[];
        if (!ids.length) continue;
        const conversationId = pick(ids);
        const roll = random();
        if (roll < 0.35) {
          const res = await r.call('notes.add', { conversationId, body: `Nota ${step}/${i} — ñ ✓` });
          notes.set(res.note.id, `${i}/${res.mutationId}`);
        } else if (roll < 0.45) {
          const res = await r.call('messages.sendReply', { conversationId, text: `Respuesta ${step}/${i}` });
          replies.set(res.message.id, `${i}/${res.mutationId}`);
        } else if (roll < 0.65)
          await r.call('conversations.assign', { conversationId, assigneeId: pick([agentOf[ROLES[i]!], null]) });
        else if (roll < 0.8)
          await r.call('conversations.setStatus', {
            conversationId,
            status: pick<SettableStatus>(['open', 'pending', 'resolved']),
          });
        else if (roll < 0.9)
          await r.call(roll < 0.85 ? 'conversations.addTag' : 'conversations.removeTag', {
            conversationId,
            tagId: pick(world.demo.tagIds),
          });
        // Moves: agents outside the target tray are refused by the server (and rolled back here);
        // supervisors' moves take conversations out of other agents' sight.
        else
          await r.call('conversations.move', {
            conversationId,
            trayId: pick(Object.values(world.trays)),
            categoryId: null,
          });
        if (random() < 0.3) await r.call('sync.now');
      }
    }

    // The network heals; everyone syncs until nothing is pending, then once more to hear the others.
    for (const n of networks) {
      n.enabled = false;
      n.offline = false;
    }
    for (let round = 0; round < 3; round++) for (const r of replicas) await r.call('sync.now');
    for (const r of replicas)
      expect(await r.call('sync.status')).toMatchObject({
        mode: expect.stringMatching(/^(online|syncing)$/),
        pendingChanges: 0,
      });
    const refused = new Set<string>();
    for (const [i, r] of replicas.entries())
      for (const item of (await r.call('sync.rejections', {})).items) refused.add(`${i}/${item.mutationId}`);
    expect(refused.size).toBeGreaterThan(0);
    // Nothing is left to undo once every change is confirmed.
    for (const r of replicas)
      expect(r.core.context.sqlite.prepare('SELECT count(*) FROM sync_undo').pluck().get()).toBe(0);
    const accepted = (created: Map<string, string>) =>
      new Set([...created].filter(([, mutation]) => !refused.has(mutation)).map(([id]) => id));

    const stats = networks.map((n) => n.stats);
    const total = (k: 'droppedRequests' | 'droppedResponses' | 'duplicated' | 'replayedStale') =>
      stats.reduce((s, x) => s + x[k], 0);
    // The faults really happened (otherwise this test proves nothing).
    for (const kind of ['droppedRequests', 'droppedResponses', 'duplicated', 'replayedStale'] as const)
      expect(total(kind), kind).toBeGreaterThan(0);
    for (const s of stats)
      for (let k = 1; k < s.lastMutationIds.length; k++)
        expect(s.lastMutationIds[k]!).toBeGreaterThanOrEqual(s.lastMutationIds[k - 1]!);

    const count = async (table: 'notes' | 'messages', created: Map<string, string>) => {
      const rows = resultRows<{ id: string; n: number }>(
        await env.tdb.database.db.execute(
          sql`SELECT id::text AS id, count(*)::int AS n FROM ${sql.raw(table)} WHERE id::text IN (${sql.join(
            [...created.keys()].map((id) => sql`${id}`),
            sql`, `,
          )}) GROUP BY id`,
        ),
      );
      return rows;
    };
    // Zero double effects: every note and reply exactly once (the server stores the client's ids).
    const noteRows = await count('notes', notes);
    expect(new Set(noteRows.map((r) => r.id))).toEqual(accepted(notes));
    expect(noteRows.every((r) => r.n === 1)).toBe(true);
    const replyRows = await count('messages', replies);
    expect(new Set(replyRows.map((r) => r.id))).toEqual(accepted(replies));
    expect(replyRows.every((r) => r.n === 1)).toBe(true);
    const notesAudited = resultRows<{ n: number }>(
      await env.tdb.database.db.execute(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'note.added' AND workspace_id = ${world.workspaceId}`,
      ),
    )[0]!.n;
    expect(notesAudited).toBe(accepted(notes).size);

    // Every replica equals the server's view of what its agent may see.
    for (const [i, r] of replicas.entries())
      expect(replicaView(r)).toEqual(await serverView(env.tdb.database, world.workspaceId, agentOf[ROLES[i]!]));
  });
});

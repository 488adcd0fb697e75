// Five replicas working through a hostile network (dropped requests, responses lost after commit,
// requests sent three times, stale batches replayed late, random disconnects) with clocks skewed by up
// to ±24 h, doing the guide's work: notes (plain and descriptive), replies, assignments, statuses,
// resolutions under the closing policy with a disposition, snoozes, tags, tasks, tickets and hand-offs to
// other teams' trays. When the network heals and everything is quiet: zero double effects, lastMutationId
// never went back, nothing pending, and every replica equals the server's view for its agent.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../src/server';
import type { MethodInput, MethodName, MethodOutput, SettableStatus } from '../../src/shared';
import { testClock } from '../helpers/core';
import { backends, serverPerFile } from '../server/helpers';
import { makeWorld, type SyncWorld } from '../server/sync-helpers';
import { listen, replicaView, serverView, signedInReplica, type Replica } from './clients';
import { faultyNetwork, seeded } from './faults';

const DAY = 24 * 60 * 60 * 1000;
const ROLES = ['sales', 'sales2', 'support', 'supervisor', 'admin'] as const;
const OPS_PER_REPLICA = 30;
/**
 * What a replica's own rules may refuse in this mix: resolving without a)–d) or twice, a status change the
 * machine does not allow (e.g. pending → pending is a no-op, but resolved → pending is refused), a hand-off
 * to another team's tray without the note, and touching a conversation this agent moved to a tray it is not
 * in (the replica keeps it until the server confirms the move).
 */
const LOCAL_REFUSALS = [
  'errors.closingRefused',
  'errors.alreadyResolved',
  'errors.transitionNotAllowed',
  'errors.descriptiveNoteRequired',
  'errors.notTrayMember',
];

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

  /** The guide's records a replica holds: cycles (closures), tasks, tickets and their links. */
  const RECORDS = {
    cycles: `y.id || '|' || y.conversation_id || '|' || y.number || '|' || coalesce(CAST(y.resolved_by AS text), '-') || '|' ||
      coalesce(y.disposition_id, '-') || '|' || coalesce(y.justification, '-')`,
    tasks: `t.id || '|' || t.conversation_id || '|' || t.title || '|' || CASE WHEN t.done THEN 'y' ELSE 'n' END`,
    links: `l.conversation_id || '|' || l.ticket_id`,
    tickets: `k.id || '|' || coalesce(CAST(k.number AS text), '-') || '|' || k.subject || '|' || k.status`,
  };
  const replicaRecords = (r: Replica) => {
    const col = (q: string) => (r.core.context.sqlite.prepare(q).pluck().all() as string[]).sort();
    return {
      cycles: col(`SELECT ${RECORDS.cycles} FROM conversation_cycles y`),
      tasks: col(`SELECT ${RECORDS.tasks} FROM tasks t`),
      links: col(`SELECT ${RECORDS.links} FROM conversation_tickets l`),
      tickets: col(`SELECT ${RECORDS.tickets} FROM tickets k`),
    };
  };
  /** The same records on the server for one agent: of the conversations it may see; tickets workspace-wide. */
  const serverRecords = async (workspaceId: string, agentId: string) => {
    const visible = `c.workspace_id = '${workspaceId}' AND ((SELECT role FROM agents WHERE id = '${agentId}') <> 'agent'
      OR c.tray_id IN (SELECT tray_id FROM tray_members WHERE agent_id = '${agentId}'))`;
    const col = async (q: string) =>
      resultRows<{ v: string }>(await env.tdb.database.db.execute(sql.raw(q)))
        .map((x) => x.v)
        .sort();
    return {
      cycles: await col(
        `SELECT ${RECORDS.cycles} AS v FROM conversation_cycles y JOIN conversations c ON c.id = y.conversation_id WHERE ${visible}`,
      ),
      tasks: await col(
        `SELECT ${RECORDS.tasks} AS v FROM tasks t JOIN conversations c ON c.id = t.conversation_id WHERE ${visible}`,
      ),
      links: await col(
        `SELECT ${RECORDS.links} AS v FROM conversation_tickets l JOIN conversations c ON c.id = l.conversation_id WHERE ${visible}`,
      ),
      tickets: await col(`SELECT ${RECORDS.tickets} AS v FROM tickets k WHERE k.workspace_id = '${workspaceId}'`),
    };
  };

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

    // What each replica's work created or did, with the (replica, mutation) that did it: refused ones must
    // leave no trace anywhere, accepted ones exactly one.
    const notes = new Map<string, string>();
    const replies = new Map<string, string>();
    const tasks = new Map<string, string>();
    const tickets = new Map<string, string>();
    const resolves: string[] = [];
    const snoozes: string[] = [];
    /** Refused by the replica's own rules before anything was queued (the same rules the server runs). */
    const localRefusals = new Map<string, number>();
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const attempt = async <M extends MethodName>(r: Replica, method: M, input: MethodInput<M>) => {
      const res = await r.core.dispatch(method, input);
      if (res.ok) return res.value as MethodOutput<M>;
      // Only the refusals this mix can meet; anything else fails the test.
      expect(LOCAL_REFUSALS, JSON.stringify(res.error)).toContain(res.error.messageKey);
      const key = res.error.messageKey!;
      localRefusals.set(key, (localRefusals.get(key) ?? 0) + 1);
      return undefined;
    };
    const { dispositions } = await replicas[0]!.call('session.get');
    expect(dispositions.length).toBeGreaterThan(0);
    for (let step = 0; step < OPS_PER_REPLICA; step++) {
      for (const [i, r] of replicas.entries()) {
        // Random disconnects: a replica drops off for a few steps and keeps working offline.
        if (random() < 0.08) networks[i]!.offline = !networks[i]!.offline;
        const ids = r.core.context.sqlite.prepare('SELECT id FROM conversations ORDER BY id').pluck().all() as string[];
        if (!ids.length) continue;
        const conversationId = pick(ids);
        const mutation = (res: { mutationId: number | null } | undefined) =>
          res?.mutationId ? `${i}/${res.mutationId}` : undefined;
        const roll = random();
        if (roll < 0.16) {
          const res = await attempt(r, 'notes.add', { conversationId, body: `Nota ${step}/${i} — ñ ✓` });
          if (res) notes.set(res.note.id, mutation(res)!);
        } else if (roll < 0.24) {
          // The guide's note: it also opens the way for a hand-off to another team's tray below.
          const res = await attempt(r, 'notes.addDescriptive', {
            conversationId,
            fields: {
              context: `El cliente ${step}/${i} pide revisar su póliza`,
              actions: 'Revisé los datos y le respondí por este canal',
              nextSteps: 'El otro equipo confirma la cobertura mañana',
            },
          });
          if (res) notes.set(res.note.id, mutation(res)!);
        } else if (roll < 0.35) {
          const res = await attempt(r, 'messages.sendReply', { conversationId, text: `Respuesta ${step}/${i}` });
          if (res) replies.set(res.message.id, mutation(res)!);
        } else if (roll < 0.44)
          await attempt(r, 'conversations.assign', { conversationId, assigneeId: pick([agentOf[ROLES[i]!], null]) });
        else if (roll < 0.5)
          await attempt(r, 'conversations.setStatus', {
            conversationId,
            status: pick<SettableStatus>(['open', 'pending']),
          });
        else if (roll < 0.6) {
          // The closing policy decides: unanswered ones are refused here; answered ones may be refused by
          // the server if the thread changed meanwhile.
          const res = await attempt(r, 'conversations.resolve', {
            conversationId,
            dispositionId: pick(dispositions).id,
          });
          const m = mutation(res);
          if (m) resolves.push(m);
        } else if (roll < 0.68) {
          const until = r.clock.now() + Math.ceil(random() * 72) * 60 * 60 * 1000;
          const m = mutation(await attempt(r, 'conversations.snooze', { conversationId, until }));
          if (m) snoozes.push(m);
        } else if (roll < 0.73)
          await attempt(r, roll < 0.705 ? 'conversations.addTag' : 'conversations.removeTag', {
            conversationId,
            tagId: pick(world.demo.tagIds),
          });
        else if (roll < 0.8) {
          const open = r.core.context.sqlite
            .prepare('SELECT id FROM tasks WHERE conversation_id = ? ORDER BY id')
            .pluck()
            .all(conversationId) as string[];
          if (open.length && random() < 0.4)
            await attempt(r, 'tasks.update', { taskId: pick(open), done: random() < 0.7 });
          else {
            const res = await attempt(r, 'tasks.create', {
              conversationId,
              title: `Llamar al cliente ${step}/${i}`,
              dueAt: r.clock.now() + 2 * DAY,
              assigneeId: null,
            });
            if (res) tasks.set(res.task.id, mutation(res)!);
          }
        } else if (roll < 0.86) {
          const res = await attempt(r, 'tickets.create', {
            conversationId,
            subject: `Caso ${step}/${i}`,
            priority: pick(['low', 'normal', 'high', 'urgent'] as const),
          });
          if (res) tickets.set(res.ticket.id, mutation(res)!);
        }
        // Moves: into any tray; to another team's only after the descriptive note (refused here without it,
        // and by the server if the note was not there when it arrives). An agent whose conversation went
        // elsewhere meanwhile is refused by the server (and rolled back here).
        else
          await attempt(r, 'conversations.move', {
            conversationId,
            trayId: pick(Object.values(world.trays)),
            categoryId: null,
          });
        if (random() < 0.3) await r.call('sync.now');
      }
    }
    // The mix really exercised the rules and the new work items (otherwise this test proves little).
    const guideRefusals = ['errors.closingRefused', 'errors.descriptiveNoteRequired'].map(
      (k) => localRefusals.get(k) ?? 0,
    );
    expect(guideRefusals[0]! + guideRefusals[1]!, 'resolutions and hand-offs refused by the guide').toBeGreaterThan(0);
    for (const [what, n] of Object.entries({ resolves, snoozes, tasks: [...tasks], tickets: [...tickets] }))
      expect(n.length, what).toBeGreaterThan(0);

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

    const db = env.tdb.database.db;
    const count = async (table: 'notes' | 'messages' | 'tasks' | 'tickets', created: Map<string, string>) =>
      created.size
        ? resultRows<{ id: string; n: number }>(
            await db.execute(
              sql`SELECT id::text AS id, count(*)::int AS n FROM ${sql.raw(table)} WHERE id::text IN (${sql.join(
                [...created.keys()].map((id) => sql`${id}`),
                sql`, `,
              )}) GROUP BY id`,
            ),
          )
        : [];
    const audited = async (action: string) =>
      resultRows<{ n: number }>(
        await db.execute(
          sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND workspace_id = ${world.workspaceId}`,
        ),
      )[0]!.n;
    // Zero double effects: every note, reply, task and ticket exactly once (the server stores the client's
    // ids), each with exactly one history entry.
    for (const [table, created] of [
      ['notes', notes],
      ['messages', replies],
      ['tasks', tasks],
      ['tickets', tickets],
    ] as const) {
      const rows = await count(table, created);
      expect(new Set(rows.map((r) => r.id)), table).toEqual(accepted(created));
      expect(
        rows.every((r) => r.n === 1),
        table,
      ).toBe(true);
    }
    expect(await audited('note.added')).toBe(accepted(notes).size);
    expect(await audited('task.created')).toBe(accepted(tasks).size);
    expect(await audited('ticket.created')).toBe(accepted(tickets).size);
    // Ticket numbers are handed out by the server, once per accepted ticket: 1…n, no gap, no repeat.
    const numbers = resultRows<{ number: number }>(
      await db.execute(sql`SELECT number FROM tickets WHERE workspace_id = ${world.workspaceId} ORDER BY number`),
    ).map((r) => r.number);
    expect(numbers).toEqual(Array.from({ length: accepted(tickets).size }, (_, k) => k + 1));
    // Each accepted resolution closed exactly one cycle, with its disposition and justification; each
    // accepted snooze is one history entry.
    const acceptedCount = (done: string[]) => done.filter((m) => !refused.has(m)).length;
    expect(acceptedCount(resolves)).toBeGreaterThan(0);
    expect(await audited('conversation.resolved')).toBe(acceptedCount(resolves));
    const closed = resultRows<{ n: number; bad: number }>(
      await db.execute(sql`SELECT count(*)::int AS n,
          count(*) FILTER (WHERE y.disposition_id IS NULL OR y.justification IS NULL OR y.resolved_by IS NULL)::int AS bad
        FROM conversation_cycles y JOIN conversations c ON c.id = y.conversation_id
        WHERE c.workspace_id = ${world.workspaceId} AND y.resolved_at IS NOT NULL`),
    )[0]!;
    expect(closed).toEqual({ n: acceptedCount(resolves), bad: 0 });
    expect(await audited('conversation.snoozed')).toBe(acceptedCount(snoozes));

    // Every replica equals the server's view of what its agent may see, the guide's records included.
    for (const [i, r] of replicas.entries()) {
      const agentId = agentOf[ROLES[i]!];
      expect(replicaView(r)).toEqual(await serverView(env.tdb.database, world.workspaceId, agentId));
      expect(replicaRecords(r), ROLES[i]).toEqual(await serverRecords(world.workspaceId, agentId));
    }
  });
});

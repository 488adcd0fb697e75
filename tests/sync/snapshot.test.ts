// The initial sync from a snapshot, interrupted by concurrent writes: a fresh replica pulls the snapshot two
// conversations per page, and before every page another agent and the channel write — customers write
// again (their conversation jumps to the front of the activity order the snapshot pages by), new customers
// open conversations, notes, replies, assignments and tray moves. When the replica is done (snapshot, sweep,
// then the change log from the version the snapshot began at) it must equal the server's view for its agent,
// the guide's rows included: dispositions, the workspace's settings, tickets, tasks and ticket links.
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { httpTransport, type SyncTransport } from '../../src/core/sync/transport';
import { resultRows } from '../../src/server';
import { conversationTickets, tasks, tickets, workspaces } from '../../src/server/db/schema';
import { newId, type PullBody } from '../../src/shared';
import { tempDir, testClock, testPlatform } from '../helpers/core';
import { backends, PASSWORD, serverPerFile } from '../server/helpers';
import { deliver, inboundBody, makeInboundWorld, type InboundWorld } from '../server/inbound-helpers';
import { listen, replicaView, serverView, signedInReplica, type Replica } from './clients';

describe.each(backends)('snapshot sync on %s', (backend) => {
  const env = serverPerFile(backend);
  let url: string;
  let world: InboundWorld;
  const emails: Record<string, string> = {};
  const cleanups: (() => Promise<void>)[] = [];
  /** Customers who wrote once before the snapshot: writing again moves their conversation to the front. */
  const returning: string[] = [];

  beforeAll(async () => {
    url = await listen(env.s.app);
    world = await makeInboundWorld(env.s.app, env.tdb.database, 'Snapshot');
    for (const key of ['admin', 'sales', 'supervisor'] as const) {
      const res = await env.s.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${world[key].token}` },
      });
      emails[key] = res.json<{ agent: { email: string } }>().agent.email;
    }
    await seedGuideRows();
    for (let i = 0; i < 8; i++) {
      const externalId = `56911${String(i).padStart(6, '0')}`;
      returning.push(externalId);
      env.s.clock.now += 1_000; // the server's clock stands still unless moved: give each one its own time
      await deliver(env.s, {
        channelId: world.channelId,
        secret: world.secret,
        body: inboundBody({ from: { externalId, name: `Cliente ${i}` } }),
      });
    }
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  /** Tasks (of a Ventas and a Soporte conversation, and of none), two tickets and their links, settings. */
  async function seedGuideRows() {
    const db = env.tdb.database.db;
    const now = Date.now();
    const [sales, support] = [world.demo.conversations.sales![0]!.id, world.demo.conversations.support![0]!.id];
    const task = (conversationId: string | null, title: string) => ({
      id: newId(),
      workspaceId: world.workspaceId,
      conversationId,
      title,
      dueAt: now + 3_600_000,
      assigneeId: world.sales.id,
      createdBy: world.admin.id,
      createdAt: now,
      updatedAt: now,
    });
    await db
      .insert(tasks)
      .values([task(sales, 'Enviar propuesta'), task(support, 'Revisar falla'), task(null, 'Semana')]);
    const ticket = (number: number) => ({
      id: newId(),
      workspaceId: world.workspaceId,
      number,
      subject: `Caso ${number}`,
      status: 'open' as const,
      priority: 'high' as const,
      createdBy: world.admin.id,
      createdAt: now,
      updatedAt: now,
    });
    const [t1, t2] = [ticket(1), ticket(2)];
    await db.insert(tickets).values([t1, t2]);
    await db.insert(conversationTickets).values([
      { conversationId: sales, ticketId: t1.id, createdAt: now },
      { conversationId: support, ticketId: t1.id, createdAt: now },
      { conversationId: support, ticketId: t2.id, createdAt: now },
    ]);
    await db
      .update(workspaces)
      .set({ settings: { reopenWindowHours: 6 } })
      .where(eq(workspaces.id, world.workspaceId));
  }

  /** The guide's rows as the replica holds them and as the server would show them to this agent. */
  function replicaGuideRows(core: Core) {
    const s = core.context.sqlite;
    const col = (q: string) => (s.prepare(q).pluck().all() as string[]).sort();
    return {
      dispositions: col(`SELECT name FROM dispositions`),
      tickets: col(`SELECT id || '|' || number FROM tickets`),
      tasks: col(`SELECT id || '|' || coalesce(conversation_id, '-') FROM tasks`),
      links: col(`SELECT conversation_id || '/' || ticket_id FROM conversation_tickets`),
      settings: col(`SELECT settings FROM workspaces`).map((x) => JSON.parse(x) as unknown),
    };
  }
  async function serverGuideRows(agentId: string) {
    const db = env.tdb.database.db;
    const visible = sql.raw(`(SELECT role FROM agents WHERE id = '${agentId}') <> 'agent'
      OR c.tray_id IN (SELECT tray_id FROM tray_members WHERE agent_id = '${agentId}')`);
    const col = async (q: ReturnType<typeof sql>) =>
      resultRows<{ v: string }>(await db.execute(q))
        .map((r) => r.v)
        .sort();
    const ws = world.workspaceId;
    return {
      dispositions: await col(sql`SELECT name AS v FROM dispositions WHERE workspace_id = ${ws}`),
      tickets: await col(sql`SELECT id || '|' || number AS v FROM tickets WHERE workspace_id = ${ws}`),
      tasks: await col(sql`SELECT t.id || '|' || coalesce(t.conversation_id::text, '-') AS v FROM tasks t
        LEFT JOIN conversations c ON c.id = t.conversation_id
        WHERE t.workspace_id = ${ws} AND (t.conversation_id IS NULL OR ${visible})`),
      links: await col(sql`SELECT l.conversation_id || '/' || l.ticket_id AS v FROM conversation_tickets l
        JOIN conversations c ON c.id = l.conversation_id WHERE c.workspace_id = ${ws} AND (${visible})`),
      settings: [{ reopenWindowHours: 6 }],
    };
  }

  /** A fresh replica whose pulls are small and whose every snapshot page is preceded by `before()`. */
  async function snapshotReplica(email: string, before: () => Promise<void>) {
    const { dir } = tempDir('bandeja-snapshot-');
    const pulls: PullBody[] = [];
    const core = createCore({
      platform: testPlatform(dir, testClock(Date.now())),
      dbFile: join(dir, 'bandeja.db'),
      validateOutput: true,
      sync: {
        idlePullMs: 60_000,
        retryMinMs: 20,
        retryMaxMs: 100,
        pullLimit: 2,
        realtime: false,
        transportFactory: (serverUrl, token): SyncTransport => {
          const inner = httpTransport(serverUrl, token);
          return {
            push: (body) => inner.push(body),
            pull: async (body) => {
              pulls.push(body);
              if (body.snapshot) await before();
              return inner.pull(body);
            },
          };
        },
      },
    });
    cleanups.push(() => core.close());
    const call = async (method: string, input: unknown = {}) => {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value;
    };
    await call('auth.signIn', { serverUrl: url, email, password: PASSWORD });
    await call('sync.now');
    return { core, pulls };
  }

  it.each(['supervisor', 'sales'] as const)(
    "a snapshot interrupted by concurrent writes ends equal to the server's view (%s)",
    async (who) => {
      const writer: Replica = await signedInReplica(url, emails.admin!);
      cleanups.push(() => writer.cleanup());
      const sales = world.demo.conversations.sales!.map((c) => c.id);
      const support = world.demo.conversations.support!.map((c) => c.id);
      let step = 0;
      const disturb = async () => {
        step++;
        const customer = returning[step % returning.length]!;
        // The customer writes again, later: last activity moves past the snapshot's keyset.
        env.s.clock.now += 1_000;
        await deliver(env.s, {
          channelId: world.channelId,
          secret: world.secret,
          body: inboundBody({ from: { externalId: customer, name: 'Cliente' }, text: `Otra vez ${step}` }),
        });
        if (step % 3 === 0)
          await deliver(env.s, { channelId: world.channelId, secret: world.secret, body: inboundBody() });
        const conversationId = sales[step % sales.length]!;
        await writer.call('notes.add', { conversationId, body: `Nota concurrente ${step}` });
        await writer.call('messages.sendReply', { conversationId, text: `Respuesta ${step}` });
        await writer.call('conversations.assign', {
          conversationId: support[step % support.length]!,
          assigneeId: step % 2 ? world.support.id : null,
        });
        // Out of Ventas and back: the sales agent loses it, then gets it again whole.
        if (step === 2)
          await writer.call('conversations.move', { conversationId, trayId: world.trays.support, categoryId: null });
        if (step === 4) {
          const moved = sales[2 % sales.length]!;
          await writer.call('conversations.move', {
            conversationId: moved,
            trayId: world.trays.sales,
            categoryId: null,
          });
        }
        await writer.call('sync.now');
      };

      const reader = await snapshotReplica(emails[who]!, disturb);
      const snapshotPages = reader.pulls.filter((p) => p.snapshot !== undefined).length;
      // Ventas holds two conversations, so the sales agent's snapshot is short; the supervisor's spans pages.
      expect(snapshotPages).toBeGreaterThanOrEqual(who === 'sales' ? 2 : 5);
      expect(step).toBe(reader.pulls.filter((p) => p.snapshot).length);
      // The snapshot handed over to the log: later pulls carry a cursor and no token.
      expect(reader.pulls.at(-1)).toMatchObject({ cursor: expect.any(Number) });
      expect(reader.pulls.at(-1)!.cursor).toBeGreaterThan(0);
      expect(reader.pulls.at(-1)!.snapshot).toBeUndefined();

      const agentId = world[who].id;
      const expected = await serverView(env.tdb.database, world.workspaceId, agentId);
      const got = replicaView({ core: reader.core } as Replica);
      expect(got).toEqual(expected);
      expect(got.conversations.length).toBeGreaterThan(0);
      const guide = replicaGuideRows(reader.core);
      expect(guide).toEqual(await serverGuideRows(agentId));
      expect(guide.dispositions).toHaveLength(4);
      expect(guide.tickets).toHaveLength(2);
      expect(guide.tasks).toHaveLength(who === 'sales' ? 2 : 3);
      expect(guide.links).toHaveLength(who === 'sales' ? 1 : 3);
      // Every customer of a conversation came along (foreign keys held at every page's commit anyway).
      const orphans = reader.core.context.sqlite
        .prepare(
          'SELECT count(*) AS n FROM conversations c LEFT JOIN contacts k ON k.id = c.contact_id WHERE k.id IS NULL',
        )
        .get() as { n: number };
      expect(orphans.n).toBe(0);
    },
  );

  it('a token of another client restarts the snapshot from the reference data', async () => {
    const res = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: { authorization: `Bearer ${world.sales.token}` },
      payload: { clientId: '01a20000-0000-7000-8000-000000000001', cursor: 0, snapshot: 'not-a-token', limit: 1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ changes: { entity: string }[]; snapshot?: string; hasMore: boolean }>();
    expect(body.changes.some((c) => c.entity === 'workspaces')).toBe(true);
    expect(body.snapshot).toEqual(expect.any(String));
    expect(body.hasMore).toBe(true);
    const bad = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: { authorization: `Bearer ${world.sales.token}` },
      payload: { clientId: '01a20000-0000-7000-8000-000000000001', cursor: 5, snapshot: '' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

// The wake-up job (src/server/jobs/wake.ts) on one server: a snooze pushed by a replica comes back to
// Abiertas when the server's clock passes its time — same assignee, snooze cleared, one system audit row,
// change-log rows another replica pulls, a poke. A re-snooze moves the wake; a customer message wakes it
// early and the job then leaves it alone; follow-up reminders bring pending conversations back unless the
// customer answered; resolved conversations are never touched; a snooze that reaches the server after its
// time (drafted offline) wakes at once, once; and what fell due while no server ran wakes at the next start.
// The clock is the server's (tests move it); the job runs every few milliseconds and reports each run.
import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, changeLog, conversations } from '../../src/server/db/schema';
import type { ServerContext } from '../../src/server/context';
import { wakeDue, type WakeOptions } from '../../src/server/jobs';
import { createLocalFeed } from '../../src/server/realtime/feed';
import type { Database } from '../../src/server';
import { seedDemoConversations } from '../../src/server/services/demo';
import { backends, createWorkspace, makeServer, openTestDatabase, type TestDatabase, type TestServer } from './helpers';
import { deliver, inboundBody, type InboundWorld, makeInboundWorld } from './inbound-helpers';
import { makeWorld, type SyncWorld, TestClient } from './sync-helpers';

const HOUR = 3_600_000;

/** Counts the job's completed runs. `afterRuns()` = two more: the second began after the call. */
function runCounter() {
  let runs = 0;
  const onRun: WakeOptions['onRun'] = () => void (runs += 1);
  async function untilRuns(target: number, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (runs < target) {
      if (Date.now() > end) throw new Error(`the wake job did not reach ${target} runs within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return { onRun, untilRuns, afterRuns: (n = 2) => untilRuns(runs + n) };
}

function queries(database: () => Database) {
  const db = () => database().db;
  return {
    row: async (id: string) => (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!,
    auditsOf: (conversationId: string, action: string) =>
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.conversationId, conversationId), eq(auditLog.action, action)))
        .orderBy(asc(auditLog.at)),
    /** The newest change-log version. */
    top: async () =>
      (
        await db()
          .select({ v: max(changeLog.version) })
          .from(changeLog)
      )[0]?.v ?? 0,
    /** Change-log rows of one entity after `version`. */
    logOf: (entityId: string, version: number) =>
      db()
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, entityId), gt(changeLog.version, version)))
        .orderBy(asc(changeLog.version)),
  };
}

describe.each(backends)('the wake-up job on %s', (backend) => {
  let tdb: TestDatabase;
  let s: TestServer;
  let w: InboundWorld;
  const feed = createLocalFeed();
  let pokes = 0;
  const { onRun, afterRuns } = runCounter();
  const q = queries(() => tdb.database);

  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
    s = await makeServer(tdb.database, { feed, wake: { intervalMs: 20, onRun } });
    w = await makeInboundWorld(s.app, tdb.database, 'Despertar');
    feed.subscribe(w.workspaceId, () => void (pokes += 1));
  });
  afterAll(async () => {
    await s?.app.close();
    await feed.close();
    await tdb?.dispose();
  });

  const client = (token: string) => new TestClient(s.app, token);
  const snooze = (token: string, conversationId: string, until: number) =>
    client(token).run('snooze', { conversationId, until });
  const write = (externalId: string, text = 'Hola, ¿me ayudan?') =>
    deliver(s, { channelId: w.channelId, secret: w.secret, body: inboundBody({ from: { externalId }, text }) });

  it('a pushed snooze wakes when the clock reaches it: open, same owner, once, pulled by a replica, poked', async () => {
    const id = w.demo.conversations.sales![0]!.id;
    await tdb.database.db.update(conversations).set({ assigneeId: w.sales.id }).where(eq(conversations.id, id));
    const replica = client(w.sales2.token);
    const { cursor } = await replica.pullAll();

    const until = s.clock.now + HOUR;
    expect((await snooze(w.sales.token, id, until)).status).toBe('applied');
    await afterRuns();
    expect(await q.row(id)).toMatchObject({ status: 'snoozed', snoozedUntil: until, snoozedBy: w.sales.id });

    const pokesBefore = pokes;
    s.clock.now = until; // due at its time exactly
    await afterRuns();
    const woken = await q.row(id);
    expect(woken).toMatchObject({
      status: 'open',
      assigneeId: w.sales.id,
      snoozedUntil: null,
      snoozedBy: null,
      updatedAt: until,
    });
    const audits = await q.auditsOf(id, 'conversation.snoozeWoke');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorKind: 'system',
      actorId: null,
      entity: 'conversation',
      entityId: id,
      before: { status: 'snoozed', until },
      after: { status: 'open' },
      at: until,
    });
    expect(pokes).toBeGreaterThan(pokesBefore);

    // The other replica of the tray pulls the conversation, open, and its history entry.
    const pulled = await replica.pullAll(cursor);
    const last = pulled.changes.filter((c) => c.entity === 'conversations' && c.entityId === id).at(-1)!;
    expect(last.data).toMatchObject({ status: 'open', snoozedUntil: null, assigneeId: w.sales.id });
    expect(last.data!.version).toBe(last.version);
    expect(woken.version).toBe(last.version); // stamped like push stamps it
    expect(pulled.changes.filter((c) => c.entity === 'audit_log' && c.entityId === audits[0]!.id)).toHaveLength(1);

    await afterRuns();
    expect(await q.auditsOf(id, 'conversation.snoozeWoke')).toHaveLength(1);
  });

  it('a re-snooze before the time moves the wake', async () => {
    const id = w.demo.conversations.sales![1]!.id;
    const first = s.clock.now + HOUR;
    const second = s.clock.now + 3 * HOUR;
    expect((await snooze(w.sales.token, id, first)).status).toBe('applied');
    expect((await snooze(w.sales.token, id, second)).status).toBe('applied');

    s.clock.now = first + 1;
    await afterRuns();
    expect(await q.row(id)).toMatchObject({ status: 'snoozed', snoozedUntil: second });
    expect(await q.auditsOf(id, 'conversation.snoozeWoke')).toHaveLength(0);

    s.clock.now = second + 1;
    await afterRuns();
    expect(await q.row(id)).toMatchObject({ status: 'open', snoozedUntil: null });
    const audits = await q.auditsOf(id, 'conversation.snoozeWoke');
    expect(audits.map((a) => a.before)).toEqual([{ status: 'snoozed', until: second }]);
  });

  it('a customer message wakes it early; at the old time the job does nothing', async () => {
    const { conversationId: id } = await write('wake-early');
    const until = s.clock.now + HOUR;
    expect((await snooze(w.supervisor.token, id, until)).status).toBe('applied');
    s.clock.now += 60_000;
    expect((await write('wake-early', 'Ya encontré el número de póliza')).conversationId).toBe(id);
    expect(await q.row(id)).toMatchObject({ status: 'open', snoozedUntil: null, snoozedBy: null });
    const version = await q.top();

    s.clock.now = until + 1;
    await afterRuns();
    expect(await q.auditsOf(id, 'conversation.snoozeWoke')).toHaveLength(0);
    expect(await q.logOf(id, version)).toHaveLength(0);
  });

  it('a follow-up reminder brings a pending conversation back at its time', async () => {
    const id = w.demo.conversations.global![0]!.id;
    const sup = client(w.supervisor.token);
    const from = await q.top();
    expect((await sup.run('setStatus', { conversationId: id, status: 'pending' })).status).toBe('applied');
    const at = s.clock.now + 2 * HOUR;
    expect((await sup.run('setFollowUp', { conversationId: id, at })).status).toBe('applied');
    const before = await q.row(id);
    await afterRuns();
    expect(await q.row(id)).toMatchObject({ status: 'pending', followUpAt: at, followUpBy: w.supervisor.id });

    s.clock.now = at;
    await afterRuns();
    expect(await q.row(id)).toMatchObject({
      status: 'open',
      followUpAt: null,
      followUpBy: null,
      assigneeId: before.assigneeId,
    });
    const audits = await q.auditsOf(id, 'conversation.followUpDue');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorKind: 'system',
      actorId: null,
      before: { status: 'pending', followUpAt: at },
      after: { status: 'open' },
    });
    const statuses = (await q.logOf(id, from)).filter((c) => c.entity === 'conversations').map((c) => c.data!.status);
    expect(statuses).toEqual(['pending', 'pending', 'open']);
  });

  it('a customer answer before the follow-up time cancels it', async () => {
    const { conversationId: id } = await write('follow-cancel');
    const sup = client(w.supervisor.token);
    expect((await sup.run('setStatus', { conversationId: id, status: 'pending' })).status).toBe('applied');
    const at = s.clock.now + 2 * HOUR;
    expect((await sup.run('setFollowUp', { conversationId: id, at })).status).toBe('applied');
    s.clock.now += HOUR;
    await write('follow-cancel', 'Listo, ya les envié el documento');
    expect(await q.row(id)).toMatchObject({ status: 'open', followUpAt: null });

    s.clock.now = at + 1;
    await afterRuns();
    expect(await q.auditsOf(id, 'conversation.followUpDue')).toHaveLength(0);
  });

  it('never touches a resolved conversation (nor an open one) whatever due times it still holds', async () => {
    const resolved = w.demo.conversations.global![1]!.id;
    const open = w.demo.conversations.support![0]!.id;
    const past = s.clock.now - HOUR;
    const from = await q.top();
    const stale = { snoozedUntil: past, snoozedBy: w.support.id, followUpAt: past, followUpBy: w.support.id };
    await tdb.database.db
      .update(conversations)
      .set({ status: 'resolved', ...stale })
      .where(eq(conversations.id, resolved));
    await tdb.database.db
      .update(conversations)
      .set({ status: 'open', ...stale })
      .where(eq(conversations.id, open));
    await afterRuns();
    expect(await q.row(resolved)).toMatchObject({ status: 'resolved', ...stale });
    expect(await q.row(open)).toMatchObject({ status: 'open', ...stale });
    expect(await q.logOf(resolved, from)).toHaveLength(0);
    expect(await q.logOf(open, from)).toHaveLength(0);
  });

  it('a snooze drafted offline that reaches the server after its time wakes at once, once', async () => {
    const id = w.demo.conversations.support![1]!.id;
    const until = s.clock.now - 5 * 60_000;
    const from = await q.top();
    expect((await snooze(w.support.token, id, until)).status).toBe('applied');
    await afterRuns();
    expect(await q.row(id)).toMatchObject({ status: 'open', snoozedUntil: null });
    await afterRuns();
    expect(await q.auditsOf(id, 'conversation.snoozeWoke')).toHaveLength(1);
    const statuses = (await q.logOf(id, from)).filter((c) => c.entity === 'conversations').map((c) => c.data!.status);
    expect(statuses).toEqual(['snoozed', 'open']);
  });
});

describe.each(backends)('without a running job, on %s', (backend) => {
  let tdb: TestDatabase;
  let down: TestServer;
  let w: SyncWorld;
  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
    // This server takes the snoozes but runs no job: for the job, that is "every server down".
    down = await makeServer(tdb.database);
    w = await makeWorld(down.app, tdb.database, 'Reinicio');
  });
  afterAll(async () => {
    await down?.app.close();
    await tdb?.dispose();
  });
  const q = queries(() => tdb.database);

  it('snoozes that fell due while no server ran wake in the first run at the next start', async () => {
    const id = w.demo.conversations.sales![0]!.id;
    const until = down.clock.now + HOUR;
    expect((await new TestClient(down.app, w.sales.token).run('snooze', { conversationId: id, until })).status).toBe(
      'applied',
    );

    // Started after the time, with an interval far too long to matter: only the start-up run can wake it.
    const { onRun, untilRuns } = runCounter();
    const up = await makeServer(tdb.database, { wake: { intervalMs: HOUR, onRun } });
    up.clock.now = until + HOUR;
    try {
      await up.app.ready();
      await untilRuns(1);
      expect(await q.row(id)).toMatchObject({ status: 'open', snoozedUntil: null });
      expect(await q.auditsOf(id, 'conversation.snoozeWoke')).toHaveLength(1);
    } finally {
      await up.app.close();
    }
  });

  it('a workspace whose batch fails is logged and left for the next run; the others still wake', async () => {
    const db = tdb.database.db;
    const other = await createWorkspace(down.app, 'Otra');
    const { conversations: otherConvs } = await seedDemoConversations(db, other.workspace.id, {
      trayKeys: ['global'],
      perTray: 1,
      now: down.clock.now,
    });
    const broken = w.demo.conversations.sales![1]!.id;
    const healthy = otherConvs.global![0]!.id;
    const past = down.clock.now - 60_000;
    for (const id of [broken, healthy])
      await db
        .update(conversations)
        .set({ status: 'snoozed', snoozedUntil: past, snoozedBy: w.sales.id })
        .where(eq(conversations.id, id));
    // The database refuses to touch one conversation, as a constraint or a lost connection might.
    await db.execute(
      sql.raw(`create function wake_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger wake_refuse before update on conversations for each row
      when (old.id = '${broken}') execute function wake_refuse()`),
    );

    const errors: object[] = [];
    const log = { info: () => undefined, error: (obj: object) => void errors.push(obj) };
    const ctx: ServerContext = {
      database: tdb.database,
      db,
      now: () => down.clock.now,
      allowSignup: true,
      feed: createLocalFeed(),
    };
    try {
      expect(await wakeDue(ctx, log, 100)).toBe(1);
    } finally {
      await db.execute(sql.raw('drop trigger wake_refuse on conversations'));
      await db.execute(sql.raw('drop function wake_refuse()'));
    }
    expect(errors).toEqual([expect.objectContaining({ workspaceId: w.workspaceId })]);
    expect(await q.row(healthy)).toMatchObject({ status: 'open' });
    expect(await q.row(broken)).toMatchObject({ status: 'snoozed', snoozedUntil: past });

    expect(await wakeDue(ctx, log, 100)).toBe(1); // the next run
    expect(await q.row(broken)).toMatchObject({ status: 'open', snoozedUntil: null });
    for (const id of [broken, healthy]) expect(await q.auditsOf(id, 'conversation.snoozeWoke')).toHaveLength(1);
    expect(await wakeDue(ctx, log, 100)).toBe(0);
  });
});

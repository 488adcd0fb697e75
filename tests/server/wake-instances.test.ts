// The wake-up job on several server instances of one PostgreSQL database (issue 5): two buildServer, each
// with its own pool and its job running at the default interval, and 1,000 snoozes due at the same instant
// → every conversation wakes exactly once (one audit row, one "open" change in the log), all within
// seconds of the due time (the figures are printed). Then every server stops, the due times pass, and two
// new instances start together: their start-up runs wake everything, once. PostgreSQL only, like the other
// multi-instance tests (PGlite serves one process).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, contacts, conversations } from '../../src/server/db/schema';
import { type Database, resultRows } from '../../src/server';
import { newId } from '../../src/shared';
import { makeServer, openTestDatabase, type TestDatabase, type TestServer } from './helpers';
import { makeWorld, type SyncWorld } from './sync-helpers';

const PG_URL = process.env.TEST_DATABASE_URL;
const HOUR = 3_600_000;

describe.skipIf(!PG_URL)('the wake-up job on two instances of one PostgreSQL database', () => {
  let tdb: TestDatabase;
  let w: SyncWorld;
  const running = new Set<TestServer>();
  /** Conversations each instance woke (by name), from the job's run reports. */
  const wokeBy: Record<string, number> = {};

  /** An instance with its own pool and its job at the default interval unless told otherwise. */
  async function instance(name: string, database: Database, now: () => number, intervalMs?: number) {
    wokeBy[name] = 0;
    const onRun = (n: number) => void (wokeBy[name]! += n);
    const s = await makeServer(database, { now, wake: { onRun, ...(intervalMs ? { intervalMs } : {}) } });
    await s.app.ready(); // the job starts with the server
    running.add(s);
    return s;
  }
  async function stop(s: TestServer) {
    running.delete(s);
    await s.app.close();
  }

  beforeAll(async () => {
    tdb = await openTestDatabase('postgres');
    const setup = await makeServer(tdb.database);
    w = await makeWorld(setup.app, tdb.database, 'Instancias');
    await setup.app.close();
  });
  afterAll(async () => {
    for (const s of running) await s.app.close();
    await tdb?.dispose();
  });

  /** `count` conversations of the sales agent, snoozed by them as the mutation leaves them; returns ids. */
  async function snoozed(count: number, dueOf: (i: number) => number): Promise<string[]> {
    const at = Date.now();
    const ids = Array.from({ length: count }, () => newId());
    await tdb.database.db.transaction(async (tx) => {
      const contactIds = ids.map(() => newId());
      await tx
        .insert(contacts)
        .values(contactIds.map((id, i) => ({ id, workspaceId: w.workspaceId, name: `Cliente ${i}`, createdAt: at })));
      await tx.insert(conversations).values(
        ids.map((id, i) => ({
          id,
          workspaceId: w.workspaceId,
          contactId: contactIds[i]!,
          channelId: w.demo.channelId,
          channelKind: 'whatsapp',
          trayId: w.trays.sales,
          status: 'snoozed' as const,
          assigneeId: w.sales.id,
          snoozedUntil: dueOf(i),
          snoozedBy: w.sales.id,
          lastActivityAt: at,
          cycleStartedAt: at,
          createdAt: at,
          updatedAt: at,
        })),
      );
    });
    return ids;
  }

  /** The jobs report a run when it ends, a moment after its last commit. */
  async function reported(names: string[], total: number): Promise<number> {
    const sum = () => names.reduce((n, name) => n + wokeBy[name]!, 0);
    for (let waited = 0; sum() < total && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    return sum();
  }

  async function waitAllOpen(ids: string[], timeoutMs: number): Promise<number> {
    const start = Date.now();
    for (;;) {
      const [row] = await tdb.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(conversations)
        .where(and(eq(conversations.workspaceId, w.workspaceId), eq(conversations.status, 'snoozed')));
      if (row!.n === 0) return Date.now();
      if (Date.now() - start > timeoutMs) throw new Error(`${row!.n} of ${ids.length} still snoozed`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Every conversation woke exactly once: one audit row, one "open" change and one history change each. */
  async function expectWokenOnce(ids: string[]) {
    const db = tdb.database.db;
    const audits = resultRows<{ id: string; n: number }>(
      await db.execute(sql`
        select conversation_id as id, count(*)::int as n from ${auditLog}
        where workspace_id = ${w.workspaceId} and action = 'conversation.snoozeWoke' group by conversation_id`),
    );
    const opened = resultRows<{ id: string; n: number }>(
      await db.execute(sql`
        select entity_id as id, count(*)::int as n from change_log
        where workspace_id = ${w.workspaceId} and entity = 'conversations' and data->>'status' = 'open'
        group by entity_id`),
    );
    const history = resultRows<{ n: number }>(
      await db.execute(sql`
        select count(*)::int as n from change_log c join ${auditLog} a on a.id::text = c.entity_id
        where c.workspace_id = ${w.workspaceId} and c.entity = 'audit_log' and a.action = 'conversation.snoozeWoke'`),
    );
    const all = new Set(ids);
    for (const rows of [audits, opened]) {
      expect(rows.filter((r) => all.has(r.id))).toHaveLength(ids.length);
      expect(rows.filter((r) => all.has(r.id) && r.n !== 1)).toEqual([]);
    }
    expect(history[0]!.n).toBe(audits.reduce((sum, r) => sum + r.n, 0));
    const rows = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.workspaceId, w.workspaceId), eq(conversations.status, 'open')));
    const woken = rows.filter((r) => all.has(r.id));
    expect(woken).toHaveLength(ids.length);
    for (const r of woken) expect(r).toMatchObject({ assigneeId: w.sales.id, snoozedUntil: null, snoozedBy: null });
  }

  it('1,000 snoozes due at once: each wakes exactly once, within seconds', async () => {
    const a = await instance('A', tdb.database, Date.now);
    const b = await instance('B', await tdb.reopen(), Date.now);
    const due = Date.now() + 3_000;
    const ids = await snoozed(1_000, () => due); // the worst case of "the same minute": the same instant
    expect(Date.now()).toBeLessThan(due); // written before anything came due

    const done = await waitAllOpen(ids, 30_000);
    expect(await reported(['A', 'B'], 1_000)).toBe(1_000);
    // Batches of 100 (the default): one transaction each, so the workspace lock is held only briefly.
    const [batches] = await tdb.database.db
      .select({ n: sql<number>`count(distinct xmin::text)::int` })
      .from(conversations)
      .where(inArray(conversations.id, ids));
    const lag = resultRows<{ max: number; p50: number }>(
      await tdb.database.db.execute(sql`
        select max(a.at - (a.before->>'until')::bigint)::int as max,
               percentile_cont(0.5) within group (order by a.at - (a.before->>'until')::bigint)::int as p50
        from ${auditLog} a where a.workspace_id = ${w.workspaceId} and a.action = 'conversation.snoozeWoke'`),
    )[0]!;
    console.log(
      `[wake] 1,000 snoozes due at one instant, two instances: all open ${done - due} ms after it; wake lag p50 ${lag.p50} ms, max ${lag.max} ms; woken by A ${wokeBy.A}, by B ${wokeBy.B}, in ${batches!.n} transactions`,
    );
    expect(done - due).toBeLessThan(5_000);
    expect(batches!.n).toBe(10);
    await expectWokenOnce(ids);

    // Runs later find nothing to do.
    const [runsA, runsB] = [wokeBy.A, wokeBy.B];
    await new Promise((r) => setTimeout(r, 1_500));
    expect([wokeBy.A, wokeBy.B]).toEqual([runsA, runsB]);
    await stop(a);
    await stop(b);
  });

  it('snoozes that fell due while every server was down wake once when two instances start together', async () => {
    const ids = await snoozed(300, (i) => Date.now() + HOUR + i * 1_000); // due over the next hour and more
    // Every server is down (the first test stopped its two); the clock moves past the due times…
    const later = () => Date.now() + 2 * HOUR;
    // …and two instances start at once. Their interval is far too long to matter: only start-up runs count.
    const started = Date.now();
    const [c, d] = await Promise.all([
      instance('C', await tdb.reopen(), later, HOUR),
      instance('D', await tdb.reopen(), later, HOUR),
    ]);
    const done = await waitAllOpen(ids, 30_000);
    expect(await reported(['C', 'D'], 300)).toBe(300);
    console.log(
      `[wake] restart: 300 snoozes due while down, all open ${done - started} ms after two instances started ` +
        `(C woke ${wokeBy.C}, D woke ${wokeBy.D})`,
    );
    await expectWokenOnce(ids);
    await stop(c);
    await stop(d);
  });
});

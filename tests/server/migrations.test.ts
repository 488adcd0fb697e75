// The one set of migration files builds the same schema on empty PGlite and empty PostgreSQL, and
// reopening (a restart) applies nothing twice and keeps the data. The trigger of migration 0004 keeps a
// resolved cycle's closure record immutable on both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, resultRows } from '../../src/server';
import { channels, contacts, conversationCycles, conversations, trays, workspaces } from '../../src/server/db/schema';
import { backends, openTestDatabase, type TestDatabase } from './helpers';

const TABLES = [
  'agents',
  'audit_log',
  'categories',
  'change_log',
  'channel_secrets',
  'channels',
  'clients',
  'companies',
  'contact_identities',
  'contacts',
  'conversation_cycles',
  'conversation_tags',
  'conversation_tickets',
  'conversations',
  'dispositions',
  'inbound_messages',
  'inbound_webhooks',
  'messages',
  'mutation_rejections',
  'notes',
  'outbound_queue',
  'sessions',
  'tags',
  'tasks',
  'tickets',
  'tray_members',
  'trays',
  'workspaces',
];

async function tableNames(database: Database): Promise<string[]> {
  const res = await database.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return resultRows<{ table_name: string }>(res).map((r) => r.table_name);
}

async function appliedMigrations(database: Database): Promise<number> {
  const res = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return resultRows<{ n: number }>(res)[0]!.n;
}

const insertWorkspace = (database: Database, slug: string) =>
  database.db.insert(workspaces).values({
    id: crypto.randomUUID(),
    slug,
    name: slug,
    timezone: 'UTC',
    createdAt: Date.now(),
  });

describe('migrations on PGlite (data directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bandeja-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('apply on an empty directory and are idempotent on restart', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(await tableNames(first)).toEqual(TABLES);
    const applied = await appliedMigrations(first);
    expect(applied).toBeGreaterThan(0);
    await insertWorkspace(first, 'kept-across-restart');
    // change_log.version is an identity column: strictly increasing, handed out by the database.
    const [w] = await first.db.select().from(workspaces);
    const res = await first.db.execute(
      sql`insert into change_log (workspace_id, entity, entity_id, op, created_at)
          values (${w!.id}, 'tray', 'a', 'put', 0), (${w!.id}, 'tray', 'b', 'put', 0) returning version`,
    );
    const [v1, v2] = resultRows<{ version: number }>(res).map((r) => Number(r.version));
    expect(v2! > v1!).toBe(true);
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(await appliedMigrations(second)).toBe(applied);
      const rows = await second.db.select({ slug: workspaces.slug }).from(workspaces);
      expect(rows.map((r) => r.slug)).toEqual(['kept-across-restart']);
    } finally {
      await second.close();
    }
  });
});

describe.each(backends.filter((b) => b === 'postgres'))('migrations on %s', (backend) => {
  let tdb: TestDatabase;
  afterAll(async () => tdb?.dispose());

  it('apply on an empty database, are idempotent, and tolerate concurrent starts', async () => {
    tdb = await openTestDatabase(backend);
    expect(await tableNames(tdb.database)).toEqual(TABLES);
    const applied = await appliedMigrations(tdb.database);
    await insertWorkspace(tdb.database, 'kept');
    // Two more "server processes" starting at once on the same database.
    const [a, b] = await Promise.all([tdb.reopen(), tdb.reopen()]);
    expect(await appliedMigrations(a)).toBe(applied);
    expect(await appliedMigrations(b)).toBe(applied);
    expect((await b.db.select().from(workspaces)).map((w) => w.slug)).toEqual(['kept']);
  });
});

describe.each(backends)('closed cycles on %s', (backend) => {
  let tdb: TestDatabase;
  afterAll(async () => tdb?.dispose());

  /** SQLSTATE of a failed statement (drizzle wraps the driver's error in `cause`). */
  const sqlState = (err: unknown): unknown => {
    for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
      if (typeof (e as { code?: unknown }).code === 'string') return (e as { code: string }).code;
    return undefined;
  };

  it('a resolved cycle keeps its closure (a no-op write and a merge re-homing it pass); an open one changes; both can be deleted', async () => {
    tdb = await openTestDatabase(backend);
    const { db } = tdb.database;
    const id = () => crypto.randomUUID();
    const now = Date.now();
    const workspaceId = id();
    await db
      .insert(workspaces)
      .values({ id: workspaceId, slug: `cycles-${backend}`, name: 'x', timezone: 'UTC', createdAt: now });
    const trayId = id();
    await db
      .insert(trays)
      .values({ id: trayId, workspaceId, key: 'global', name: 'Global', team: 'global', position: 0 });
    const channelId = id();
    await db.insert(channels).values({ id: channelId, workspaceId, kind: 'whatsapp', name: 'WA', address: '+1' });
    const contactId = id();
    await db.insert(contacts).values({ id: contactId, workspaceId, name: 'Cliente', createdAt: now });
    const conversationId = id();
    await db.insert(conversations).values({
      id: conversationId,
      workspaceId,
      contactId,
      channelId,
      channelKind: 'whatsapp',
      trayId,
      status: 'resolved',
      lastActivityAt: now,
      cycle: 2,
      cycleStartedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const closedId = id();
    const openId = id();
    await db.insert(conversationCycles).values([
      { id: closedId, conversationId, number: 1, startedAt: now - 10, resolvedAt: now - 5, justification: 'answered' },
      { id: openId, conversationId, number: 2, startedAt: now },
    ]);

    for (const change of [
      { justification: 'derived' },
      { resolvedAt: null },
      { dispositionId: id() },
      { startedAt: now - 11 },
      { firstHumanReplyAt: now - 7 },
      { number: 5, justification: 'derived' },
    ]) {
      const err = await db
        .update(conversationCycles)
        .set(change)
        .where(eq(conversationCycles.id, closedId))
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err, JSON.stringify(change)).not.toBeNull();
      expect(sqlState(err)).toBe('23514');
      expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/resolved: its closure record cannot change/);
    }
    // Re-saving the row exactly as it is changes nothing and is let through.
    await db.update(conversationCycles).set({ justification: 'answered' }).where(eq(conversationCycles.id, closedId));
    const [closed] = await db.select().from(conversationCycles).where(eq(conversationCycles.id, closedId));
    expect(closed).toMatchObject({ resolvedAt: now - 5, justification: 'answered', dispositionId: null });

    // A merge re-homes a closed cycle: another conversation and number, the same closure record.
    const otherId = id();
    await db.insert(conversations).values({
      id: otherId,
      workspaceId,
      contactId,
      channelId,
      channelKind: 'whatsapp',
      trayId,
      status: 'open',
      lastActivityAt: now,
      cycleStartedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await db
      .update(conversationCycles)
      .set({ conversationId: otherId, number: 7 })
      .where(eq(conversationCycles.id, closedId));
    await db.update(conversationCycles).set({ conversationId, number: 1 }).where(eq(conversationCycles.id, closedId));

    // The open cycle is written as usual, up to its own resolution.
    await db
      .update(conversationCycles)
      .set({ firstHumanReplyAt: now + 1 })
      .where(eq(conversationCycles.id, openId));
    await db
      .update(conversationCycles)
      .set({ resolvedAt: now + 2, justification: 'answered' })
      .where(eq(conversationCycles.id, openId));
    await expect(
      db
        .update(conversationCycles)
        .set({ firstHumanReplyAt: now + 3 })
        .where(eq(conversationCycles.id, openId)),
    ).rejects.toThrow();

    // Deleting stays allowed, directly and by cascade (a workspace removed as a whole).
    await db.delete(conversationCycles).where(eq(conversationCycles.id, closedId));
    await db.delete(conversations).where(eq(conversations.id, conversationId));
    expect(
      await db.select().from(conversationCycles).where(eq(conversationCycles.conversationId, conversationId)),
    ).toEqual([]);
  });
});

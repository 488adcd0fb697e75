// The one set of migration files builds the same schema on empty PGlite and empty PostgreSQL, and
// reopening (a restart) applies nothing twice and keeps the data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, resultRows } from '../../src/server';
import { workspaces } from '../../src/server/db/schema';
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
  'conversations',
  'inbound_messages',
  'inbound_webhooks',
  'messages',
  'mutation_rejections',
  'notes',
  'outbound_queue',
  'sessions',
  'tags',
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

// Migrations: from empty, upgrade from 0000 (data intact, counts backfilled, backup written),
// refusal of newer databases, one-transaction rollback of a failing migration, durability pragmas.
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { DatabaseTooNewError, DEFAULT_MIGRATIONS_FOLDER, openDatabase } from '../../src/core/db/open';
import { seedLegacyDemo } from '../helpers/legacy-seed';
import { bruteCounts } from '../helpers/brute';
import { contentHash, FIXED_NOW, tableNames, tempDir, testClock, testPlatform } from '../helpers/core';

/** Every migration the app ships (the journal grows as migrations are added). */
const ALL = (
  JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
).entries.length;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => void (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const migrationRows = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at').all() as {
      created_at: number;
    }[];
  } finally {
    db.close();
  }
};

describe('migrations', () => {
  it('from an empty file applies every migration, no backup, durability pragmas on', () => {
    const file = join(tmp.dir, 'a.db');
    const o = openDatabase({ file });
    expect(o.backupFile).toBeNull();
    expect(ALL).toBeGreaterThanOrEqual(2);
    expect(o.appliedMigrations).toBe(ALL);
    expect(tableNames(o.sqlite)).toEqual(
      expect.arrayContaining(['conversations', 'outbox', 'count_buckets', 'tag_buckets', 'audit_log', 'meta']),
    );
    expect(o.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(o.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    o.sqlite.close();
    expect(migrationRows(file)).toHaveLength(ALL);
    // Reopening an up-to-date database migrates nothing and backs up nothing.
    const again = openDatabase({ file });
    expect(again.backupFile).toBeNull();
    again.sqlite.close();
    expect(migrationRows(file)).toHaveLength(ALL);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.backup-'))).toEqual([]);
  });

  it('upgrades a 0000 database: data intact, count buckets backfilled, backup written first', async () => {
    const file = join(tmp.dir, 'old.db');
    const old = openDatabase({ file, migrateUntil: '0000_initial' });
    expect(tableNames(old.sqlite)).not.toContain('count_buckets');
    seedLegacyDemo(old.sqlite, FIXED_NOW, { conversations: 150 });
    const before = await contentHash(old.sqlite, ['__drizzle_migrations']);
    old.sqlite.close();
    expect(migrationRows(file)).toHaveLength(1);

    const clock = testClock(FIXED_NOW + 5);
    const core = createCore({ platform: testPlatform(tmp.dir, clock), dbFile: file, validateOutput: true });
    try {
      const backup = `${file}.backup-${FIXED_NOW + 5}`;
      expect(core.opened.backupFile).toBe(backup);
      expect(existsSync(backup)).toBe(true);
      expect(migrationRows(backup)).toHaveLength(1);
      expect(migrationRows(file)).toHaveLength(ALL);
      const backupDb = new Database(backup, { readonly: true });
      const after = await contentHash(
        core.context.sqlite,
        ['__drizzle_migrations', 'count_buckets', 'tag_buckets', 'meta', 'conversation_tags'],
        { columnsFrom: backupDb },
      );
      expect(await contentHash(backupDb, ['__drizzle_migrations', 'meta', 'conversation_tags'])).toBe(after);
      // conversation_tags gained derived columns (0003): the original ones are intact, the copies backfilled.
      const tagRows = (db: Database.Database) =>
        db.prepare('SELECT conversation_id, tag_id, created_at FROM conversation_tags ORDER BY 1, 2').all();
      expect(tagRows(core.context.sqlite)).toEqual(tagRows(backupDb));
      expect(
        core.context.sqlite
          .prepare(
            `SELECT count(*) AS n FROM conversation_tags t JOIN conversations c ON c.id = t.conversation_id
              WHERE t.status IS NOT c.status OR t.last_activity_at IS NOT c.last_activity_at`,
          )
          .get(),
      ).toEqual({ n: 0 });
      expect(await contentHash(backupDb, ['__drizzle_migrations'])).toBe(before);
      backupDb.close();
      // 0006 backfilled the closing policy's a) / d) facts from each thread.
      expect(
        core.context.sqlite
          .prepare(
            `SELECT count(*) AS n FROM conversations c WHERE c.last_customer_message_at IS NOT
               (SELECT max(created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound'
                  AND m.author_kind = 'contact')
             OR c.last_human_reply_at IS NOT (SELECT max(created_at) FROM messages m WHERE m.conversation_id = c.id
                  AND m.direction = 'outbound' AND m.author_kind = 'agent')`,
          )
          .get(),
      ).toEqual({ n: 0 });
      const counts = await core.dispatch('conversations.counts', {});
      expect(counts).toEqual({ ok: true, value: bruteCounts(core.context.sqlite, core.context.meId) });
      expect((counts as { value: { views: { all: Record<string, number> } } }).value.views.all).toSatisfy(
        (all: Record<string, number>) => Object.values(all).reduce((a, b) => a + b, 0) === 150,
      );
      // And the triggers keep them right from now on.
      const conv = core.context.sqlite
        .prepare("SELECT id FROM conversations WHERE status != 'resolved' LIMIT 1")
        .get() as { id: string };
      await core.dispatch('conversations.setStatus', { conversationId: conv.id, status: 'resolved' });
      expect((await core.dispatch('conversations.counts', {})) as unknown).toEqual({
        ok: true,
        value: bruteCounts(core.context.sqlite, core.context.meId),
      });
    } finally {
      core.close();
    }
  });

  it('refuses a database written by a newer version, without touching it', () => {
    const file = join(tmp.dir, 'new.db');
    openDatabase({ file }).sqlite.close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9_999_999_999_999);
    raw.close();
    expect(() => openDatabase({ file })).toThrow(DatabaseTooNewError);
    expect(() => createCore({ platform: testPlatform(tmp.dir, testClock()), dbFile: file })).toThrow(
      DatabaseTooNewError,
    );
    expect(migrationRows(file)).toHaveLength(ALL + 1);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.backup-'))).toEqual([]);
    // The file is not left locked/open: it can be reopened by anyone.
    const check = new Database(file);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('a failing migration rolls back entirely (one transaction)', () => {
    const folder = join(tmp.dir, 'migrations');
    cpSync(DEFAULT_MIGRATIONS_FOLDER, folder, { recursive: true });
    appendFileSync(join(folder, '0001_live_counts.sql'), '\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    const file = join(tmp.dir, 'm.db');
    const old = openDatabase({ file, migrationsFolder: folder, migrateUntil: '0000_initial' });
    old.sqlite.close();
    expect(() => openDatabase({ file, migrationsFolder: folder, now: () => 1 })).toThrow();
    const raw = new Database(file, { readonly: true });
    expect(tableNames(raw)).not.toContain('count_buckets');
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'").get()).toEqual({ n: 0 });
    raw.close();
    expect(migrationRows(file)).toHaveLength(1);
    expect(existsSync(`${file}.backup-1`)).toBe(true);
  });

  it('with no workspace and no demo the core opens signed out: the login screen works, data calls are refused', async () => {
    const core = createCore({ platform: testPlatform(tmp.dir, testClock()), dbFile: join(tmp.dir, 'e.db') });
    try {
      expect(await core.dispatch('auth.status', {})).toEqual({
        ok: true,
        value: { mode: 'signedOut', serverUrl: null, workspace: null, email: null, reason: null, demo: null },
      });
      const list = await core.dispatch('conversations.list', { view: { kind: 'all' } });
      expect(list).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'errors.signedOut' } });
      expect(await core.dispatch('prefs.get', {})).toMatchObject({ ok: true });
    } finally {
      await core.close();
    }
  });
});

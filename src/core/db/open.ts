// Opens the local replica: pragmas for durability, refuse newer databases, back up, then migrate
// every pending drizzle-kit migration inside one transaction.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

export const DEFAULT_MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export class DatabaseTooNewError extends Error {
  constructor(file: string) {
    super(`La base de datos ${file} fue creada por una versión más nueva de Bandeja; actualiza la aplicación.`);
    this.name = 'DatabaseTooNewError';
  }
}

export interface OpenOptions {
  file: string;
  migrationsFolder?: string;
  /** Path to a better-sqlite3 binding built for another ABI (the Electron app's own build). */
  nativeBinding?: string;
  /** Apply only migrations up to and including this tag (tests of upgrades from older schemas). */
  migrateUntil?: string;
  now?: () => number;
}

export interface OpenedDatabase {
  db: Db;
  sqlite: Sqlite;
  /** Backup written before migrating, if any. */
  backupFile: string | null;
  appliedMigrations: number;
}

function lastAppliedMigration(sqlite: Sqlite): number | null {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return null;
  const row = sqlite
    .prepare('SELECT created_at AS at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1')
    .get() as { at: number | string } | undefined;
  return row ? Number(row.at) : null;
}

export function openDatabase(options: OpenOptions): OpenedDatabase {
  const { file } = options;
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // REPLACE's implied delete must fire the delete triggers too, or the live count buckets drift.
    sqlite.pragma('recursive_triggers = ON');
    sqlite.pragma('busy_timeout = 5000');

    let migrations: MigrationMeta[] = readMigrationFiles({
      migrationsFolder: options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER,
    });
    if (options.migrateUntil) {
      const journalTags = tagsOf(options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER);
      const last = journalTags.indexOf(options.migrateUntil);
      if (last < 0) throw new Error(`Unknown migration ${options.migrateUntil}`);
      migrations = migrations.slice(0, last + 1);
    }
    const newestKnown = Math.max(...migrations.map((m) => m.folderMillis));
    const applied = lastAppliedMigration(sqlite);
    if (applied !== null && applied > newestKnown) throw new DatabaseTooNewError(file);

    const pending = migrations.filter((m) => applied === null || m.folderMillis > applied);
    let backupFile: string | null = null;
    if (pending.length > 0 && applied !== null && !inMemory) {
      // VACUUM INTO writes a consistent copy even with WAL; keep it beside the database.
      backupFile = `${file}.backup-${(options.now ?? Date.now)()}`;
      if (!existsSync(backupFile)) sqlite.prepare('VACUUM INTO ?').run(backupFile);
    }

    const db = drizzle(sqlite, { schema });
    if (pending.length > 0) {
      // drizzle's sync dialect runs all pending migrations between one BEGIN and COMMIT.
      const internals = db as unknown as {
        dialect: {
          migrate(m: MigrationMeta[], session: unknown, config: object): void;
        };
        session: unknown;
      };
      internals.dialect.migrate(migrations, internals.session, {});
    }
    return { db, sqlite, backupFile, appliedMigrations: migrations.length };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

function tagsOf(folder: string): string[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

// Opens the server database and brings its schema up to date. No DATABASE_URL → PGlite (embedded
// PostgreSQL in a data directory, or in memory for tests); with one → a `pg` pool. The same drizzle
// migration files run on both, each through its driver's migrator.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import * as schema from './schema';

export type Schema = typeof schema;
/** One type for both drivers: route and service code never knows which one it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseConfig['kind'];
  /** Cheap round trip for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Rows of a raw `db.execute(sql…)`: both drivers return `{ rows }`, the shared Db type only says unknown. */
export function resultRows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any constant works; it only has to be the same in every server process sharing one database. */
const MIGRATION_LOCK_KEY = 0x62616e64; // "band"

export interface OpenOptions {
  migrationsFolder?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  return config.kind === 'postgres'
    ? openPostgres(config.url, migrationsFolder, options.maxConnections ?? 10)
    : openPglite(config.dataDir, migrationsFolder);
}

async function openPglite(dataDir: string | null, migrationsFolder: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  try {
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      ping: async () => void (await client.query('select 1')),
      close: () => client.close(),
    };
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
}

async function openPostgres(url: string, migrationsFolder: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server emits 'error' on the pool; without a listener that kills the process.
  pool.on('error', () => undefined);
  try {
    await migrateWithLock(pool, migrationsFolder);
    const db = drizzlePg({ client: pool, schema });
    return {
      db: db as unknown as Db,
      kind: 'postgres',
      ping: async () => void (await db.execute(sql`select 1`)),
      close: () => pool.end(),
    };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

/** Several server processes may start at once on one database: only one migrates at a time. */
async function migrateWithLock(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const conn = await pool.connect();
  try {
    await conn.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg({ client: conn }), { migrationsFolder });
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    conn.release();
  }
}

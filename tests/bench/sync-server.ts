// The server side of the sync benchmarks: a server database holding the demo workspace at scale (the
// shared generator through ensureDemoWorkspace, every row in the change log as in production), built once
// and cached, a working copy per run (benchmarks write: sessions, notes, inbound messages), and a real
// server listening on loopback. PGlite in a data directory by default; PostgreSQL when BENCH_DATABASE_URL
// is set (the cache is then a template database `bandeja_bench_<key>`, copied with CREATE DATABASE … TEMPLATE).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildServer, type Database, openDatabase } from '../../src/server';
import { type DemoWorkspaceInfo, ensureDemoWorkspace } from '../../src/server/services/demo-workspace';
import { BENCH_DIR } from './dataset';

const ROOT = resolve(import.meta.dirname, '../..');
/** Bump when the way this file shapes the server data changes (the generator's sources are hashed). */
const SERVER_GENERATOR_VERSION = 1;
const GENERATED_AT = Date.UTC(2026, 2, 2, 12, 0, 0);
/** The small second workspace where replicas propagate notes and inbound messages arrive. */
export const LIVE_SLUG = 'bench-live';
const LIVE_CONVERSATIONS = 300;

export interface SyncServer {
  backend: 'pglite' | 'postgres';
  url: string;
  app: FastifyInstance;
  database: Database;
  /** The workspace at scale (initial sync). */
  big: DemoWorkspaceInfo & { conversations: number };
  /** A small workspace for propagation and ingest (its replicas sync in a second). */
  live: DemoWorkspaceInfo;
  /** Whether this run built the cached database. */
  built: boolean;
  buildMs: number;
  close(): Promise<void>;
}

function sourceKey(conversations: number): string {
  const h = createHash('sha256');
  const dir = (d: string) =>
    readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith('.ts') || f.endsWith('.sql'))
      .sort()
      .map((f) => `${d}/${f}`);
  for (const f of [
    ...dir('src/shared/demo'),
    'src/server/services/demo-workspace.ts',
    'src/server/sync/rows.ts',
    ...dir('src/server/db/migrations'),
  ]) {
    h.update(f);
    h.update(readFileSync(join(ROOT, f)));
  }
  return `${conversations}c-v${SERVER_GENERATOR_VERSION}-${h.digest('hex').slice(0, 10)}`;
}

async function admin(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function build(open: () => Promise<Database>, conversations: number, log: (m: string) => void) {
  log(`building the server database: demo workspace with ${conversations.toLocaleString('en')} conversations`);
  const database = await open();
  try {
    await ensureDemoWorkspace(database.db, { now: GENERATED_AT, conversations });
  } finally {
    await database.close();
  }
}

/** Opens a working copy of the cached server database (building the cache first when missing). */
async function workingDatabase(
  conversations: number,
  fresh: boolean,
  log: (m: string) => void,
): Promise<{ database: Database; built: boolean; buildMs: number; dispose(): Promise<void> }> {
  const key = sourceKey(conversations);
  const t0 = performance.now();
  let built = false;
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const template = `bandeja_bench_${key.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
    const exists = (await admin(pgUrl, `SELECT 1 FROM pg_database WHERE datname = '${template}'`)).rowCount! > 0;
    if (fresh || !exists) {
      await admin(pgUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin(pgUrl, `CREATE DATABASE ${template}`);
      await build(() => openDatabase({ kind: 'postgres', url: withDb(pgUrl, template) }), conversations, log);
      built = true;
    }
    const buildMs = performance.now() - t0;
    const work = `bandeja_bench_work_${process.pid}`;
    await admin(pgUrl, `DROP DATABASE IF EXISTS ${work} WITH (FORCE)`);
    await admin(pgUrl, `CREATE DATABASE ${work} TEMPLATE ${template}`);
    const database = await openDatabase({ kind: 'postgres', url: withDb(pgUrl, work) }, { maxConnections: 10 });
    return {
      database,
      built,
      buildMs,
      dispose: async () => {
        await database.close().catch(() => undefined);
        await admin(pgUrl, `DROP DATABASE IF EXISTS ${work} WITH (FORCE)`);
      },
    };
  }
  mkdirSync(BENCH_DIR, { recursive: true });
  const cache = join(BENCH_DIR, `server-${key}`);
  if (fresh || !existsSync(join(cache, 'PG_VERSION'))) {
    // Older caches of the same size are big and useless once the generator changed.
    for (const f of readdirSync(BENCH_DIR))
      if (f.startsWith(`server-${conversations}c-`)) rmSync(join(BENCH_DIR, f), { recursive: true, force: true });
    const tmp = `${cache}.building-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    await build(() => openDatabase({ kind: 'pglite', dataDir: tmp }), conversations, log);
    renameSync(tmp, cache);
    writeFileSync(`${cache}.json`, JSON.stringify({ conversations, builtAt: new Date().toISOString() }));
    built = true;
  }
  const buildMs = performance.now() - t0;
  const work = join(BENCH_DIR, 'work', `server-pglite-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(cache, work, { recursive: true });
  const database = await openDatabase({ kind: 'pglite', dataDir: work });
  return {
    database,
    built,
    buildMs,
    dispose: async () => {
      await database.close().catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export async function startSyncServer(opts: {
  conversations: number;
  fresh: boolean;
  log: (m: string) => void;
}): Promise<SyncServer> {
  const work = await workingDatabase(opts.conversations, opts.fresh, opts.log);
  const { database } = work;
  const big = await ensureDemoWorkspace(database.db, { now: GENERATED_AT, conversations: opts.conversations });
  const live = await ensureDemoWorkspace(database.db, {
    now: Date.now(),
    seed: 7,
    slug: LIVE_SLUG,
    conversations: LIVE_CONVERSATIONS,
  });
  const app = await buildServer({
    database,
    closeDatabase: false,
    // Hundreds of sign-ins and thousands of requests from one address: the limits are not what is measured.
    limits: { loginPerAccountPerMinute: 100_000, loginPerIpPerMinute: 100_000, workspacesPerIpPerHour: 100_000 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    backend: database.kind,
    url: `http://127.0.0.1:${address.port}`,
    app,
    database,
    big: { ...big, conversations: opts.conversations },
    live,
    built: work.built,
    buildMs: work.buildMs,
    close: async () => {
      await app.close();
      await work.dispose();
    },
  };
}

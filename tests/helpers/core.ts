// Test helpers: a core on a temp directory with a controllable clock, plus DB fingerprints.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, nullNotifier, silentLogger, type Core, type Platform } from '../../src/core';
import type { DemoOptions } from '../../src/core/demo/seed';
import type { Sqlite } from '../../src/core/db/open';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../src/shared';

/** 2026-05-28T… — a fixed "now" so demo data and timestamps are reproducible. */
export const FIXED_NOW = 1_780_000_000_000;

export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = FIXED_NOW): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

export function tempDir(prefix = 'bandeja-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testPlatform(
  dataDir: string,
  clock: TestClock,
  openExternal: Platform['openExternal'] = async () => false,
): Platform {
  return { dataDir, clock, logger: silentLogger, notifier: nullNotifier, openExternal };
}

export interface TempCore {
  core: Core;
  sqlite: Sqlite;
  dir: string;
  dbFile: string;
  clock: TestClock;
  /** dispatch that asserts ok and returns the typed value. */
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): void;
}

export function makeTempCore(
  opts: {
    seedDemo?: boolean | DemoOptions;
    clock?: TestClock;
    openExternal?: Platform['openExternal'];
    dbFile?: string;
    dir?: string;
  } = {},
): TempCore {
  const own = opts.dir ? null : tempDir();
  const dir = opts.dir ?? own!.dir;
  const clock = opts.clock ?? testClock();
  const dbFile = opts.dbFile ?? join(dir, 'bandeja.db');
  const core = createCore({
    platform: testPlatform(dir, clock, opts.openExternal),
    dbFile,
    seedDemo: opts.seedDemo ?? { conversations: 200 },
    validateOutput: true,
  });
  return {
    core,
    sqlite: core.context.sqlite,
    dir,
    dbFile,
    clock,
    async call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>> {
      const r = await core.dispatch(method, input ?? {});
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as MethodOutput<M>;
    },
    close() {
      core.close();
      own?.cleanup();
    },
  };
}

export function expectOk<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Names of all user tables (no sqlite_ internals). */
export function tableNames(sqlite: Sqlite): string[] {
  return (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

/** Cheap fingerprint of the whole DB: row counts + max rowid of every table, outbox id sum, total_changes. */
export function fingerprint(sqlite: Sqlite): string {
  const parts = tableNames(sqlite).map((t) => {
    const r = sqlite.prepare(`SELECT count(*) AS n, coalesce(max(rowid), 0) AS m FROM "${t}"`).get() as {
      n: number;
      m: number;
    };
    return `${t}:${r.n}:${r.m}`;
  });
  const ob = sqlite.prepare('SELECT coalesce(sum(mutation_id), 0) AS s FROM outbox').get() as { s: number };
  const tc = sqlite.prepare('SELECT total_changes() AS c').get() as { c: number };
  return `${parts.join('|')}|outbox:${ob.s}|changes:${tc.c}`;
}

/** Full content hash of every table (ordered by rowid); slow, for determinism tests. */
export async function contentHash(
  sqlite: Sqlite,
  skip: string[] = [],
  opts: { columnsFrom?: Sqlite } = {},
): Promise<string> {
  const { createHash } = await import('node:crypto');
  const h = createHash('sha256');
  for (const t of tableNames(sqlite)) {
    if (skip.includes(t)) continue;
    // Compared with an older database: only the columns it had (a migration may add defaulted ones).
    const cols = opts.columnsFrom
      ? (opts.columnsFrom.prepare(`SELECT name FROM pragma_table_info('${t}')`).all() as { name: string }[]).map(
          (c) => `"${c.name}"`,
        )
      : ['*'];
    if (!cols.length) continue;
    // Empty tables and null columns add nothing: a migration that only creates tables or adds nullable
    // columns leaves the data hash as it was.
    let header = false;
    for (const row of sqlite.prepare(`SELECT ${cols.join(', ')} FROM "${t}" ORDER BY 1`).iterate()) {
      if (!header) h.update(`#${t}\n`);
      header = true;
      h.update(JSON.stringify(row, (_k, v: unknown) => (v === null ? undefined : v)) + '\n');
    }
  }
  return h.digest('hex');
}

export interface Ref {
  meId: string;
  agents: string[];
  trays: { id: string; categories: string[] }[];
  tags: string[];
  conversations: string[];
}

/** Reference ids straight from SQLite. */
export function refs(t: TempCore): Ref {
  const s = t.sqlite;
  const col = (sql: string) => (s.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  return {
    meId: t.core.context.meId,
    agents: col('SELECT id FROM agents ORDER BY id'),
    trays: col('SELECT id FROM trays ORDER BY position').map((id) => ({
      id,
      categories: (
        s.prepare('SELECT id FROM categories WHERE tray_id = ? ORDER BY position').all(id) as { id: string }[]
      ).map((r) => r.id),
    })),
    tags: col('SELECT id FROM tags ORDER BY id'),
    conversations: col('SELECT id FROM conversations ORDER BY id'),
  };
}

/** Deterministic PRNG (mulberry32) for tests and the crash worker. */
export function prng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]! };
}

/**
 * A cached single-statement fingerprint (count + max rowid of every table, outbox id sum, total_changes):
 * cheap enough to take before and after every fuzzed call.
 */
export function makeFingerprinter(sqlite: Sqlite): () => string {
  const parts = tableNames(sqlite).flatMap((t) => [
    `(SELECT count(*) FROM "${t}")`,
    `(SELECT coalesce(max(rowid), 0) FROM "${t}")`,
  ]);
  parts.push('(SELECT coalesce(sum(mutation_id), 0) FROM outbox)', 'total_changes()');
  const stmt = sqlite.prepare(`SELECT ${parts.join(" || ':' || ")} AS f`);
  return () => (stmt.get() as { f: string }).f;
}

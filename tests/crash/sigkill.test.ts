// Crash safety: SIGKILL a worker mid-mutation many times on one SQLite file; after every kill the DB is
// intact, every ACKed mutation is present exactly once, and mutation ids run 1..max without gaps.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng, tempDir } from '../helpers/core';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 50);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

interface Ack {
  mutationId: number;
  kind: string;
  entityId: string;
  run: number;
}

let tmp: ReturnType<typeof tempDir>;
/** How to start the worker: an esbuild bundle when esbuild is at hand (child startup dominates), else tsx. */
let bundle: string | null = null;
const workerArgs = (db: string, seed: number) =>
  bundle
    ? [bundle, db, String(seed), join(ROOT, 'src', 'core', 'db', 'migrations')]
    : ['--import', 'tsx', WORKER, db, String(seed)];

beforeAll(async () => {
  tmp = tempDir('bandeja-crash-');
  if (process.env.CRASH_USE_TSX) return;
  try {
    const esbuild = await import('esbuild');
    // Inside node_modules so the bundle's bare imports (better-sqlite3, drizzle, faker) resolve.
    bundle = join(ROOT, 'node_modules', '.cache', 'bandeja-crash', `worker-${process.pid}.mjs`);
    await esbuild.build({
      entryPoints: [WORKER],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: bundle,
      logLevel: 'silent',
    });
  } catch {
    bundle = null;
  }
});
afterAll(() => {
  tmp.cleanup();
  if (bundle) rmSync(bundle, { force: true });
});

/** Runs the worker once and SIGKILLs it per `plan`; resolves with the complete ACK lines it printed. */
function runOnce(db: string, seed: number, plan: { afterReadyMs?: number; afterAcks?: number; afterSpawnMs?: number }) {
  return new Promise<{ acks: Omit<Ack, 'run'>[]; ready: boolean; stderr: string; errors: string[] }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, workerArgs(db, seed), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let buf = '';
      let stderr = '';
      let ready = false;
      const acks: Omit<Ack, 'run'>[] = [];
      const errors: string[] = [];
      const kill = () => child.kill('SIGKILL');
      const watchdog = setTimeout(kill, 15_000);
      if (plan.afterSpawnMs !== undefined) setTimeout(kill, plan.afterSpawnMs);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line === 'READY') {
            ready = true;
            if (plan.afterReadyMs !== undefined) setTimeout(kill, plan.afterReadyMs);
          } else if (line.startsWith('ACK ')) {
            const [, id, kind, entityId] = line.split(' ');
            acks.push({ mutationId: Number(id), kind: kind!, entityId: entityId! });
            if (plan.afterAcks !== undefined && acks.length >= plan.afterAcks) kill();
          } else if (line.startsWith('ERR ')) errors.push(line);
        }
      });
      child.stderr.on('data', (c) => (stderr += String(c)));
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(watchdog);
        if (signal !== 'SIGKILL') reject(new Error(`worker exited on its own (code ${code}): ${stderr}`));
        else resolve({ acks, ready, stderr, errors });
      });
    },
  );
}

const ARG_OF: Record<string, string> = { addNote: 'noteId', sendReply: 'messageId' };

function verify(dbFile: string, acks: Ack[]): { outbox: number } {
  const db = new Database(dbFile);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'outbox'").get();
    if (!hasTables) {
      expect(acks).toEqual([]);
      return { outbox: 0 };
    }
    const o = db
      .prepare(
        'SELECT count(*) AS n, coalesce(min(mutation_id), 0) AS lo, coalesce(max(mutation_id), 0) AS hi FROM outbox',
      )
      .get() as { n: number; lo: number; hi: number };
    if (o.n > 0) expect(o.lo).toBe(1);
    expect(o.hi).toBe(o.n);
    const last = db.prepare("SELECT value FROM meta WHERE key = 'lastMutationId'").get() as
      { value: string } | undefined;
    expect(Number(last?.value ?? 0)).toBe(o.hi);

    const row = db.prepare('SELECT name, args FROM outbox WHERE mutation_id = ?');
    const notes = db.prepare('SELECT count(*) AS n FROM notes WHERE id = ?');
    const messages = db.prepare('SELECT count(*) AS n FROM messages WHERE id = ?');
    const seen = new Set<number>();
    for (const a of acks) {
      expect(seen.has(a.mutationId), `mutation id ${a.mutationId} ACKed twice`).toBe(false);
      seen.add(a.mutationId);
      const r = row.get(a.mutationId) as { name: string; args: string } | undefined;
      expect(r, `ACKed mutation ${a.mutationId} (run ${a.run}) missing`).toBeDefined();
      expect(r!.name).toBe(a.kind);
      expect(JSON.parse(r!.args)[ARG_OF[a.kind] ?? 'conversationId']).toBe(a.entityId);
      if (a.kind === 'addNote') expect(notes.get(a.entityId)).toEqual({ n: 1 });
      if (a.kind === 'sendReply') expect(messages.get(a.entityId)).toEqual({ n: 1 });
    }
    // No change without its outbox row and no outbox row without its change (crash atomicity).
    const orphan = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(
      orphan(`SELECT count(*) AS n FROM notes x WHERE x.body LIKE 'nota %' AND NOT EXISTS
      (SELECT 1 FROM outbox o WHERE o.name = 'addNote' AND json_extract(o.args, '$.noteId') = x.id)`),
    ).toBe(0);
    expect(
      orphan(`SELECT count(*) AS n FROM messages x WHERE x.text LIKE 'respuesta %' AND NOT EXISTS
      (SELECT 1 FROM outbox o WHERE o.name = 'sendReply' AND json_extract(o.args, '$.messageId') = x.id)`),
    ).toBe(0);
    expect(
      orphan(`SELECT count(*) AS n FROM outbox o WHERE o.name = 'addNote' AND NOT EXISTS
      (SELECT 1 FROM notes x WHERE x.id = json_extract(o.args, '$.noteId'))`),
    ).toBe(0);
    expect(
      orphan(`SELECT count(*) AS n FROM outbox o WHERE o.name = 'sendReply' AND NOT EXISTS
      (SELECT 1 FROM messages x WHERE x.id = json_extract(o.args, '$.messageId'))`),
    ).toBe(0);
    // Every outbox row has its audit event count: audit rows written by the agent = outbox rows.
    expect(orphan("SELECT count(*) AS n FROM audit_log WHERE actor_kind = 'agent'")).toBe(o.n);
    // Trigger-maintained count buckets survived the crashes.
    const buckets = db
      .prepare('SELECT tray_id, category_id, status, assignee_id, n FROM count_buckets WHERE n > 0 ORDER BY 1, 2, 3, 4')
      .all();
    const brute = db
      .prepare(
        `SELECT tray_id, coalesce(category_id, '') AS category_id, status, coalesce(assignee_id, '') AS assignee_id, count(*) AS n
           FROM conversations GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all();
    expect(buckets).toEqual(brute);
    return { outbox: o.n };
  } finally {
    db.close();
  }
}

describe('crash safety under SIGKILL', () => {
  it(`${ITERATIONS} kills on one database lose no ACKed mutation and leave no gap`, { timeout: 300_000 }, async () => {
    const dbFile = join(tmp.dir, 'crash.db');
    const rnd = prng(Number(process.env.CRASH_SEED ?? 20260528));
    const all: Ack[] = [];
    let readyRuns = 0;
    for (let run = 0; run < ITERATIONS; run++) {
      const mode = run === 0 ? 'spawn' : rnd.next();
      const plan =
        mode === 'spawn' || (typeof mode === 'number' && mode < 0.1)
          ? { afterSpawnMs: 100 + rnd.int(900) } // may land during startup, migration or seeding
          : (mode as number) < 0.35
            ? { afterAcks: 1 + rnd.int(60) }
            : { afterReadyMs: 50 + rnd.int(351) };
      const res = await runOnce(dbFile, 1000 + run, plan);
      if (res.ready) readyRuns++;
      // A domain refusal (ERR <method> <code>) is fine; an internal error is not.
      expect(
        res.errors.filter((e) => e.endsWith(' internal')),
        res.stderr,
      ).toEqual([]);
      all.push(...res.acks.map((a) => ({ ...a, run })));
      const { outbox } = verify(dbFile, all);
      expect(outbox).toBeGreaterThanOrEqual(all.length);
    }
    expect(readyRuns).toBeGreaterThan(ITERATIONS / 2);
    expect(all.length).toBeGreaterThan(ITERATIONS);
  });
});

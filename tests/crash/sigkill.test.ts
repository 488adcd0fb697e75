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

/** The argument that names what an ACKed mutation created (otherwise: its conversation). */
const ARG_OF: Record<string, string> = {
  addNote: 'noteId',
  addDescriptiveNote: 'noteId',
  sendReply: 'messageId',
  createTask: 'taskId',
  createTicket: 'ticketId',
};
/** What the worker creates, where it lands, and how to tell it from the demo's own rows. */
const CREATED = [
  { kinds: ['addNote'], table: 'notes', mine: "x.body LIKE 'nota %'" },
  { kinds: ['addDescriptiveNote'], table: 'notes', mine: "x.body LIKE 'Contexto: caída %'" },
  { kinds: ['sendReply'], table: 'messages', mine: "x.text LIKE 'respuesta %'" },
  { kinds: ['createTask'], table: 'tasks', mine: "x.title LIKE 'tarea %'" },
  { kinds: ['createTicket'], table: 'tickets', mine: "x.subject LIKE 'ticket %'" },
] as const;

/** Audit rows of the worker's mutations: by the agent, from the first mutation on (the demo's are older). */
const BY_MUTATIONS = "actor_kind = 'agent' AND at >= (SELECT coalesce(min(client_time), 9e15) FROM outbox)";
/** The demo's own agent history, counted at the first check that has mutations. */
let demoHistory: number | undefined;

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
    const created = Object.fromEntries(
      CREATED.flatMap((c) => c.kinds.map((k) => [k, db.prepare(`SELECT count(*) AS n FROM ${c.table} WHERE id = ?`)])),
    );
    const seen = new Set<number>();
    for (const a of acks) {
      expect(seen.has(a.mutationId), `mutation id ${a.mutationId} ACKed twice`).toBe(false);
      seen.add(a.mutationId);
      const r = row.get(a.mutationId) as { name: string; args: string } | undefined;
      expect(r, `ACKed mutation ${a.mutationId} (run ${a.run}) missing`).toBeDefined();
      expect(r!.name).toBe(a.kind);
      expect(JSON.parse(r!.args)[ARG_OF[a.kind] ?? 'conversationId']).toBe(a.entityId);
      if (created[a.kind]) expect(created[a.kind]!.get(a.entityId), `${a.kind} ${a.entityId}`).toEqual({ n: 1 });
    }
    // No change without its outbox row and no outbox row without its change (crash atomicity).
    const orphan = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    for (const { kinds, table, mine } of CREATED) {
      const names = kinds.map((k) => `'${k}'`).join(', ');
      const arg = `'$.${ARG_OF[kinds[0]]}'`;
      expect(
        orphan(`SELECT count(*) AS n FROM ${table} x WHERE ${mine} AND NOT EXISTS
          (SELECT 1 FROM outbox o WHERE o.name IN (${names}) AND json_extract(o.args, ${arg}) = x.id)`),
        `${table} without their ${names}`,
      ).toBe(0);
      expect(
        orphan(`SELECT count(*) AS n FROM outbox o WHERE o.name IN (${names}) AND NOT EXISTS
          (SELECT 1 FROM ${table} x WHERE x.id = json_extract(o.args, ${arg}))`),
        `${names} without their ${table}`,
      ).toBe(0);
    }
    // A ticket is created with its link to the conversation, in the same transaction.
    expect(
      orphan(`SELECT count(*) AS n FROM tickets x WHERE x.subject LIKE 'ticket %' AND NOT EXISTS
        (SELECT 1 FROM conversation_tickets l WHERE l.ticket_id = x.id)`),
    ).toBe(0);
    // Each resolution closed its cycle with a disposition and a justification; a resolved conversation's
    // current cycle is closed (a reopen by hand opened the next one).
    expect(orphan("SELECT count(*) AS n FROM outbox WHERE name = 'resolve'")).toBe(
      orphan(`SELECT count(*) AS n FROM audit_log WHERE ${BY_MUTATIONS} AND action = 'conversation.resolved'`),
    );
    expect(
      orphan(`SELECT count(*) AS n FROM conversations c JOIN conversation_cycles y
        ON y.conversation_id = c.id AND y.number = c.cycle
        WHERE c.status = 'resolved' AND (y.resolved_at IS NULL OR y.disposition_id IS NULL OR y.justification IS NULL)`),
    ).toBe(0);
    // Every outbox row has its audit event count: audit rows written by the agent's mutations = outbox rows.
    // The demo's own history (agents' past actions, resolutions included) is older than the first mutation
    // and never changes.
    expect(orphan(`SELECT count(*) AS n FROM audit_log WHERE ${BY_MUTATIONS}`)).toBe(o.n);
    const history = orphan(`SELECT count(*) AS n FROM audit_log WHERE actor_kind = 'agent' AND NOT (${BY_MUTATIONS})`);
    if (o.n > 0) expect(history).toBe((demoHistory ??= history));
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

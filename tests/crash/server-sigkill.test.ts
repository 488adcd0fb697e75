// The server killed with SIGKILL in the middle of pushes, again and again, on PostgreSQL: a replica keeps
// writing notes and syncing through every crash. When a server finally stays up and the replica drains
// its outbox: every note exists exactly once, the server's lastMutationId equals the replica's, and the
// replica equals the server's view. (PostgreSQL only: that is the durable production setup; PGlite is the
// single-process quickstart.)
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, resultRows, type Database } from '../../src/server';
import { DEMO_CREDENTIALS } from '../../src/shared/demo/credentials';
import { getMeta } from '../../src/core/db/meta';
import { prng } from '../helpers/core';
import { adminQuery } from '../server/helpers';
import { replicaView, serverView, signedInReplica, type Replica } from '../sync/clients';

const PG_URL = process.env.TEST_DATABASE_URL;
const KILLS = Number(process.env.SERVER_KILLS ?? 8);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn('node', ['--import', 'tsx', 'src/server/cli.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), BANDEJA_DEMO: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${err}`)), 60_000);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Bandeja server:')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${err}`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe.skipIf(!PG_URL)('server SIGKILL mid-push (PostgreSQL)', () => {
  const name = `bandeja_kill_${randomBytes(5).toString('hex')}`;
  let url: string;
  let db: Database;
  let server: ChildProcess | null = null;
  let replica: Replica | null = null;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    await replica?.cleanup();
    if (server) await killed(server);
    await db?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it(`${KILLS} kills while a replica pushes: nothing lost, nothing doubled`, async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const serverUrl = `http://127.0.0.1:${port}`;
    server = await startServer(url, port);
    // Counts pushes that were on the wire when the server died (the proof this test kills mid-push).
    let cutPushes = 0;
    const r = await signedInReplica(serverUrl, DEMO_CREDENTIALS.email, {
      password: DEMO_CREDENTIALS.password,
      workspace: DEMO_CREDENTIALS.workspace,
      transport: (inner) => ({
        pull: (b) => inner.pull(b),
        push: (b) =>
          inner.push(b).catch((err: unknown) => {
            cutPushes++;
            throw err;
          }),
      }),
    });
    replica = r;
    const random = prng(4242);
    const pick = <T>(xs: readonly T[]) => random.pick(xs);
    const ids = r.core.context.sqlite
      .prepare('SELECT id FROM conversations ORDER BY id LIMIT 50')
      .pluck()
      .all() as string[];
    const notes: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      // A burst of notes; the engine pushes them in the background (one mutation per server transaction).
      for (let i = 0; i < 12; i++) {
        const conversationId = pick(ids);
        notes.push((await r.call('notes.add', { conversationId, body: `Nota ${k}.${i} antes del corte` })).note.id);
      }
      await new Promise((res) => setTimeout(res, random.int(40)));
      await killed(server);
      server = await startServer(url, port);
    }
    // Quiet: the last server stays up; the replica drains (its backoff retries on its own too).
    for (let i = 0; i < 5 && (await r.call('sync.now')).pendingChanges > 0; i++);
    expect(await r.call('sync.status')).toMatchObject({
      mode: expect.stringMatching(/^(online|syncing)$/),
      pendingChanges: 0,
    });
    expect(cutPushes).toBeGreaterThan(0);

    db = await openDatabase({ kind: 'postgres', url }, { maxConnections: 2 });
    const rows = resultRows<{ id: string; n: number }>(
      await db.db.execute(
        sql`SELECT id::text AS id, count(*)::int AS n FROM notes WHERE id::text IN (${sql.join(
          notes.map((id) => sql`${id}`),
          sql`, `,
        )}) GROUP BY id`,
      ),
    );
    expect(rows).toHaveLength(notes.length);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    const [client] = resultRows<{ last: number }>(
      await db.db.execute(
        sql`SELECT last_mutation_id::int AS last FROM clients WHERE client_id = ${r.core.context.clientId}`,
      ),
    );
    expect(client?.last).toBe(Number(getMeta(r.core.context.db, 'lastMutationId')));
    const me = r.core.context;
    expect(replicaView(r)).toEqual(await serverView(db, me.workspaceId, me.meId));
  });
});

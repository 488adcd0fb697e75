// Real desktop replicas (createCore with their own SQLite files) signed in to a real server listening
// on loopback, plus what the sync suites compare: each replica's view of the shared data and the
// server's view of the same rows for that agent.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createCore, type Core } from '../../src/core';
import { httpTransport as httpTransportFor, type SyncTransport } from '../../src/core/sync/transport';
import { sql, type SQL } from 'drizzle-orm';
import { resultRows, type Database } from '../../src/server';
import { type MethodInput, type MethodName, type MethodOutput } from '../../src/shared';
import { tempDir, testClock, testPlatform, type TestClock } from '../helpers/core';
import { PASSWORD } from '../server/helpers';

export interface Replica {
  core: Core;
  dir: string;
  clock: TestClock;
  email: string;
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Closes the core (the files stay: `reopen` is an app restart). */
  close(): Promise<void>;
  reopen(): Promise<Replica>;
  cleanup(): Promise<void>;
}

export interface ReplicaOptions {
  transport?: (inner: SyncTransport) => SyncTransport;
  clock?: TestClock;
  /** Defaults: the test suites' PASSWORD, no workspace slug. */
  password?: string;
  workspace?: string;
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

function openReplica(dir: string, clock: TestClock, email: string, opts: ReplicaOptions): Replica {
  const core = createCore({
    platform: testPlatform(dir, clock),
    dbFile: join(dir, 'bandeja.db'),
    validateOutput: true,
    sync: {
      idlePullMs: 60_000,
      retryMinMs: 20,
      retryMaxMs: 100,
      ...(opts.transport
        ? {
            transportFactory: (url, token) => {
              // The real HTTP transport, wrapped by the test's fault injector.
              const inner = httpTransportFor(url, token);
              return opts.transport!(inner);
            },
          }
        : {}),
    },
  });
  const replica: Replica = {
    core,
    dir,
    clock,
    email,
    async call(method, input) {
      const r = await core.dispatch(method, input ?? {});
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as never;
    },
    close: () => core.close(),
    reopen: async () => {
      await core.close();
      return openReplica(dir, clock, email, opts);
    },
    cleanup: async () => {
      await core.close();
    },
  };
  return replica;
}

/** A fresh replica signed in as `email`; the first pull is done when this resolves. */
export async function signedInReplica(serverUrl: string, email: string, opts: ReplicaOptions = {}): Promise<Replica> {
  const { dir } = tempDir('bandeja-replica-');
  const replica = openReplica(dir, opts.clock ?? testClock(Date.now()), email, opts);
  const status = await replica.call('auth.signIn', {
    serverUrl,
    email,
    password: opts.password ?? PASSWORD,
    ...(opts.workspace ? { workspace: opts.workspace } : {}),
  });
  if (status.mode !== 'signedIn') throw new Error(`sign-in failed: ${JSON.stringify(status)}`);
  await replica.call('sync.now');
  return replica;
}

/** What an agent's replica holds of the shared data, in a comparable, order-free form. */
export interface SharedView {
  conversations: string[];
  tags: string[];
  notes: string[];
  messages: string[];
  /** Every KPI is per cycle: their numbering and closures must match too. */
  cycles: string[];
}

export function replicaView(r: Replica): SharedView {
  const s = r.core.context.sqlite;
  const col = (sql: string) => (s.prepare(sql).pluck().all() as string[]).sort();
  return {
    conversations: col(
      `SELECT id || '|' || status || '|' || coalesce(assignee_id, '-') || '|' || tray_id || '|' || coalesce(category_id, '-') FROM conversations`,
    ),
    tags: col(`SELECT conversation_id || '|' || tag_id FROM conversation_tags`),
    notes: col(`SELECT id || '|' || conversation_id || '|' || body FROM notes`),
    messages: col(`SELECT id || '|' || conversation_id || '|' || text FROM messages`),
    cycles: col(
      `SELECT id || '|' || conversation_id || '|' || number || '|' || started_at || '|' || coalesce(resolved_at, '-') FROM conversation_cycles`,
    ),
  };
}

/** The same view computed from the server's tables for one agent (its trays; every tray for other roles). */
export async function serverView(database: Database, workspaceId: string, agentId: string): Promise<SharedView> {
  const visible = sql`c.workspace_id = ${workspaceId} AND (
      (SELECT role FROM agents WHERE id = ${agentId}) <> 'agent'
      OR c.tray_id IN (SELECT tray_id FROM tray_members WHERE agent_id = ${agentId}))`;
  const q = async (select: SQL, from: SQL) => {
    const res = await database.db.execute(sql`SELECT ${select} AS v FROM ${from} WHERE ${visible}`);
    return resultRows<{ v: string }>(res)
      .map((r) => r.v)
      .sort();
  };
  return {
    conversations: await q(
      sql.raw(
        `c.id || '|' || c.status || '|' || coalesce(c.assignee_id::text, '-') || '|' || c.tray_id || '|' || coalesce(c.category_id::text, '-')`,
      ),
      sql.raw('conversations c'),
    ),
    tags: await q(
      sql.raw(`t.conversation_id || '|' || t.tag_id`),
      sql.raw('conversation_tags t JOIN conversations c ON c.id = t.conversation_id'),
    ),
    notes: await q(
      sql.raw(`n.id || '|' || n.conversation_id || '|' || n.body`),
      sql.raw('notes n JOIN conversations c ON c.id = n.conversation_id'),
    ),
    messages: await q(
      sql.raw(`m.id || '|' || m.conversation_id || '|' || m.text`),
      sql.raw('messages m JOIN conversations c ON c.id = m.conversation_id'),
    ),
    cycles: await q(
      sql.raw(
        `y.id || '|' || y.conversation_id || '|' || y.number || '|' || y.started_at || '|' || coalesce(y.resolved_at::text, '-')`,
      ),
      sql.raw('conversation_cycles y JOIN conversations c ON c.id = y.conversation_id'),
    ),
  };
}

// Initial sync of the workspace at scale: a fresh replica signs in as the admin (who sees every
// conversation). Figures: "first page usable" — the first `conversations.list` page of the inbox returns
// items (checked on every data.changed) — sign-in returned, and "complete" — the replica holds every
// conversation and message the server has and its sync loop is idle. Against it, a naive importer paging
// GET /api/v1/conversations 25 per page into its own SQLite table (one transaction per page); it imports
// conversation rows only, no messages — which favours it.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { resultRows } from '../../src/server';
import { DEMO_PASSWORD } from '../../src/shared/demo';
import type { ConversationListResponse } from '../../src/shared';
import type { SyncServer } from './sync-server';
import { loginToken, openBenchReplica, rssSampler } from './sync-replica';

export interface InitialSyncRun {
  firstPageMs: number;
  /** Sign-in resolved (design only). */
  signInMs: number | null;
  completeMs: number;
  /** Requests made (naive: REST pages). */
  requests: number | null;
  conversations: number;
  messages: number | null;
  rowsPerSecond: number;
  peakRssMb: number;
  replicaMb: number;
}

export interface InitialSyncResult {
  serverConversations: number;
  serverMessages: number;
  design: InitialSyncRun;
  naive: InitialSyncRun | { skipped: string };
  target: { firstPageMs: number; completeMs: number };
}

async function serverCounts(server: SyncServer): Promise<{ conversations: number; messages: number }> {
  const ws = server.big.workspaceId;
  const one = async (q: ReturnType<typeof sql>) =>
    Number(resultRows<{ n: string }>(await server.database.db.execute(q))[0]!.n);
  return {
    conversations: await one(sql`select count(*) as n from conversations where workspace_id = ${ws}`),
    messages: await one(
      sql`select count(*) as n from messages m join conversations c on c.id = m.conversation_id where c.workspace_id = ${ws}`,
    ),
  };
}

async function designRun(server: SyncServer, email: string, log: (m: string) => void): Promise<InitialSyncRun> {
  const r = openBenchReplica('initial');
  const rss = rssSampler();
  try {
    let firstPageMs = NaN;
    let checking = false;
    const t0 = performance.now();
    let pulls = 0;
    const offPulls = r.core.subscribe((event) => void (event === 'data.changed' && pulls++));
    const firstPage = new Promise<void>((resolve) => {
      const off = r.core.subscribe((event) => {
        if (event !== 'data.changed') return;
        if (checking || !Number.isNaN(firstPageMs)) return;
        checking = true;
        void r.core.dispatch('conversations.list', { view: { kind: 'all' }, limit: 50 }).then((res) => {
          checking = false;
          if (res.ok && (res.value as { items: unknown[] }).items.length > 0 && Number.isNaN(firstPageMs)) {
            firstPageMs = performance.now() - t0;
            off();
            resolve();
          }
        });
      });
    });
    await r.call('auth.signIn', { serverUrl: server.url, email, password: DEMO_PASSWORD, workspace: server.big.slug });
    const signInMs = performance.now() - t0;
    log(`  design: sign-in returned after ${(signInMs / 1000).toFixed(1)} s`);
    await r.call('sync.now');
    await firstPage;
    const completeMs = performance.now() - t0;
    offPulls();
    const s = r.core.context.sqlite;
    const count = (table: string) => (s.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const conversations = count('conversations');
    const messages = count('messages');
    return {
      firstPageMs,
      signInMs,
      completeMs,
      requests: pulls,
      conversations,
      messages,
      rowsPerSecond: (conversations + messages) / (completeMs / 1000),
      peakRssMb: rss.stop(),
      replicaMb: r.sizeMb(),
    };
  } finally {
    rss.stop();
    await r.dispose();
  }
}

async function naiveRun(server: SyncServer, email: string): Promise<InitialSyncRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bandeja-bench-rest-'));
  const db = new Database(join(dir, 'import.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE conversations (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT OR REPLACE INTO conversations (id, data) VALUES (?, ?)');
  const insertPage = db.transaction((rows: ConversationListResponse['conversations']) => {
    for (const c of rows) insert.run(c.id, JSON.stringify(c));
  });
  const rss = rssSampler();
  try {
    const t0 = performance.now();
    const token = await loginToken(server.url, email, DEMO_PASSWORD, server.big.slug);
    let cursor: string | null = null;
    let requests = 0;
    let firstPageMs = NaN;
    do {
      const res = await fetch(`${server.url}/api/v1/conversations?limit=25${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`REST page ${requests}: ${res.status}`);
      const page = (await res.json()) as ConversationListResponse;
      insertPage(page.conversations);
      requests++;
      if (Number.isNaN(firstPageMs)) firstPageMs = performance.now() - t0;
      cursor = page.nextCursor;
    } while (cursor);
    const completeMs = performance.now() - t0;
    const conversations = (db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
    return {
      firstPageMs,
      signInMs: null,
      completeMs,
      requests,
      conversations,
      messages: null,
      rowsPerSecond: conversations / (completeMs / 1000),
      peakRssMb: rss.stop(),
      replicaMb: 0,
    };
  } finally {
    rss.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runInitialSyncBench(
  server: SyncServer,
  opts: { naive: boolean; log: (m: string) => void },
): Promise<InitialSyncResult> {
  const admin = server.big.agents.find((a) => a.role === 'admin') ?? server.big.agents[0]!;
  const counts = await serverCounts(server);
  opts.log(`initial sync: ${counts.conversations.toLocaleString('en')} conversations as ${admin.email}`);
  const design = await designRun(server, admin.email, opts.log);
  if (design.conversations !== counts.conversations || design.messages !== counts.messages)
    throw new Error(
      `initial sync incomplete: replica ${design.conversations}/${design.messages}, server ${counts.conversations}/${counts.messages}`,
    );
  opts.log('initial sync: naive REST import, 25 per page');
  const naive = opts.naive ? await naiveRun(server, admin.email) : { skipped: '--no-naive-import' };
  return {
    serverConversations: counts.conversations,
    serverMessages: counts.messages,
    design,
    naive,
    target: { firstPageMs: 1_000, completeMs: 10_000 },
  };
}

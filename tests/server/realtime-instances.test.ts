// Several server instances on one database. On PostgreSQL (TEST_DATABASE_URL): two real buildServer +
// listen on one database with the default LISTEN/NOTIFY feed — a push through A pokes a socket on B,
// presence crosses over and ends when A closes or goes silent, and a dropped LISTEN connection comes back
// and pokes its subscribers. On every backend: the same presence merge with two instances around one
// in-process feed.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalFeed } from '../../src/server/realtime/feed';
import { FEED_APPLICATION_NAME, PRESENCE_CHANNEL } from '../../src/server/realtime/pg-feed';
import { newId, PresenceResponse } from '../../src/shared';
import { backends, bearer, createAgent, openTestDatabase, type TestDatabase } from './helpers';
import { eventually, listen, type ListeningServer, WsClient } from './realtime-helpers';
import { makeWorld, type SyncWorld, TestClient } from './sync-helpers';

const PG_URL = process.env.TEST_DATABASE_URL;

/** Presence statuses a socket was told about one agent, in order (deltas only). */
const statusesOf = (c: WsClient, agentId: string) =>
  c.frames.flatMap((f) =>
    f.type === 'presence' && !f.snapshot ? f.agents.filter((a) => a.agentId === agentId).map((a) => a.status) : [],
  );
const waitStatus = (c: WsClient, agentId: string, status: string, timeoutMs = 3_000) =>
  c.until(() => (statusesOf(c, agentId).at(-1) === status ? true : undefined), timeoutMs);

async function presenceOn(s: ListeningServer, token: string, agentId: string): Promise<string> {
  const res = await s.app.inject({ method: 'GET', url: '/api/v1/presence', headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return PresenceResponse.parse(res.json()).agents.find((a) => a.agentId === agentId)?.status ?? 'offline';
}

describe('two instances on one PostgreSQL database', () => {
  if (!PG_URL) {
    it.skip('needs TEST_DATABASE_URL: LISTEN/NOTIFY exists only on a real PostgreSQL server', () => undefined);
    return;
  }
  let tdb: TestDatabase;
  let a: ListeningServer;
  let b: ListeningServer;
  let w: SyncWorld;
  const open: WsClient[] = [];
  const track = (c: WsClient) => (open.push(c), c);

  beforeAll(async () => {
    tdb = await openTestDatabase('postgres');
    a = await listen(tdb.database);
    b = await listen(await tdb.reopen()); // its own pool, as a second process would have
    w = await makeWorld(a.app, tdb.database, 'Instances');
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await tdb?.dispose();
  });

  const addNote = (server: ListeningServer) =>
    new TestClient(server.app, w.sales.token).run('addNote', {
      conversationId: w.demo.conversations.sales![0]!.id,
      noteId: newId(),
      body: 'Nota',
    });

  it('a push through instance A pokes a socket on instance B (and on A)', async () => {
    const onB = track(await WsClient.ready(b.wsUrl, w.sales2.token));
    const onA = track(await WsClient.ready(a.wsUrl, w.support.token));
    const fromB = onB.frames.length;
    const fromA = onA.frames.length;
    expect((await addNote(a)).status).toBe('applied');
    await onB.next('poke', { from: fromB });
    await onA.next('poke', { from: fromA });
    // And the other way round.
    const again = onA.frames.length;
    await addNote(b);
    await onA.next('poke', { from: again });
  });

  it('presence of an agent on A is visible from B, and goes offline when A closes', async () => {
    const c = await listen(tdb.database);
    let closed = false;
    try {
      const agent = await createAgent(c.app, w.admin.token);
      const watcher = track(await WsClient.ready(b.wsUrl, w.admin.token));
      const socket = track(await WsClient.ready(c.wsUrl, agent.token));
      expect(await waitStatus(watcher, agent.id, 'online')).toBe(true);
      expect(await presenceOn(b, w.admin.token, agent.id)).toBe('online');
      socket.send({ type: 'activity', state: 'idle' });
      expect(await waitStatus(watcher, agent.id, 'away')).toBe(true);
      expect(await presenceOn(a, w.sales.token, agent.id)).toBe('away');

      await c.app.close();
      closed = true;
      expect((await socket.closeCode()).code).toBe(1001);
      expect(await waitStatus(watcher, agent.id, 'offline')).toBe(true);
      expect(await presenceOn(b, w.admin.token, agent.id)).toBe('offline');
      expect(statusesOf(watcher, agent.id)).toEqual(['online', 'away', 'offline']);
    } finally {
      if (!closed) await c.app.close();
    }
  });

  it('an instance that vanishes without a word does not leave its agents online: entries expire', async () => {
    const agent = await createAgent(a.app, w.admin.token);
    const watcher = track(await WsClient.ready(b.wsUrl, w.admin.token));
    // A fake instance announces the agent once (ttl 300 ms) and then is never heard of again.
    const message = JSON.stringify({
      v: 1,
      from: 'vanished-instance',
      kind: 'full',
      ttl: 300,
      agents: [[w.workspaceId, agent.id, 'online', Date.now()]],
    });
    const client = new pg.Client({ connectionString: tdbUrl() });
    await client.connect();
    try {
      await client.query('select pg_notify($1, $2)', [PRESENCE_CHANNEL, `vanished-instance|${message}`]);
    } finally {
      await client.end();
    }
    expect(await waitStatus(watcher, agent.id, 'online')).toBe(true);
    const t = performance.now();
    expect(await waitStatus(watcher, agent.id, 'offline')).toBe(true);
    expect(performance.now() - t).toBeGreaterThanOrEqual(150);
  });

  it('a dropped LISTEN connection reconnects, pokes its subscribers, and hears other instances again', async () => {
    const onB = track(await WsClient.ready(b.wsUrl, w.sales2.token));
    const from = onB.frames.length;
    const admin = new pg.Client({ connectionString: tdbUrl() });
    await admin.connect();
    try {
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()',
        [FEED_APPLICATION_NAME],
      );
      expect(killed.rowCount).toBe(2); // A's and B's
    } finally {
      await admin.end();
    }
    await onB.next('poke', { from, timeoutMs: 5_000 }); // the catch-up poke after reconnecting
    const after = onB.frames.length;
    await addNote(a);
    await onB.next('poke', { from: after });
  });

  function tdbUrl(): string {
    // The test database's URL: the pool of its Database knows it.
    const pool = (tdb.database.db as unknown as { $client: pg.Pool }).$client;
    return pool.options.connectionString!;
  }
});

describe.each(backends)('two instances around one in-process feed on %s', (backend) => {
  let tdb: TestDatabase;
  const feed = createLocalFeed();
  let a: ListeningServer;
  let b: ListeningServer;
  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
    a = await listen(tdb.database, undefined, { feed });
    b = await listen(tdb.database, undefined, { feed });
  });
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await feed.close();
    await tdb?.dispose();
  });

  it('merges presence (best status wins across instances) and pokes across', async () => {
    const w = await makeWorld(a.app, tdb.database, 'Feed');
    const watcher = await WsClient.ready(b.wsUrl, w.admin.token);
    const onA = await WsClient.ready(a.wsUrl, w.sales.token);
    expect(await waitStatus(watcher, w.sales.id, 'online')).toBe(true);
    onA.send({ type: 'activity', state: 'idle' });
    expect(await waitStatus(watcher, w.sales.id, 'away')).toBe(true);
    // Another window on B, active: online wins over A's away.
    const onB = await WsClient.ready(b.wsUrl, w.sales.token);
    expect(await waitStatus(watcher, w.sales.id, 'online')).toBe(true);
    // A hears of B's window a moment later (instances batch their changes).
    await eventually(async () => (await presenceOn(a, w.admin.token, w.sales.id)) === 'online');
    onB.close();
    expect(await waitStatus(watcher, w.sales.id, 'away')).toBe(true);
    onA.close();
    expect(await waitStatus(watcher, w.sales.id, 'offline')).toBe(true);
    expect(statusesOf(watcher, w.sales.id)).toEqual(['online', 'away', 'online', 'away', 'offline']);

    const from = watcher.frames.length;
    await new TestClient(a.app, w.sales2.token).run('addNote', {
      conversationId: w.demo.conversations.sales![0]!.id,
      noteId: newId(),
      body: 'Nota',
    });
    await watcher.next('poke', { from });
    watcher.close();
  });
});

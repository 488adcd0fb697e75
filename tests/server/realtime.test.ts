// The realtime WebSocket on one server: pokes after another agent's push (and not across workspaces),
// poke latency, authentication and its close codes (none, bad, expired, revoked, disabled, timeout),
// session sliding and revalidation, catching up from the cursor after a reconnect, presence transitions
// and GET /api/v1/presence, and a 1001 close on shutdown.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/server/db/schema';
import { type ChangeFeed, createLocalFeed } from '../../src/server/realtime/feed';
import { newId, PresenceResponse, WS_CLOSE } from '../../src/shared';
import {
  bearer,
  createAgent,
  createWorkspace,
  expectError,
  openTestDatabase,
  type TestDatabase,
  backends,
} from './helpers';
import { eventually, listen, type ListeningServer, WsClient } from './realtime-helpers';
import { idsOf, makeWorld, type SyncWorld, TestClient } from './sync-helpers';

describe.each(backends)('realtime on %s', (backend) => {
  let tdb: TestDatabase;
  let srv: ListeningServer;
  let w: SyncWorld;
  const open: WsClient[] = [];
  const track = (c: WsClient) => (open.push(c), c);
  const ready = async (token: string) => track(await WsClient.ready(srv.wsUrl, token));
  const raw = async (headers: Record<string, string> = {}) => track(await WsClient.open(srv.wsUrl, headers));

  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
    srv = await listen(tdb.database);
    w = await makeWorld(srv.app, tdb.database, 'Realtime');
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => {
    await srv?.app.close();
    await tdb?.dispose();
  });

  const addNote = (c: TestClient) =>
    c.run('addNote', { conversationId: w.demo.conversations.sales![0]!.id, noteId: newId(), body: 'Nota' });

  it('pokes every socket of the workspace after a push, and none of another workspace', async () => {
    const other = await createWorkspace(srv.app, 'Elsewhere');
    const b = await ready(w.sales2.token);
    const admin = await ready(w.admin.token);
    const stranger = await ready(other.token);
    const fromB = b.frames.length;
    const fromAdmin = admin.frames.length;

    expect((await addNote(new TestClient(srv.app, w.sales.token))).status).toBe('applied');
    await b.next('poke', { from: fromB });
    await admin.next('poke', { from: fromAdmin });
    // The stranger answers a ping after the push would have reached it: had a poke come, it came first.
    stranger.send({ type: 'ping', id: 7 });
    await stranger.next('pong', { where: (f) => f.id === 7 });
    await new Promise((r) => setTimeout(r, 50));
    expect(stranger.frames.filter((f) => f.type === 'poke')).toEqual([]);
  });

  it('coalesces a burst of pushes into few pokes, the last one after the last push', async () => {
    const b = await ready(w.sales2.token);
    const a = new TestClient(srv.app, w.sales.token);
    const from = b.frames.length;
    await Promise.all(Array.from({ length: 5 }, () => addNote(a)));
    await b.next('poke', { from });
    await new Promise((r) => setTimeout(r, 60));
    const pokes = b.frames.slice(from).filter((f) => f.type === 'poke').length;
    expect(pokes).toBeGreaterThanOrEqual(1);
    expect(pokes).toBeLessThanOrEqual(5);
  });

  it('pokes within 25 ms (p50) of the commit, over a real loopback socket', async () => {
    // The feed is wrapped to stamp the moment the push route publishes (after its commit): what follows is
    // the realtime path. The push itself (A→server) is the sync suite's business and is reported only.
    const inner = createLocalFeed();
    let publishedAt = 0;
    const feed: ChangeFeed = { ...inner, publish: (id) => ((publishedAt = performance.now()), inner.publish(id)) };
    const timed = await listen(tdb.database, undefined, { feed });
    try {
      const b = track(await WsClient.ready(timed.wsUrl, w.sales2.token));
      const a = new TestClient(timed.app, w.sales.token);
      const conversationId = w.demo.conversations.sales![0]!.id;
      const relay: number[] = [];
      const endToEnd: number[] = [];
      for (let i = 0; i < 25; i++) {
        const from = b.frames.length;
        const started = performance.now();
        const res = await fetch(`${timed.base}/api/v1/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...bearer(a.token) },
          body: JSON.stringify({
            clientId: a.clientId,
            mutations: [a.envelope('addNote', { conversationId, noteId: newId(), body: `n${i}` })],
          }),
        });
        expect(res.status).toBe(200);
        await b.next('poke', { from });
        relay.push(performance.now() - publishedAt);
        endToEnd.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 12)); // past the coalescing window: each push is a fresh burst
      }
      const p50 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      const report = `commit→poke p50 ${p50(relay).toFixed(2)} ms; push request→poke p50 ${p50(endToEnd).toFixed(1)} ms`;
      expect(p50(relay), report).toBeLessThanOrEqual(25);
    } finally {
      await timed.app.close();
      await feed.close();
    }
  });

  describe('authentication', () => {
    it('answers hello with ready (agent, workspace, session expiry) and a presence snapshot', async () => {
      const c = await ready(w.support.token);
      const r = await c.next('ready');
      expect(r).toMatchObject({ agentId: w.support.id, workspaceId: w.workspaceId });
      expect(r.sessionExpiresAt).toBeGreaterThan(Date.now());
      const snap = await c.next('presence', { where: (f) => f.snapshot });
      expect(snap.agents).toContainEqual(expect.objectContaining({ agentId: w.support.id, status: 'online' }));
    });

    it('accepts a Bearer header on the upgrade instead of hello', async () => {
      const c = await raw(bearer(w.support.token));
      expect(await c.next('ready')).toMatchObject({ agentId: w.support.id });
    });

    it('closes 4408 when no hello comes in time', async () => {
      const c = await raw();
      const t = performance.now();
      expect((await c.closeCode()).code).toBe(WS_CLOSE.authTimeout);
      expect(performance.now() - t).toBeGreaterThanOrEqual(300);
    });

    it('closes 4401 for a frame other than hello first, and 4400 for garbage first', async () => {
      const a = await raw();
      a.send({ type: 'ping', id: 1 });
      expect(await a.closeCode()).toMatchObject({ code: WS_CLOSE.unauthenticated, reason: /hello/ });
      const b = await raw();
      b.send('{"type":"hello"');
      expect((await b.closeCode()).code).toBe(WS_CLOSE.invalidMessage);
      const c = await raw();
      c.send({ type: 'hello', token: w.sales.token }); // no clientId
      expect((await c.closeCode()).code).toBe(WS_CLOSE.invalidMessage);
    });

    it('closes 4401 for an unknown token, a malformed Bearer header and an unknown Bearer token', async () => {
      const a = await raw();
      a.send({ type: 'hello', token: 'x'.repeat(43), clientId: newId() });
      expect(await a.closeCode()).toMatchObject({ code: WS_CLOSE.unauthenticated, reason: /sign in/i });
      const b = await raw({ authorization: 'Bearer not a token' });
      expect((await b.closeCode()).code).toBe(WS_CLOSE.unauthenticated);
      const c = await raw(bearer('A'.repeat(43)));
      expect((await c.closeCode()).code).toBe(WS_CLOSE.unauthenticated);
    });

    it('closes 4401 for an expired session', async () => {
      const agent = await createAgent(srv.app, w.admin.token);
      const saved = srv.clock.now;
      srv.clock.now += 31 * 24 * 3_600_000;
      try {
        const c = await raw();
        c.send({ type: 'hello', token: agent.token, clientId: newId() });
        expect((await c.closeCode()).code).toBe(WS_CLOSE.unauthenticated);
      } finally {
        srv.clock.now = saved;
      }
    });

    it('closes a live socket 4401 once its session is revoked (on the next poke), and refuses it after', async () => {
      const agent = await createAgent(srv.app, w.admin.token, { trayIds: [w.trays.sales] });
      const c = await ready(agent.token);
      const out = await srv.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(agent.token) });
      expect(out.statusCode).toBe(200);
      await addNote(new TestClient(srv.app, w.sales.token));
      expect(await c.closeCode()).toMatchObject({ code: WS_CLOSE.unauthenticated, reason: /session ended/i });
      const again = await raw();
      again.send({ type: 'hello', token: agent.token, clientId: newId() });
      expect((await again.closeCode()).code).toBe(WS_CLOSE.unauthenticated);
    });

    it('closes the sockets of a disabled agent within the revalidation period, without any poke', async () => {
      const quick = await listen(tdb.database, { revalidateMs: 100 });
      try {
        const agent = await createAgent(quick.app, w.admin.token);
        const c = track(await WsClient.ready(quick.wsUrl, agent.token));
        const res = await quick.app.inject({
          method: 'PATCH',
          url: `/api/v1/agents/${agent.id}`,
          headers: bearer(w.admin.token),
          payload: { active: false },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect((await c.closeCode(2_000)).code).toBe(WS_CLOSE.unauthenticated);
      } finally {
        await quick.app.close();
      }
    });

    it('slides the session while the socket lives (revalidation writes last use)', async () => {
      const quick = await listen(tdb.database, { revalidateMs: 50 });
      try {
        const agent = await createAgent(quick.app, w.admin.token);
        const c = track(await WsClient.ready(quick.wsUrl, agent.token));
        const [before] = await tdb.database.db.select().from(sessions).where(eq(sessions.agentId, agent.id));
        quick.clock.now += 10 * 60_000;
        await eventually(async () => {
          const [row] = await tdb.database.db.select().from(sessions).where(eq(sessions.agentId, agent.id));
          return row!.expiresAt > before!.expiresAt;
        });
        expect(c.closedWith).toBeNull();
      } finally {
        await quick.app.close();
      }
    });
  });

  it('a client that reconnects and pulls from its cursor misses nothing', async () => {
    const a = new TestClient(srv.app, w.sales.token);
    const b = new TestClient(srv.app, w.sales2.token);
    let socket = await ready(b.token);
    let { cursor } = await b.pullAll();

    socket.close();
    await socket.closed;
    const written: string[] = [];
    for (let i = 0; i < 3; i++) {
      const noteId = newId();
      written.push(noteId);
      await a.run('addNote', { conversationId: w.demo.conversations.sales![1]!.id, noteId, body: `offline ${i}` });
    }

    socket = await ready(b.token);
    const caughtUp = await b.pullAll(cursor);
    expect([...idsOf(caughtUp.changes, 'notes')]).toEqual(expect.arrayContaining(written));
    cursor = caughtUp.cursor;

    // Live again: the next push pokes, and the pull from the cursor holds exactly the new note.
    const from = socket.frames.length;
    const noteId = newId();
    await a.run('addNote', { conversationId: w.demo.conversations.sales![1]!.id, noteId, body: 'live' });
    await socket.next('poke', { from });
    const live = await b.pullAll(cursor);
    expect([...idsOf(live.changes, 'notes')]).toEqual([noteId]);
  });

  describe('presence', () => {
    let quick: ListeningServer;
    beforeAll(async () => {
      quick = await listen(tdb.database, { awayAfterMs: 250, offlineGraceMs: 150, presenceHeartbeatMs: 50 });
    });
    afterAll(async () => {
      await quick.app.close();
    });
    const statusOf = async (token: string, agentId: string, on = quick) => {
      const res = await on.app.inject({ method: 'GET', url: '/api/v1/presence', headers: bearer(token) });
      expect(res.statusCode, res.body).toBe(200);
      return PresenceResponse.parse(res.json()).agents.find((a) => a.agentId === agentId)?.status ?? 'offline';
    };

    it('goes online → away (idle) → online → away (no activity) → offline after the grace period', async () => {
      const agent = await createAgent(quick.app, w.admin.token);
      const watcher = track(await WsClient.ready(quick.wsUrl, w.admin.token));
      const seen = () =>
        watcher.frames.flatMap((f) =>
          f.type === 'presence' && !f.snapshot
            ? f.agents.filter((a) => a.agentId === agent.id).map((a) => a.status)
            : [],
        );
      const waitFor = async (status: string, count: number) =>
        watcher.until(() => (seen().filter((s) => s === status).length >= count ? true : undefined), 2_000);

      const c = track(await WsClient.ready(quick.wsUrl, agent.token));
      expect(await waitFor('online', 1)).toBe(true);
      expect(await statusOf(w.admin.token, agent.id)).toBe('online');

      c.send({ type: 'activity', state: 'idle' });
      expect(await waitFor('away', 1)).toBe(true);
      c.send({ type: 'activity', state: 'active' });
      expect(await waitFor('online', 2)).toBe(true);

      // No activity frame for awayAfterMs: away even though the last state said active.
      const t = performance.now();
      expect(await waitFor('away', 2)).toBe(true);
      expect(performance.now() - t).toBeGreaterThanOrEqual(150);

      c.close();
      await c.closed;
      expect(await statusOf(w.admin.token, agent.id)).toBe('away'); // within the grace period
      expect(await waitFor('offline', 1)).toBe(true);
      expect(await statusOf(w.admin.token, agent.id)).toBe('offline');
      expect(seen()).toEqual(['online', 'away', 'online', 'away', 'offline']);
    });

    it('a reconnect within the grace period does not flap; several connections: online if any is active', async () => {
      // Its own server: nobody goes away for lack of activity during this test.
      const steady = await listen(tdb.database, { offlineGraceMs: 150, awayAfterMs: 60_000 });
      try {
        const agent = await createAgent(steady.app, w.admin.token);
        const watcher = track(await WsClient.ready(steady.wsUrl, w.admin.token));
        const statuses = () =>
          watcher.frames.flatMap((f) =>
            f.type === 'presence' && !f.snapshot
              ? f.agents.filter((a) => a.agentId === agent.id).map((a) => a.status)
              : [],
          );
        const first = track(await WsClient.ready(steady.wsUrl, agent.token));
        first.close();
        await first.closed;
        const again = track(await WsClient.ready(steady.wsUrl, agent.token));
        await new Promise((r) => setTimeout(r, 250)); // past the grace period
        expect(statuses()).toEqual(['online']);

        // A second window, idle: the agent stays online while the first is active, away once it is gone.
        const idle = track(await WsClient.ready(steady.wsUrl, agent.token));
        idle.send({ type: 'activity', state: 'idle' });
        idle.send({ type: 'ping', id: 1 });
        await idle.next('pong');
        expect(await statusOf(w.admin.token, agent.id, steady)).toBe('online');
        again.close();
        await watcher.until(() => (statuses().length === 2 ? true : undefined), 2_000);
        expect(statuses()).toEqual(['online', 'away']);
      } finally {
        await steady.app.close();
      }
    });

    it('snapshots and GET /presence cover the own workspace only, for signed-in agents', async () => {
      const other = await createWorkspace(quick.app, 'Faraway');
      const c = track(await WsClient.ready(quick.wsUrl, w.support.token));
      const stranger = track(await WsClient.ready(quick.wsUrl, other.token));
      const snap = await stranger.next('presence', { where: (f) => f.snapshot });
      expect(snap.agents.map((a) => a.agentId)).toEqual([other.admin.id]);
      expect(await statusOf(other.token, w.support.id)).toBe('offline');
      expect(await statusOf(w.sales.token, w.support.id)).toBe('online'); // any role may ask
      c.send({ type: 'activity', state: 'idle' });
      await new Promise((r) => setTimeout(r, 50));
      expect(stranger.frames.filter((f) => f.type === 'presence' && !f.snapshot)).toEqual([]);
      expectError(await quick.app.inject({ method: 'GET', url: '/api/v1/presence' }), 401, 'forbidden');
      expectError(
        await quick.app.inject({ method: 'GET', url: '/api/v1/presence?x=1', headers: bearer(w.sales.token) }),
        400,
        'invalid_input',
      );
    });
  });

  it('drops a peer that stops answering pings, and its agent goes offline', async () => {
    const agent = await createAgent(srv.app, w.admin.token);
    const watcher = await ready(w.admin.token);
    const silent = track(await WsClient.ready(srv.wsUrl, agent.token, false));
    const t = performance.now();
    // The server pings every 200 ms and cuts a peer that missed the previous ping: no close frame (1006).
    expect((await silent.closeCode(2_000)).code).toBe(1006);
    expect(performance.now() - t).toBeGreaterThanOrEqual(150);
    await watcher.until(
      () =>
        watcher.frames.some(
          (f) => f.type === 'presence' && f.agents.some((a) => a.agentId === agent.id && a.status === 'offline'),
        )
          ? true
          : undefined,
      2_000,
    );
  });

  it('closes sockets with 1001 on shutdown, and refuses new upgrades while closing', async () => {
    const s = await listen(tdb.database);
    const c = await WsClient.ready(s.wsUrl, w.sales.token);
    const closing = s.app.close();
    expect(await c.closeCode()).toMatchObject({ code: WS_CLOSE.goingAway, reason: /shutting down/ });
    await closing;
    await expect(WsClient.open(s.wsUrl)).rejects.toThrow();
  });
});

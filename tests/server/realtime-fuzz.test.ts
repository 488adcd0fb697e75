// Fuzzing the realtime WebSocket with fast-check: every client frame type (hello, activity, ping) in
// structurally near-valid variants, plus garbage, binary, invalid UTF-8 and oversized frames, first on a
// fresh socket (before authentication) and then on an authenticated one. The expected answer of each case
// is derived from the shared schema: an error frame (socket kept), a 44xx close before authentication, the
// protocol's own 1009/1007 for oversized or non-UTF-8 frames, or the normal answer for a valid frame.
// After each run the server must still be healthy and a fresh connection must work end to end.
import { isUtf8 } from 'node:buffer';
import type { Socket } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientFrame, newId, WS_CLOSE, WS_MAX_PAYLOAD_BYTES } from '../../src/shared';
import { backends, createAgent, openTestDatabase, type TestDatabase } from './helpers';
import { listen, type ListeningServer, WsClient } from './realtime-helpers';
import { makeWorld, type SyncWorld, TestClient } from './sync-helpers';

const RUNS = 1_000;
/** Placeholder for the live token, substituted when the frame is sent (tokens exist only after set-up). */
const VALID_TOKEN = '\u0000valid-token\u0000';

interface Frame {
  data: string | Buffer;
  binary: boolean;
}

// ── arbitraries ──────────────────────────────────────────────────────────────────────────────────
const json = fc.jsonValue({ maxDepth: 3 });

/** A valid object of these fields, then perhaps one field dropped, replaced by any JSON, or one extra key. */
function nearValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const keys = Object.keys(fields);
  return fc
    .tuple(
      fc.record(fields),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
        fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...keys) }),
        fc.record({ kind: fc.constant('replace' as const), key: fc.constantFrom(...keys), value: json }),
        fc.record({ kind: fc.constant('extra' as const), key: fc.string({ maxLength: 10 }), value: json }),
      ),
    )
    .map(([base, m]) => {
      const o: Record<string, unknown> = { ...base };
      if (m.kind === 'drop') delete o[m.key];
      if (m.kind === 'replace') o[m.key] = m.value;
      if (m.kind === 'extra') o[m.key] = m.value;
      return o;
    });
}

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constant(VALID_TOKEN) },
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  fc.string({ maxLength: 600 }),
  fc.constant(''),
);
const hello = nearValid({
  type: fc.oneof({ weight: 4, arbitrary: fc.constant('hello') }, fc.constantFrom('Hello', 'helo')),
  token,
  clientId: fc.oneof({ weight: 3, arbitrary: fc.uuid() }, fc.string({ maxLength: 40 }), fc.integer()),
});
const activity = nearValid({
  type: fc.oneof({ weight: 4, arbitrary: fc.constant('activity') }, fc.constantFrom('Activity', 'activities')),
  state: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('active', 'idle') }, fc.string({ maxLength: 12 }), json),
});
const ping = nearValid({
  type: fc.oneof({ weight: 4, arbitrary: fc.constant('ping') }, fc.constantFrom('pong', 'PING')),
  id: fc.oneof(
    fc.nat(),
    fc.maxSafeNat(),
    fc.integer({ min: -1_000, max: -1 }),
    fc.double(),
    fc.constant(Number.MAX_SAFE_INTEGER + 2),
    fc.string({ maxLength: 8 }),
  ),
});

/** How a value travels: as JSON text, cut short, padded, as a binary frame. */
function encoded(value: fc.Arbitrary<unknown>): fc.Arbitrary<Frame> {
  return fc.oneof(
    { weight: 6, arbitrary: value.map((v) => ({ data: JSON.stringify(v), binary: false })) },
    fc.tuple(value, fc.nat()).map(([v, n]) => {
      const text = JSON.stringify(v);
      return { data: text.slice(0, n % Math.max(1, text.length)), binary: false };
    }),
    value.map((v) => ({ data: ` \n${JSON.stringify(v, null, 2)}\t`, binary: false })),
    value.map((v) => ({ data: Buffer.from(JSON.stringify(v)), binary: true })),
  );
}

/** Anything at all: random text and JSON, binary, invalid UTF-8 as text, oversized frames. */
const garbage: fc.Arbitrary<Frame> = fc.oneof(
  fc.string({ maxLength: 200 }).map((data) => ({ data, binary: false })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((data) => ({ data, binary: false })),
  json.map((v) => ({ data: JSON.stringify(v), binary: false })),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ data: Buffer.from(b), binary: true })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({ data: Buffer.from([0xc3, 0x28, ...b]), binary: false })),
  fc.integer({ min: WS_MAX_PAYLOAD_BYTES - 64, max: 3 * WS_MAX_PAYLOAD_BYTES }).map((n) => ({
    data: JSON.stringify({ type: 'hello', token: 'x'.repeat(n), clientId: newId() }),
    binary: false,
  })),
  fc
    .constantFrom('', 'null', '[]', '{}', '{"type":null}', '"hello"', '1e999', '{"__proto__":{"type":"ping"}}')
    .map((data) => ({ data, binary: false })),
);
const anyFrame = fc.oneof(encoded(hello), encoded(activity), encoded(ping), garbage);

// ── expectations ─────────────────────────────────────────────────────────────────────────────────
type Expected = { kind: 'tooBig' } | { kind: 'badUtf8' } | { kind: 'invalid' } | { kind: 'valid'; frame: ClientFrame };

function substitute(frame: Frame, liveToken: string): Frame {
  if (typeof frame.data === 'string')
    return { ...frame, data: frame.data.split(JSON.stringify(VALID_TOKEN).slice(1, -1)).join(liveToken) };
  return {
    ...frame,
    data: Buffer.from(frame.data.toString('latin1').split('\\u0000valid-token\\u0000').join(liveToken), 'latin1'),
  };
}

function expectation(frame: Frame): Expected {
  const bytes = typeof frame.data === 'string' ? Buffer.from(frame.data) : frame.data;
  if (bytes.length > WS_MAX_PAYLOAD_BYTES) return { kind: 'tooBig' };
  if (frame.binary) return { kind: 'invalid' };
  if (!isUtf8(bytes)) return { kind: 'badUtf8' };
  try {
    const parsed = ClientFrame.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? { kind: 'valid', frame: parsed.data } : { kind: 'invalid' };
  } catch {
    return { kind: 'invalid' };
  }
}

function sendFrame(c: WsClient, frame: Frame): void {
  c.ws.send(frame.data, { binary: frame.binary });
}

describe.each(backends)('realtime fuzz on %s', (backend) => {
  let tdb: TestDatabase;
  let srv: ListeningServer;
  let w: SyncWorld;
  let liveToken: string;

  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
    // A generous invalid-frame budget, so one socket can take many bad frames (the budget has its own test).
    srv = await listen(tdb.database, { authTimeoutMs: 5_000, pingIntervalMs: 60_000, maxInvalidFrames: 1_000_000 });
    w = await makeWorld(srv.app, tdb.database, 'Fuzz');
    liveToken = (await createAgent(srv.app, w.admin.token, { trayIds: [w.trays.sales] })).token;
  });
  afterAll(async () => {
    await srv?.app.close();
    await tdb?.dispose();
  });

  /** The server is alive and a fresh connection works end to end: ready, ping, and a poke after a push. */
  async function stillWorks(): Promise<void> {
    expect((await srv.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const c = await WsClient.ready(srv.wsUrl, w.sales2.token);
    try {
      c.send({ type: 'ping', id: 42 });
      await c.next('pong', { where: (f) => f.id === 42 });
      const from = c.frames.length;
      await new TestClient(srv.app, w.sales.token).run('addNote', {
        conversationId: w.demo.conversations.sales![0]!.id,
        noteId: newId(),
        body: 'after fuzz',
      });
      await c.next('poke', { from });
    } finally {
      c.close();
    }
  }

  /** First frame on a fresh socket: ready only for a valid hello with the live token, else the right close. */
  async function firstFrame(raw: Frame): Promise<void> {
    const frame = substitute(raw, liveToken);
    const expected = expectation(frame);
    seen[expected.kind === 'valid' ? expected.frame.type : expected.kind] += 1;
    const c = await WsClient.open(srv.wsUrl);
    try {
      sendFrame(c, frame);
      if (expected.kind === 'valid' && expected.frame.type === 'hello' && expected.frame.token === liveToken) {
        await c.next('ready');
        return;
      }
      const closed = await c.closeCode();
      const code = {
        tooBig: WS_CLOSE.tooBig,
        badUtf8: 1007,
        invalid: WS_CLOSE.invalidMessage,
        valid: WS_CLOSE.unauthenticated, // a hello with another token, or any other frame before hello
      }[expected.kind];
      expect(closed.code, `${JSON.stringify(String(frame.data).slice(0, 200))}`).toBe(code);
      expect(c.frames).toEqual([]);
    } finally {
      c.close();
    }
  }

  /** What the cases of one run were (valid frames by type), so a run that tests nothing fails. */
  let seen = { hello: 0, activity: 0, ping: 0, invalid: 0, tooBig: 0, badUtf8: 0 };
  beforeEach(() => {
    seen = { hello: 0, activity: 0, ping: 0, invalid: 0, tooBig: 0, badUtf8: 0 };
  });

  /** One authenticated socket, replaced whenever a case closes it. */
  let socket: WsClient | null = null;
  let probe = 9_000_000_000_000_000 - 1;
  async function authenticated(): Promise<WsClient> {
    if (!socket || socket.closedWith) socket = await WsClient.ready(srv.wsUrl, liveToken);
    return socket;
  }

  async function afterAuth(raw: Frame): Promise<void> {
    const frame = substitute(raw, liveToken);
    const expected = expectation(frame);
    seen[expected.kind === 'valid' ? expected.frame.type : expected.kind] += 1;
    const c = await authenticated();
    const from = c.frames.length;
    sendFrame(c, frame);
    const id = ++probe;
    c.send({ type: 'ping', id });
    const done = await c.until(
      () => (c.closedWith || c.frames.slice(from).some((f) => f.type === 'pong' && f.id === id) ? true : undefined),
      3_000,
    );
    expect(done, `no answer to ${JSON.stringify(String(frame.data).slice(0, 200))}`).toBe(true);
    // Presence deltas (our own activity) and pokes (pushes elsewhere in the workspace) are not answers.
    const answers = c.frames.slice(from).filter((f) => f.type !== 'presence' && f.type !== 'poke');
    const what = JSON.stringify(String(frame.data).slice(0, 200));
    switch (expected.kind) {
      case 'tooBig':
        expect(c.closedWith?.code, what).toBe(WS_CLOSE.tooBig);
        return;
      case 'badUtf8':
        expect(c.closedWith?.code, what).toBe(1007);
        return;
      case 'invalid':
        expect(c.closedWith, what).toBeNull();
        expect(answers, what).toEqual([
          expect.objectContaining({ type: 'error', code: 'invalid_input' }),
          { type: 'pong', id },
        ]);
        return;
      case 'valid': {
        expect(c.closedWith, what).toBeNull();
        const f = expected.frame;
        const first =
          f.type === 'hello'
            ? [{ type: 'error', code: 'invalid_input', message: 'Already authenticated' }]
            : f.type === 'ping'
              ? [f.id === undefined ? { type: 'pong' } : { type: 'pong', id: f.id }]
              : [];
        expect(answers, what).toEqual([...first, { type: 'pong', id }]);
      }
    }
  }

  it(`hello frames as the first frame (${RUNS} cases): ready, or 4400 / 4401 / 1009 / 1007`, async () => {
    await fc.assert(fc.asyncProperty(encoded(hello), firstFrame), { numRuns: RUNS });
    expect(seen.hello).toBeGreaterThan(75);
    expect(seen.invalid).toBeGreaterThan(100);
    await stillWorks();
  });

  it(`any frame as the first frame (${RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(anyFrame, firstFrame), { numRuns: RUNS });
    expect(Math.min(seen.hello, seen.activity, seen.ping, seen.tooBig, seen.badUtf8)).toBeGreaterThan(10);
    expect(seen.invalid).toBeGreaterThan(100);
    await stillWorks();
  });

  it(`hello frames after authentication (${RUNS} cases): an error, the socket stays`, async () => {
    await fc.assert(fc.asyncProperty(encoded(hello), afterAuth), { numRuns: RUNS });
    expect(seen.hello).toBeGreaterThan(75);
    expect(seen.invalid).toBeGreaterThan(100);
    await stillWorks();
  });

  it(`activity frames after authentication (${RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(encoded(activity), afterAuth), { numRuns: RUNS });
    expect(seen.activity).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
    await stillWorks();
  });

  it(`ping frames after authentication (${RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(encoded(ping), afterAuth), { numRuns: RUNS });
    expect(seen.ping).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
    await stillWorks();
  });

  it(`garbage, binary, invalid UTF-8 and oversized frames after authentication (${RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(garbage, afterAuth), { numRuns: RUNS });
    expect(Math.min(seen.tooBig, seen.badUtf8)).toBeGreaterThan(50);
    expect(seen.invalid).toBeGreaterThan(300);
    await stillWorks();
  });

  it('an error names the offending field, never echoes the value; past the budget the socket closes 4400', async () => {
    const strict = await listen(tdb.database, { maxInvalidFrames: 3 });
    try {
      const c = await WsClient.ready(strict.wsUrl, liveToken);
      c.send({ type: 'activity', state: 'secret-value' });
      const error = await c.next('error');
      expect(error.issues?.map((i) => i.path)).toEqual(['state']);
      expect(JSON.stringify(error)).not.toContain('secret-value');
      c.send('nope');
      c.send(Buffer.from([1, 2, 3]));
      expect(c.frames.filter((f) => f.type === 'error')).toHaveLength(1);
      c.send('{');
      expect(await c.closeCode()).toMatchObject({ code: WS_CLOSE.invalidMessage, reason: /too many/i });
      expect(c.frames.filter((f) => f.type === 'error')).toHaveLength(3);
    } finally {
      await strict.app.close();
    }
  });

  it('frames sent while hello is being checked wait for it, and too many of them close 4429', async () => {
    const c = await WsClient.open(srv.wsUrl);
    c.send({ type: 'hello', token: liveToken, clientId: newId() });
    c.send({ type: 'ping', id: 5 });
    await c.next('ready');
    await c.next('pong', { where: (f) => f.id === 5 });
    c.close();

    // One TCP write, so the server reads the hello and the flood together, while the session lookup runs.
    const flood = await WsClient.open(srv.wsUrl);
    const tcp = (flood.ws as unknown as { _socket: Socket })._socket;
    tcp.cork();
    flood.send({ type: 'hello', token: liveToken, clientId: newId() });
    for (let i = 0; i < 100; i++) flood.send({ type: 'ping', id: i });
    tcp.uncork();
    expect((await flood.closeCode()).code).toBe(WS_CLOSE.tooManyFrames);
  });
});

// Every registered HTTP route × ≥ 1,000 fast-check cases. Most routes are fuzzed by their own suites (the
// COVERAGE table names the file, and this suite checks that file still fuzzes that path); the rest are
// fuzzed here: random and near-valid params, queries, bodies and headers, with valid and broken
// Authorization headers (admin, supervisor, agent, disabled, expired, revoked, another workspace's, junk).
// Whatever arrives: never a 5xx; an error is a 4xx in the shared shape; a success parses with the route's
// schema; a HEAD answer has no body. After each route the server still answers /health and a signed-in
// request. The route list comes from Fastify itself, so a new route without a fuzz fails here.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SESSION_IDLE_MS } from '../../src/server';
import { createSession } from '../../src/server/auth/sessions';
import { seedDemoConversations } from '../../src/server/services/demo';
import { ConversationListResponse, ErrorResponse, InboundSecretResponse, PresenceResponse } from '../../src/shared';
import { backends, bearer, createAgent, createWorkspace, serverPerFile } from './helpers';
import { registeredRoutes } from './route-list';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** Routes fuzzed ≥ 1,000 times by another suite: the file, and the path it must mention. */
const ELSEWHERE: Record<string, string> = {
  'GET /health': 'fuzz.test.ts',
  'POST /api/v1/workspaces': 'fuzz.test.ts',
  'POST /api/v1/auth/login': 'fuzz.test.ts',
  'POST /api/v1/auth/logout': 'fuzz.test.ts',
  'GET /api/v1/me': 'fuzz.test.ts',
  'GET /api/v1/agents': 'fuzz.test.ts',
  'GET /api/v1/agents/:id': 'fuzz.test.ts',
  'POST /api/v1/agents': 'fuzz.test.ts',
  'PATCH /api/v1/agents/:id': 'fuzz.test.ts',
  'GET /api/v1/trays': 'fuzz.test.ts',
  'POST /api/v1/sync/push': 'sync-fuzz.test.ts',
  'POST /api/v1/sync/pull': 'sync-fuzz.test.ts',
  'POST /api/v1/inbound/messages': 'inbound-fuzz.test.ts',
};

interface World {
  /** Ids for `:id`, by the resource the route names: this workspace's and the other's. */
  ids: Record<'channel' | 'agent' | 'conversation', { own: string; foreign: string }>;
  adminToken: string;
  /** Valid, broken and foreign tokens by kind. */
  tokens: Record<TokenKind, string>;
}
const TOKEN_KINDS = ['admin', 'supervisor', 'agent', 'disabled', 'expired', 'revoked', 'foreignAdmin'] as const;
type TokenKind = (typeof TOKEN_KINDS)[number];

// ── arbitraries ──────────────────────────────────────────────────────────────────────────────────
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'ñ'.repeat(300), '😀'.repeat(60), '../..', '%', '%E0%A4%A', "' or 1=1 --"),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** A placeholder resolved once the world exists (arbitraries are built before `beforeAll` runs). */
type Ref = { ref: TokenKind | 'own' | 'foreign' };

const authHeader: fc.Arbitrary<Ref | string | null> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...TOKEN_KINDS).map((k): Ref => ({ ref: k })) },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((t) => `Bearer ${t}`),
      text.map((t) => `Bearer ${t}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'bearer x',
        'Basic YWRtaW46YWRtaW4=',
        'Token abc',
        `Bearer ${'a'.repeat(5000)}`,
      ),
      text,
    ),
  },
);

const idParam: fc.Arbitrary<Ref | string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Ref>({ ref: 'own' }) },
  { weight: 2, arbitrary: fc.constant<Ref>({ ref: 'foreign' }) },
  { weight: 2, arbitrary: fc.uuid().map((u) => encodeURIComponent(u)) },
  { weight: 2, arbitrary: text.map((t) => encodeURIComponent(t)) },
  { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', 'x'.repeat(150), '..', '%2F', 'null') },
);

const query = fc.oneof(
  { weight: 8, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(
        fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('graceSeconds', 'workspaceId')),
        text,
        {
          maxKeys: 3,
        },
      )
      .map((d) => `?${new URLSearchParams(d as Record<string, string>)}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('?', '?a', '?a=1&a=2', '?%', '?__proto__[x]=1', '?constructor=1') },
);

const extraHeaders = fc.dictionary(
  fc.oneof(
    fc.stringMatching(/^x-[a-z-]{1,12}$/),
    fc.constantFrom('upgrade', 'connection', 'accept', 'x-forwarded-for'),
  ),
  fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,40}$/), fc.constantFrom('websocket', 'Upgrade', '*/*')),
  { maxKeys: 3 },
);

/** A raw body: JSON of a value, broken JSON, or none; with a JSON or odd content type. */
const rawBody = (value: fc.Arbitrary<unknown>): fc.Arbitrary<{ payload?: string; contentType?: string }> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant({}) },
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.oneof({ weight: 3, arbitrary: value }, anyJson).map((v) => JSON.stringify(v) ?? 'null'),
          fc.oneof(
            { weight: 8, arbitrary: fc.constant('application/json') },
            fc.constantFrom(
              'text/plain',
              'application/json; charset=latin1',
              'multipart/form-data',
              'application/x-www-form-urlencoded',
            ),
          ),
        )
        .map(([payload, contentType]) => ({ payload, contentType })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{', '{"graceSeconds":', '[', 'nul', '"', '{"__proto__":{"x":1}}', 'x'.repeat(300 * 1024))
        .map((payload) => ({ payload, contentType: 'application/json' })),
    },
  );

const graceBody = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ graceSeconds: fc.integer({ min: 0, max: 7 * 24 * 3600 }) }, { requiredKeys: [] }),
  },
  fc.record(
    {
      graceSeconds: fc.oneof(
        fc.integer({ min: -10, max: 10 }),
        fc.constantFrom(7 * 24 * 3600 + 1, 1.5, -0, 2 ** 53, Number.MAX_VALUE, '3600', null, true),
        anyJson,
      ),
      extra: anyJson,
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(null, {}, [], 0, '', 'null'),
);

interface FuzzRoute {
  method: NonNullable<InjectOptions['method']>;
  path: string;
  body?: fc.Arbitrary<unknown>;
  /** The route's own query (parts joined after resolving ids); default: junk or none. */
  query?: fc.Arbitrary<(Ref | string)[]>;
  /** Schema of a 2xx body (GET/POST); absent = no 2xx expected (the WebSocket route over plain HTTP). */
  ok?: z.ZodType;
}

/** limit and cursor of GET /api/v1/conversations: in range, at the edges, and junk. */
const listQuery: fc.Arbitrary<(Ref | string)[]> = fc
  .tuple(
    fc.option(
      fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 200 }).map(String) },
        fc.constantFrom('0', '-1', '201', '1.5', '1e2', '0x10', 'abc', '', ' 5', 'Infinity', '9'.repeat(400)),
      ),
    ),
    fc.option(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom<Ref>({ ref: 'own' }, { ref: 'foreign' }) },
        fc.uuid(),
        text.map((t) => encodeURIComponent(t)),
      ),
    ),
    fc.option(fc.constantFrom('&limit=2', '&cursor=x', '&other=1', '&limit=1&limit=2')),
  )
  .map(([limit, cursor, extra]) => [
    '?',
    ...(limit !== null ? ['limit=', encodeURIComponent(limit), '&'] : []),
    ...(cursor !== null ? ['cursor=', cursor] : []),
    extra ?? '',
  ]);

const HERE: Record<string, FuzzRoute> = {
  'GET /api/v1/conversations': {
    method: 'GET',
    path: '/api/v1/conversations',
    query: listQuery,
    ok: ConversationListResponse,
  },
  'HEAD /api/v1/conversations': { method: 'HEAD', path: '/api/v1/conversations', query: listQuery },
  'GET /api/v1/presence': { method: 'GET', path: '/api/v1/presence', ok: PresenceResponse },
  'GET /api/v1/ws': { method: 'GET', path: '/api/v1/ws' },
  'GET /api/v1/channels/:id/inbound-secret': {
    method: 'GET',
    path: '/api/v1/channels/:id/inbound-secret',
    ok: InboundSecretResponse,
  },
  'POST /api/v1/channels/:id/inbound-secret': {
    method: 'POST',
    path: '/api/v1/channels/:id/inbound-secret',
    body: graceBody,
    ok: InboundSecretResponse,
  },
  // HEAD routes Fastify adds for every GET: same handlers, no body. Their GETs are fuzzed above or elsewhere.
  'HEAD /health': { method: 'HEAD', path: '/health' },
  'HEAD /api/v1/me': { method: 'HEAD', path: '/api/v1/me' },
  'HEAD /api/v1/agents': { method: 'HEAD', path: '/api/v1/agents' },
  'HEAD /api/v1/agents/:id': { method: 'HEAD', path: '/api/v1/agents/:id' },
  'HEAD /api/v1/trays': { method: 'HEAD', path: '/api/v1/trays' },
  'HEAD /api/v1/presence': { method: 'HEAD', path: '/api/v1/presence' },
  'HEAD /api/v1/ws': { method: 'HEAD', path: '/api/v1/ws' },
  'HEAD /api/v1/channels/:id/inbound-secret': { method: 'HEAD', path: '/api/v1/channels/:id/inbound-secret' },
};
/** The WebSocket route never answers 2xx over plain HTTP; /health never refuses anything. */
const NO_SUCCESS = new Set(['GET /api/v1/ws', 'HEAD /api/v1/ws']);
const NO_ERROR = new Set(['HEAD /health']);

describe.each(backends)('route fuzz on %s', (backend) => {
  const env = serverPerFile(backend);
  let w: World;

  beforeAll(async () => {
    const app = env.s.app;
    const db = env.tdb.database.db;
    const now = env.s.clock.now;
    const ws = await createWorkspace(app, 'RutasA');
    const other = await createWorkspace(app, 'RutasB');
    const trays = (await app.inject({ method: 'GET', url: '/api/v1/trays', headers: bearer(ws.token) })).json<{
      trays: { id: string }[];
    }>().trays;
    const supervisor = await createAgent(app, ws.token, { role: 'supervisor' });
    const agent = await createAgent(app, ws.token, { trayIds: [trays[1]!.id] });
    const disabled = await createAgent(app, ws.token);
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/agents/${disabled.id}`,
      headers: bearer(ws.token),
      payload: { active: false },
    });
    const session = async (id: string, workspaceId: string, at = now) =>
      (await createSession(db, { id, workspaceId }, at)).token;
    const revoked = await session(agent.id, ws.workspace.id);
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(revoked) });
    const mine = await seedDemoConversations(db, ws.workspace.id, { trayKeys: ['global'], perTray: 1, now });
    const theirs = await seedDemoConversations(db, other.workspace.id, { trayKeys: ['global'], perTray: 1, now });
    w = {
      ids: {
        channel: { own: mine.channelId, foreign: theirs.channelId },
        agent: { own: supervisor.id, foreign: other.admin.id },
        conversation: { own: mine.conversations.global![0]!.id, foreign: theirs.conversations.global![0]!.id },
      },
      adminToken: ws.token,
      tokens: {
        admin: ws.token,
        supervisor: supervisor.token,
        agent: agent.token,
        disabled: await session(disabled.id, ws.workspace.id),
        expired: await session(agent.id, ws.workspace.id, now - SESSION_IDLE_MS - 1_000),
        revoked,
        foreignAdmin: other.token,
      },
    };
  });

  const resource = (route?: FuzzRoute) =>
    route?.path.includes('/agents/') ? 'agent' : route?.path.includes('/conversations') ? 'conversation' : 'channel';
  const resolve = (v: Ref | string, route?: FuzzRoute): string => {
    if (typeof v === 'string') return v;
    if (v.ref === 'own' || v.ref === 'foreign') return w.ids[resource(route)][v.ref];
    return w.tokens[v.ref];
  };

  it('every registered route is fuzzed: here, or by the suite named in ELSEWHERE', async () => {
    const registered = await registeredRoutes(env.s.app);
    const covered = [...Object.keys(ELSEWHERE), ...Object.keys(HERE)];
    expect(
      registered.filter((r) => !covered.includes(r)),
      'routes nobody fuzzes',
    ).toEqual([]);
    expect(
      covered.filter((r) => !registered.includes(r)),
      'fuzz entries of routes that do not exist',
    ).toEqual([]);
    for (const [route, file] of Object.entries(ELSEWHERE)) {
      const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      const path = route.split(' ')[1]!;
      expect(source.includes(path), `${file} no longer mentions ${path}`).toBe(true);
      expect(/numRuns: (RUNS|1_?000)\b/.test(source), `${file} runs fewer than 1,000 cases`).toBe(true);
    }
  });

  it.each(Object.keys(HERE))(`%s: ${RUNS} random requests, never a 5xx`, async (name) => {
    const route = HERE[name]!;
    const head = route.method === 'HEAD';
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        idParam,
        route.query ?? query.map((q) => [q]),
        authHeader,
        extraHeaders,
        rawBody(route.body ?? anyJson),
        fc.boolean(),
        async (id, q, auth, extra, body, withBody) => {
          const url = route.path.replace(':id', resolve(id, route)) + q.map((part) => resolve(part, route)).join('');
          const headers: Record<string, string> = { ...extra };
          if (auth !== null) headers.authorization = typeof auth === 'string' ? auth : `Bearer ${resolve(auth)}`;
          // GET/HEAD carry a body only now and then; POST bodies always go through the generator.
          const sendBody = route.method === 'POST' || withBody;
          if (sendBody && body.payload !== undefined) {
            if (body.contentType) headers['content-type'] = body.contentType;
          }
          const res = await env.s.app.inject({
            method: route.method,
            url,
            headers,
            ...(sendBody && body.payload !== undefined ? { payload: body.payload } : {}),
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const context = `${name} ${url.slice(0, 200)} ${JSON.stringify(headers).slice(0, 300)} → ${res.body.slice(0, 300)}`;
          expect(res.statusCode, context).toBeLessThan(500);
          expect(res.statusCode, context).toBeGreaterThanOrEqual(200);
          if (head) expect(res.body, context).toBe('');
          else if (res.statusCode >= 400) expect(ErrorResponse.safeParse(res.json()).success, context).toBe(true);
          else expect(route.ok?.safeParse(res.json()).success, context).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
    const summary = JSON.stringify([...statuses].sort((a, b) => a[0] - b[0]));
    // The generators reach past authentication and validation to the happy path (where there is one).
    if (!NO_SUCCESS.has(name))
      expect(
        [...statuses.keys()].some((s) => s < 300),
        summary,
      ).toBe(true);
    if (!NO_ERROR.has(name))
      expect(
        [...statuses.keys()].some((s) => s >= 400),
        summary,
      ).toBe(true);
    // Still healthy, and still serving signed-in requests.
    const health = await env.s.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode, health.body).toBe(200);
    const me = await env.s.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(w.adminToken) });
    expect(me.statusCode, me.body).toBe(200);
  });
});

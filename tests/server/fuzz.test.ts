// Every HTTP route × ≥ 1,000 random requests (garbage, near-valid and valid bodies, ids, queries, tokens)
// on PGlite: never a 5xx; errors always in the shared shape; successes always in the route's schema.
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AgentListResponse,
  AgentResponse,
  CreateWorkspaceResponse,
  ErrorResponse,
  HealthResponse,
  LoginResponse,
  LogoutResponse,
  MeResponse,
  TrayListResponse,
} from '../../src/shared';
import { createSession } from '../../src/server/auth/sessions';
import { bearer, createAgent, createWorkspace, makeServer, openTestDatabase, type TestDatabase } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

let tdb: TestDatabase;
let app: FastifyInstance;
let tokens: string[];
let agentIds: string[];
let trayIds: string[];
let adminEmail: string;
let admin: { id: string; workspaceId: string };

beforeAll(async () => {
  tdb = await openTestDatabase('pglite');
  // Production rate limits: the fuzz also exercises the 429 path (and stays fast once limited).
  ({ app } = await makeServer(tdb.database, {
    limits: { loginPerAccountPerMinute: 10, loginPerIpPerMinute: 60, workspacesPerIpPerHour: 20 },
  }));
  const ws = await createWorkspace(app);
  adminEmail = ws.admin.email;
  admin = { id: ws.admin.id, workspaceId: ws.workspace.id };
  const res = await app.inject({ method: 'GET', url: '/api/v1/trays', headers: bearer(ws.token) });
  trayIds = res.json<z.infer<typeof TrayListResponse>>().trays.map((t) => t.id);
  const agent = await createAgent(app, ws.token, { role: 'agent', trayIds: trayIds.slice(0, 2) });
  const supervisor = await createAgent(app, ws.token, { role: 'supervisor' });
  // PATCH targets: agents whose tokens the fuzz does not rely on (a random reset may end their sessions).
  const targets = [await createAgent(app, ws.token), await createAgent(app, ws.token, { role: 'admin' })];
  agentIds = [...targets.map((t) => t.id), agent.id];
  tokens = [ws.token, ws.token, agent.token, supervisor.token];
});
afterAll(async () => {
  await app?.close();
  await tdb?.dispose();
});

const huge = fc.constantFrom('x'.repeat(300), 'ñ'.repeat(5000), '\u0000'.repeat(50), '😀'.repeat(200));
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), huge);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const email = fc.oneof(fc.emailAddress(), text, fc.constant('ADMIN@example.com'));
const password = fc.oneof(fc.string({ minLength: 10, maxLength: 40 }), text, fc.constant('correct horse battery'));
const role = fc.oneof(fc.constantFrom('admin', 'supervisor', 'agent'), text);
const id = () => fc.oneof(fc.constantFrom(...agentIds), fc.uuid(), text);
const trayList = () => fc.array(fc.oneof(fc.constantFrom(...trayIds), fc.uuid(), text), { maxLength: 4 });

/** Objects with the route's keys (each value sometimes right, sometimes junk), plus junk keys sometimes. */
function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const record = fc.record(
    Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, fc.oneof({ weight: 4, arbitrary: a }, anyJson)])),
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 6, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc.tuple(record, fc.dictionary(text, anyJson, { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a })),
    },
  );
}

/** The raw payload: JSON of a value, broken JSON, or nothing; with a JSON or odd content type. */
type Sent = { payload?: string; headers?: Record<string, string> };

function payload(body: fc.Arbitrary<unknown>): fc.Arbitrary<Sent> {
  const raw = fc.oneof(
    { weight: 8, arbitrary: fc.oneof({ weight: 3, arbitrary: body }, anyJson).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.oneof(text, fc.constantFrom('{', '{"a":', '[', 'nul', '"', '{"__proto__":{"x":1}}')) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const type = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('text/plain', 'application/json; charset=latin1', 'multipart/form-data', ''),
    },
  );
  return fc.tuple(raw, type).map(([p, t]): Sent => {
    if (p === undefined) return {};
    const headers: Record<string, string> = t ? { 'content-type': t } : {};
    return { payload: p, headers };
  });
}

const auth = () =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...tokens).map((t) => bearer(t)) },
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(text, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/))
        .map((t) => ({ authorization: `Bearer ${t}` })),
    },
  );

const query = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(fc.string({ minLength: 1, maxLength: 8 }), text, { maxKeys: 2 })
      .map((q) => `?${new URLSearchParams(q as Record<string, string>)}`),
  },
);

interface RouteCase {
  method: InjectOptions['method'];
  url: () => fc.Arbitrary<string>;
  body?: () => fc.Arbitrary<unknown>;
  /** Known-good bodies mixed in, so the happy path (and what follows it) is fuzzed too. */
  valid?: () => fc.Arbitrary<unknown>;
  ok: z.ZodType;
}

const ROUTES: Record<string, RouteCase> = {
  'GET /health': { method: 'GET', url: () => fc.constant('/health'), ok: HealthResponse },
  'POST /api/v1/workspaces': {
    method: 'POST',
    url: () => fc.constant('/api/v1/workspaces'),
    body: () =>
      shaped({
        workspaceName: text,
        slug: text,
        timezone: fc.oneof(fc.constantFrom('UTC', 'America/Bogota', 'Europe/Madrid'), text),
        admin: shaped({ name: text, email, password }),
      }),
    valid: () =>
      fc.nat().map((n) => ({
        workspaceName: `Fuzz ${n}`,
        timezone: 'UTC',
        admin: { name: 'Fuzz', email: `fuzz${n}@example.com`, password: 'correct horse battery' },
      })),
    ok: CreateWorkspaceResponse,
  },
  'POST /api/v1/auth/login': {
    method: 'POST',
    url: () => fc.constant('/api/v1/auth/login'),
    body: () => shaped({ workspace: text, email: fc.oneof(email, fc.constant(adminEmail)), password }),
    valid: () => fc.constant({ email: adminEmail, password: 'correct horse battery' }),
    ok: LoginResponse,
  },
  'POST /api/v1/auth/logout': {
    method: 'POST',
    url: () => fc.constant('/api/v1/auth/logout'),
    body: () => fc.oneof(fc.constant({}), anyJson),
    ok: LogoutResponse,
  },
  'GET /api/v1/me': { method: 'GET', url: () => query.map((q) => `/api/v1/me${q}`), ok: MeResponse },
  'GET /api/v1/agents': { method: 'GET', url: () => query.map((q) => `/api/v1/agents${q}`), ok: AgentListResponse },
  'GET /api/v1/agents/:id': {
    method: 'GET',
    url: () => fc.tuple(id(), query).map(([i, q]) => `/api/v1/agents/${encodeURIComponent(i)}${q}`),
    ok: AgentResponse,
  },
  'POST /api/v1/agents': {
    method: 'POST',
    url: () => fc.constant('/api/v1/agents'),
    body: () => shaped({ name: text, email, password, role, trayIds: trayList() }),
    valid: () =>
      fc.tuple(fc.uuid(), fc.constantFrom('supervisor', 'agent'), trayList()).map(([u, r, t]) => ({
        name: 'Fuzz agent',
        email: `${u}@example.com`,
        password: 'correct horse battery',
        role: r,
        trayIds: t.filter((x) => trayIds.includes(x)),
      })),
    ok: AgentResponse,
  },
  'PATCH /api/v1/agents/:id': {
    method: 'PATCH',
    url: () => id().map((i) => `/api/v1/agents/${encodeURIComponent(i)}`),
    body: () => shaped({ name: text, role, active: fc.boolean(), trayIds: trayList(), password }),
    valid: () => fc.record({ name: fc.constantFrom('Ana', 'Beto'), active: fc.boolean() }),
    ok: AgentResponse,
  },
  'GET /api/v1/trays': { method: 'GET', url: () => query.map((q) => `/api/v1/trays${q}`), ok: TrayListResponse },
};

const bodies = (route: RouteCase) =>
  route.valid
    ? fc.oneof({ weight: 7, arbitrary: route.body!() }, { weight: 1, arbitrary: route.valid() })
    : route.body!();

describe('HTTP fuzz on pglite', () => {
  it.each(Object.keys(ROUTES))(`%s: ${RUNS} random requests, never a 5xx`, async (name) => {
    const route = ROUTES[name]!;
    // Logout with a fuzz token would end it for the following cases: give each logout its own session.
    const needsOwnSession = name === 'POST /api/v1/auth/logout';
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        route.url(),
        route.body ? payload(bodies(route)) : fc.constant<Sent>({}),
        auth(),
        async (url, body, headers) => {
          if (needsOwnSession && 'authorization' in headers && tokens.includes(headers.authorization!.slice(7))) {
            headers = bearer(await freshToken());
          }
          const res = await app.inject({
            method: route.method,
            url,
            ...body,
            headers: { ...body.headers, ...headers },
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, `${name} ${url} ${String(body.payload).slice(0, 200)} → ${res.body}`).toBeLessThan(
            500,
          );
          if (res.statusCode >= 400) expect(ErrorResponse.safeParse(res.json()).success, res.body).toBe(true);
          else expect(route.ok.safeParse(res.json()).success, res.body).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
    // The fuzz must reach the happy path too, not only the validation errors.
    expect(
      [...statuses.keys()].some((s) => s < 300),
      JSON.stringify([...statuses]),
    ).toBe(true);
  });
});

/** A new admin session straight from the session layer (login is rate limited). */
async function freshToken(): Promise<string> {
  return (await createSession(tdb.database.db, admin, Date.now())).token;
}

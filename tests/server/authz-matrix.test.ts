// The authorization matrix, as data: for every HTTP route (HEAD included, derived from GET) and for every
// mutation pushed through /api/v1/sync/push, the expected answer per caller role × workspace (own / the
// other one) × tray (Ventas / Soporte for mutations). The tests are generated from the tables, and the
// tables are checked against what the server registers (Fastify's route tree) and against MUTATION_NAMES:
// a new route or mutation without rows fails this suite.
//
// Roles: admin, supervisor, an agent in the tray, an agent not in it, a disabled agent (live session,
// agent inactive), no token, an expired token and a revoked one (logged out). Every case gets its own
// fresh session. Besides each status and message key, the suite checks:
//   · errors leave the database as it was (a fingerprint of every table a request may write);
//   · an id of the other workspace gets exactly the answer a random id gets (nothing told apart);
//   · no response to a caller of workspace A ever contains an id of workspace B (scanned at the end);
//   · a pull returns, per row of the change log, only the caller's workspace and, for agents, only the
//     trays they belong to; replayed, it yields exactly the conversations the caller may see;
//   · refused mutations carry a Spanish message; presence and pokes stay inside the workspace.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultRows, SESSION_IDLE_MS } from '../../src/server';
import { createSession } from '../../src/server/auth/sessions';
import { changeLog, conversations, conversationTags, messages, notes, trayMembers } from '../../src/server/db/schema';
import { type DemoData, seedDemoConversations } from '../../src/server/services/demo';
import {
  AgentListResponse,
  AgentResponse,
  ConversationListResponse,
  CreateWorkspaceResponse,
  type ErrorCode,
  HealthResponse,
  InboundResponse,
  InboundSecretResponse,
  LoginResponse,
  MeResponse,
  MUTATION_NAMES,
  MUTATION_VERSION,
  type MutationName,
  newId,
  PresenceResponse,
  PullResponse,
  PushResponse,
  type SyncChange,
  TrayListResponse,
} from '../../src/shared';
import { backends, bearer, createAgent, createWorkspace, expectError, PASSWORD, serverPerFile } from './helpers';
import { inboundBody, rotateSecret, signedHeaders } from './inbound-helpers';
import { urls, WsClient } from './realtime-helpers';
import { registeredRoutes } from './route-list';
import { TestClient } from './sync-helpers';

// ── dimensions ───────────────────────────────────────────────────────────────────────────────────
const ROLES = [
  'admin',
  'supervisor',
  'agentInTray',
  'agentNotInTray',
  'disabledAgent',
  'noToken',
  'expiredToken',
  'revokedToken',
] as const;
type Role = (typeof ROLES)[number];
const SCOPES = ['own', 'other'] as const;
type Scope = (typeof SCOPES)[number];
/** Trays of the mutation matrix: "agent in tray" is the member of this one, "not in tray" the member of the other. */
const TRAYS = ['sales', 'support'] as const;
type TrayKey = (typeof TRAYS)[number];

type ByRole<T> = Record<Role, T>;
type ByScope<T> = Record<Scope, ByRole<T>>;

// ── outcomes ─────────────────────────────────────────────────────────────────────────────────────
interface HttpOutcome {
  status: number;
  /** The error's messageKey, when the status is an error. */
  key?: string;
}
const status = (s: number, key?: string): HttpOutcome => (key ? { status: s, key } : { status: s });
const UNAUTH = status(401, 'errors.unauthenticated');
const ADMIN_ONLY = status(403, 'errors.adminOnly');
const everyone = <T>(o: T): ByRole<T> => Object.fromEntries(ROLES.map((r) => [r, o])) as ByRole<T>;
const signedIn = (o: HttpOutcome): ByRole<HttpOutcome> => ({
  ...everyone(UNAUTH),
  admin: o,
  supervisor: o,
  agentInTray: o,
  agentNotInTray: o,
});
const adminOnly = (o: HttpOutcome): ByRole<HttpOutcome> => ({ ...signedIn(ADMIN_ONLY), admin: o });

type MutationOutcome =
  | { http: 401 }
  | { result: 'applied' }
  | { result: 'rejected'; code: ErrorCode; key: string; message: (c: Case) => string };
const APPLIED: MutationOutcome = { result: 'applied' };
const NOT_MEMBER: MutationOutcome = {
  result: 'rejected',
  code: 'forbidden',
  key: 'errors.notTrayMember',
  message: (c) => `No perteneces a la bandeja ${c.target.trays[c.tray]!.name}`,
};
const NO_SUCH_CONVERSATION: MutationOutcome = {
  result: 'rejected',
  code: 'not_found',
  key: 'errors.conversationNotFound',
  message: () => 'La conversación ya no existe',
};
const PUSH_UNAUTH: MutationOutcome = { http: 401 };
/** Same for every mutation: members (and supervisors, admins) act; others are refused; B's ids do not exist. */
const MUTATION_EXPECT: ByScope<MutationOutcome> = {
  own: {
    admin: APPLIED,
    supervisor: APPLIED,
    agentInTray: APPLIED,
    agentNotInTray: NOT_MEMBER,
    disabledAgent: PUSH_UNAUTH,
    noToken: PUSH_UNAUTH,
    expiredToken: PUSH_UNAUTH,
    revokedToken: PUSH_UNAUTH,
  },
  other: {
    ...everyone(PUSH_UNAUTH),
    admin: NO_SUCH_CONVERSATION,
    supervisor: NO_SUCH_CONVERSATION,
    agentInTray: NO_SUCH_CONVERSATION,
    agentNotInTray: NO_SUCH_CONVERSATION,
  },
};

// ── the world: two workspaces with one person per role ───────────────────────────────────────────
interface Person {
  id: string;
  email: string;
}
interface Side {
  label: 'A' | 'B';
  workspaceId: string;
  slug: string;
  admin: Person;
  supervisor: Person;
  sales: Person;
  support: Person;
  disabled: Person;
  /** PATCH target (renamed by the matrix; nobody signs in as it). */
  patchTarget: Person;
  trays: Record<string, { id: string; name: string; categoryIds: string[] }>;
  demo: DemoData;
  /** Conversations nobody has touched yet, per tray: each mutation case takes its own. */
  pool: Record<TrayKey, string[]>;
  channelId: string;
  secret: string;
  adminClient: TestClient;
}

interface Case {
  role: Role;
  scope: Scope;
  tray: TrayKey;
  caller: Side;
  /** The workspace the request points at: the caller's own, or the other one. */
  target: Side;
  /** Whose session (or credentials, for login) the case uses. */
  person: Person;
  token: string | null;
}

interface Req {
  method: NonNullable<InjectOptions['method']>;
  url: string;
  headers?: Record<string, string>;
  payload?: string | object;
}

interface RouteRows {
  expect: ByScope<HttpOutcome>;
  request(c: Case): Req | Promise<Req>;
  /** For `other`: the id of workspace B in the request; a random id in its place must get the same answer. */
  foreignId?(c: Case): string;
  /** Checks a successful answer (HEAD answers have no body: not checked). */
  verify?(c: Case, res: LightMyRequestResponse, req: Req): void | Promise<void>;
}

const getJson = (res: LightMyRequestResponse) => res.json<unknown>();
const junkQuery = (c: Case) => `?workspaceId=${c.target.workspaceId}`;

describe.each(backends)('authorization matrix on %s', (backend) => {
  const env = serverPerFile(backend);
  let A: Side;
  let B: Side;
  /** Every answer to a caller of A, scanned for ids of B at the end. */
  const seen: { label: string; body: string }[] = [];
  let serial = 0;

  const app = () => env.s.app;
  const db = () => env.tdb.database.db;
  const q = async <T>(query: ReturnType<typeof sql>) => resultRows<T>(await db().execute(query));

  async function makeSide(label: 'A' | 'B'): Promise<Side> {
    const ws = await createWorkspace(app(), `Matriz${label}`);
    const token = ws.token;
    const trayList = TrayListResponse.parse(
      (await app().inject({ method: 'GET', url: '/api/v1/trays', headers: bearer(token) })).json(),
    ).trays;
    const trays = Object.fromEntries(
      trayList.map((t) => [t.key, { id: t.id, name: t.name, categoryIds: t.categories.map((x) => x.id) }]),
    );
    const person = async (role: 'supervisor' | 'agent', trayKeys: string[] = []) => {
      const a = await createAgent(app(), token, { role, trayIds: trayKeys.map((k) => trays[k]!.id) });
      return { id: a.id, email: a.email };
    };
    const supervisor = await person('supervisor');
    const sales = await person('agent', ['sales']);
    const support = await person('agent', ['support']);
    const disabled = await person('agent', ['sales', 'support']);
    const patchTarget = await person('agent', ['sales']);
    const off = await app().inject({
      method: 'PATCH',
      url: `/api/v1/agents/${disabled.id}`,
      headers: bearer(token),
      payload: { active: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    // Enough untouched conversations for every mutation case of each tray, plus the moves across trays.
    const perTray = MUTATION_NAMES.length * ROLES.length + ROLES.length + 2;
    const demo = await seedDemoConversations(env.tdb.database.db, ws.workspace.id, {
      trayKeys: ['global', 'sales', 'support'],
      perTray,
      messagesPerConversation: 1,
      now: env.s.clock.now,
    });
    const { secret } = await rotateSecret(app(), token, demo.channelId);
    return {
      label,
      workspaceId: ws.workspace.id,
      slug: ws.workspace.slug,
      admin: { id: ws.admin.id, email: ws.admin.email },
      supervisor,
      sales,
      support,
      disabled,
      patchTarget,
      trays,
      demo,
      pool: {
        sales: demo.conversations.sales!.map((x) => x.id),
        support: demo.conversations.support!.map((x) => x.id),
      },
      channelId: demo.channelId,
      secret: secret!,
      adminClient: new TestClient(app(), token),
    };
  }

  beforeAll(async () => {
    A = await makeSide('A');
    B = await makeSide('B');
  }, 120_000);

  function personFor(side: Side, role: Role, tray: TrayKey): Person {
    switch (role) {
      case 'admin':
        return side.admin;
      case 'supervisor':
        return side.supervisor;
      case 'agentInTray':
        return tray === 'sales' ? side.sales : side.support;
      case 'agentNotInTray':
        return tray === 'sales' ? side.support : side.sales;
      case 'disabledAgent':
        return side.disabled;
      default:
        return side.sales; // credentials for login; the token (if any) is broken
    }
  }

  const session = async (p: Person, side: Side, now = env.s.clock.now) =>
    (await createSession(db(), { id: p.id, workspaceId: side.workspaceId }, now)).token;

  async function tokenFor(side: Side, role: Role, p: Person): Promise<string | null> {
    if (role === 'noToken') return null;
    if (role === 'expiredToken') return session(p, side, env.s.clock.now - SESSION_IDLE_MS - 1_000);
    const token = await session(p, side);
    if (role === 'revokedToken') {
      const out = await app().inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
      expect(out.statusCode, out.body).toBe(200);
    }
    return token;
  }

  async function makeCase(role: Role, scope: Scope, tray: TrayKey): Promise<Case> {
    const person = personFor(A, role, tray);
    return {
      role,
      scope,
      tray,
      caller: A,
      target: scope === 'own' ? A : B,
      person,
      token: await tokenFor(A, role, person),
    };
  }

  async function send(c: Case, req: Req, label: string): Promise<LightMyRequestResponse> {
    const res = await app().inject({
      method: req.method,
      url: req.url,
      headers: { ...(c.token ? bearer(c.token) : {}), ...req.headers },
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    });
    if (c.caller === A) seen.push({ label, body: `${JSON.stringify(res.headers)} ${res.body}` });
    return res;
  }

  /** Everything a refused request must leave as it was (sessions: live ones only; last_seen slides). */
  async function fingerprint(): Promise<Record<string, unknown>> {
    const hash = (table: string) =>
      sql.raw(`(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t)`);
    const [row] = await q<Record<string, unknown>>(sql`select
      ${hash('workspaces')} as workspaces, ${hash('agents')} as agents, ${hash('tray_members')} as tray_members,
      ${hash('conversations')} as conversations, ${hash('conversation_tags')} as conversation_tags,
      ${hash('messages')} as messages, ${hash('notes')} as notes, ${hash('channel_secrets')} as channel_secrets,
      ${hash('outbound_queue')} as outbound_queue, ${hash('contacts')} as contacts,
      (select count(*)::int from sessions where revoked_at is null) as live_sessions,
      (select count(*)::int from audit_log) as audit,
      (select coalesce(max(version), 0)::text from change_log) as change_log`);
    return row!;
  }

  const agentTrays = async (agentId: string) =>
    new Set(
      (await db().select({ trayId: trayMembers.trayId }).from(trayMembers).where(eq(trayMembers.agentId, agentId))).map(
        (r) => r.trayId,
      ),
    );
  const agentRole = (c: Case) =>
    c.role === 'admin' ? 'admin' : c.role === 'supervisor' ? 'supervisor' : ('agent' as const);

  /** The conversations the caller may see now: its trays' (agents) or the whole workspace's. */
  async function visibleConversationIds(c: Case): Promise<string[]> {
    const rows = await db()
      .select({ id: conversations.id, trayId: conversations.trayId })
      .from(conversations)
      .where(eq(conversations.workspaceId, c.caller.workspaceId));
    const mine = await agentTrays(c.person.id);
    return rows.filter((v) => agentRole(c) !== 'agent' || mine.has(v.trayId)).map((v) => v.id);
  }

  /** A full pull of the caller: per change-log row and replayed, only what this caller may see. */
  async function verifyPull(c: Case, first: PullResponse, clientId: string): Promise<void> {
    const changes: SyncChange[] = [...first.changes];
    let page = first;
    while (page.hasMore) {
      const res = await send(
        c,
        { method: 'POST', url: '/api/v1/sync/pull', payload: { clientId, cursor: page.cursor } },
        'pull page',
      );
      expect(res.statusCode, res.body).toBe(200);
      page = PullResponse.parse(res.json());
      changes.push(...page.changes);
    }
    const isAgent = agentRole(c) === 'agent';
    const mine = await agentTrays(c.person.id);
    // Each change-log row: this workspace, and (agents) a tray of theirs or the whole workspace.
    const versions = changes.filter((ch) => ch.version > 0).map((ch) => ch.version);
    const logRows = new Map<number, { workspaceId: string; trayId: string | null }>();
    for (let i = 0; i < versions.length; i += 500) {
      const rows = await db()
        .select({ version: changeLog.version, workspaceId: changeLog.workspaceId, trayId: changeLog.trayId })
        .from(changeLog)
        .where(inArray(changeLog.version, versions.slice(i, i + 500)));
      for (const r of rows) logRows.set(r.version, r);
    }
    for (const ch of changes) {
      if (ch.version === 0) {
        if (ch.entity === 'workspaces') expect(ch.entityId).toBe(c.caller.workspaceId);
        continue;
      }
      const row = logRows.get(ch.version);
      expect(row, `change ${ch.version}`).toBeDefined();
      expect(row!.workspaceId).toBe(c.caller.workspaceId);
      if (isAgent && row!.trayId !== null)
        expect(mine.has(row!.trayId), `${ch.entity} ${ch.entityId} of tray ${row!.trayId}`).toBe(true);
    }
    // Replayed like a client: the conversations it holds are exactly those it may see now.
    const convs = new Map<string, Record<string, unknown>>();
    const children = new Map<string, { entity: string; conversationId: string }>();
    for (const ch of changes) {
      if (ch.entity === 'conversations') {
        if (ch.op === 'put') convs.set(ch.entityId, ch.data!);
        else {
          convs.delete(ch.entityId);
          for (const [k, v] of children) if (v.conversationId === ch.entityId) children.delete(k);
        }
      } else if (['messages', 'notes', 'conversation_cycles', 'conversation_tags'].includes(ch.entity)) {
        const key = `${ch.entity}:${ch.entityId}`;
        if (ch.op === 'put') children.set(key, { entity: ch.entity, conversationId: String(ch.data!.conversationId) });
        else children.delete(key);
      }
    }
    expect([...convs.keys()].sort()).toEqual((await visibleConversationIds(c)).sort());
    for (const [id, data] of convs) {
      expect(data.workspaceId, id).toBe(c.caller.workspaceId);
      if (isAgent)
        expect(mine.has(String(data.trayId)), `conversation ${id} in tray ${String(data.trayId)}`).toBe(true);
    }
    for (const [key, child] of children) expect(convs.has(child.conversationId), key).toBe(true);
  }

  // ── the route table ────────────────────────────────────────────────────────────────────────────
  const ROUTES: Record<string, RouteRows> = {
    'GET /health': {
      expect: { own: everyone(status(200)), other: everyone(status(200)) },
      request: () => ({ method: 'GET', url: '/health' }),
      verify: (_c, res) => void expect(HealthResponse.parse(res.json())).toEqual({ ok: true }),
    },
    'POST /api/v1/workspaces': {
      // Sign-up is public: the Authorization header is ignored. Another workspace's handle is taken.
      expect: { own: everyone(status(201)), other: everyone(status(409, 'errors.slugTaken')) },
      request: (c) => ({
        method: 'POST',
        url: '/api/v1/workspaces',
        payload: {
          workspaceName: `Nueva ${++serial} ${randomBytes(3).toString('hex')}`,
          ...(c.scope === 'other' ? { slug: c.target.slug } : {}),
          timezone: 'America/Bogota',
          admin: { name: 'Nueva Admin', email: `nueva${serial}@matriz.example`, password: PASSWORD },
        },
      }),
      verify: (_c, res) => {
        const body = CreateWorkspaceResponse.parse(res.json());
        expect([A.workspaceId, B.workspaceId]).not.toContain(body.workspace.id);
      },
    },
    'POST /api/v1/auth/login': {
      // The role picks the credentials (broken-token roles use an active agent's): a disabled agent cannot
      // sign in, and no one signs in to the other workspace with their own password.
      expect: {
        own: { ...everyone(status(200)), disabledAgent: status(401, 'errors.invalidCredentials') },
        other: everyone(status(401, 'errors.invalidCredentials')),
      },
      request: (c) => ({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: c.person.email, password: PASSWORD, workspace: c.target.slug },
      }),
      verify: (c, res) => {
        const body = LoginResponse.parse(res.json());
        expect(body.agent.id).toBe(c.person.id);
        expect(body.workspace.id).toBe(c.caller.workspaceId);
      },
    },
    'POST /api/v1/auth/logout': {
      // Logout ends the caller's own session; naming another one (of the other workspace) is refused.
      expect: { own: signedIn(status(200)), other: signedIn(status(400)) },
      request: async (c) => ({
        method: 'POST',
        url: '/api/v1/auth/logout',
        payload:
          c.scope === 'own'
            ? {}
            : {
                sessionId: (await createSession(db(), { id: B.admin.id, workspaceId: B.workspaceId }, env.s.clock.now))
                  .sessionId,
              },
      }),
      verify: async (c) => {
        const me = await app().inject({ method: 'GET', url: '/api/v1/me', headers: bearer(c.token!) });
        expectError(me, 401, 'forbidden');
      },
    },
    'GET /api/v1/me': {
      expect: { own: signedIn(status(200)), other: signedIn(status(400)) },
      request: (c) => ({ method: 'GET', url: `/api/v1/me${c.scope === 'other' ? junkQuery(c) : ''}` }),
      verify: (c, res) => {
        const body = MeResponse.parse(res.json());
        expect(body.agent.id).toBe(c.person.id);
        expect(body.workspace.id).toBe(c.caller.workspaceId);
      },
    },
    'GET /api/v1/agents': {
      expect: { own: adminOnly(status(200)), other: adminOnly(status(400)) },
      request: (c) => ({ method: 'GET', url: `/api/v1/agents${c.scope === 'other' ? junkQuery(c) : ''}` }),
      verify: (c, res) => {
        const { agents } = AgentListResponse.parse(res.json());
        expect(agents.every((a) => a.workspaceId === c.caller.workspaceId)).toBe(true);
        expect(agents.map((a) => a.id)).toContain(c.caller.supervisor.id);
      },
    },
    'GET /api/v1/agents/:id': {
      expect: { own: adminOnly(status(200)), other: adminOnly(status(404)) },
      request: (c) => ({ method: 'GET', url: `/api/v1/agents/${c.target.supervisor.id}` }),
      foreignId: (c) => c.target.supervisor.id,
      verify: (c, res) => void expect(AgentResponse.parse(res.json()).agent.id).toBe(c.caller.supervisor.id),
    },
    'POST /api/v1/agents': {
      // Another workspace's tray is an unknown tray.
      expect: { own: adminOnly(status(201)), other: adminOnly(status(422, 'errors.unknownTray')) },
      request: (c) => ({
        method: 'POST',
        url: '/api/v1/agents',
        payload: {
          name: 'Agente Matriz',
          email: `matriz${++serial}-${randomBytes(3).toString('hex')}@example.com`,
          password: PASSWORD,
          role: 'agent',
          trayIds: [c.target.trays[c.tray]!.id],
        },
      }),
      foreignId: (c) => c.target.trays[c.tray]!.id,
      verify: (c, res) => {
        const { agent } = AgentResponse.parse(res.json());
        expect(agent.workspaceId).toBe(c.caller.workspaceId);
        expect(agent.trayIds).toEqual([c.caller.trays[c.tray]!.id]);
      },
    },
    'PATCH /api/v1/agents/:id': {
      expect: { own: adminOnly(status(200)), other: adminOnly(status(404)) },
      request: (c) => ({
        method: 'PATCH',
        url: `/api/v1/agents/${c.target.patchTarget.id}`,
        payload: { name: `Renombrado ${++serial}` },
      }),
      foreignId: (c) => c.target.patchTarget.id,
      verify: (c, res) => void expect(AgentResponse.parse(res.json()).agent.id).toBe(c.caller.patchTarget.id),
    },
    'GET /api/v1/trays': {
      expect: { own: signedIn(status(200)), other: signedIn(status(400)) },
      request: (c) => ({ method: 'GET', url: `/api/v1/trays${c.scope === 'other' ? junkQuery(c) : ''}` }),
      verify: (c, res) => {
        const ids = TrayListResponse.parse(res.json()).trays.map((t) => t.id);
        expect(ids.sort()).toEqual(
          Object.values(c.caller.trays)
            .map((t) => t.id)
            .sort(),
        );
      },
    },
    'POST /api/v1/sync/push': {
      // The envelope level (each mutation has its own table below): another agent's client id is refused.
      expect: { own: signedIn(status(200)), other: signedIn(status(403, 'errors.clientIdTaken')) },
      request: async (c) => ({
        method: 'POST',
        url: '/api/v1/sync/push',
        payload: { clientId: c.scope === 'own' ? newId() : c.target.adminClient.clientId, mutations: [] },
      }),
      verify: (_c, res) => void expect(PushResponse.parse(res.json())).toEqual({ lastMutationId: 0, results: [] }),
    },
    'POST /api/v1/sync/pull': {
      expect: { own: signedIn(status(200)), other: signedIn(status(403, 'errors.clientIdTaken')) },
      request: (c) => ({
        method: 'POST',
        url: '/api/v1/sync/pull',
        payload: { clientId: c.scope === 'own' ? newId() : c.target.adminClient.clientId, cursor: 0 },
      }),
      verify: async (c, res, req) => {
        const { clientId } = req.payload as { clientId: string };
        await verifyPull(c, PullResponse.parse(res.json()), clientId);
      },
    },
    'GET /api/v1/conversations': {
      // Pull's visibility over REST. A cursor is a position, not a lookup: another workspace's conversation id
      // as the cursor still lists only the caller's own conversations.
      expect: { own: signedIn(status(200)), other: signedIn(status(200)) },
      request: (c) => ({
        method: 'GET',
        url: `/api/v1/conversations?limit=200${c.scope === 'other' ? `&cursor=${c.target.demo.conversations.global![0]!.id}` : ''}`,
      }),
      verify: async (c, res, req) => {
        const seenIds: string[] = [];
        let page = ConversationListResponse.parse(res.json());
        for (;;) {
          seenIds.push(...page.conversations.map((x) => x.id));
          if (!page.nextCursor) break;
          const next = await send(
            c,
            { method: 'GET', url: `/api/v1/conversations?limit=200&cursor=${page.nextCursor}` },
            'list page',
          );
          page = ConversationListResponse.parse(next.json());
        }
        const allowed = await visibleConversationIds(c);
        expect(
          seenIds.every((id) => allowed.includes(id)),
          req.url,
        ).toBe(true);
        if (c.scope === 'own') expect(seenIds.sort()).toEqual(allowed.sort());
      },
    },
    'GET /api/v1/presence': {
      expect: { own: signedIn(status(200)), other: signedIn(status(400)) },
      request: (c) => ({ method: 'GET', url: `/api/v1/presence${c.scope === 'other' ? junkQuery(c) : ''}` }),
      verify: async (c, res) => {
        const own = new Set(
          (await q<{ id: string }>(sql`select id::text from agents where workspace_id = ${c.caller.workspaceId}`)).map(
            (r) => r.id,
          ),
        );
        for (const p of PresenceResponse.parse(res.json()).agents) expect(own.has(p.agentId)).toBe(true);
      },
    },
    'GET /api/v1/ws': {
      // Without an Upgrade header the WebSocket route answers 426 (its socket side is in the table below).
      expect: { own: everyone(status(426)), other: everyone(status(426)) },
      request: (c) => ({ method: 'GET', url: `/api/v1/ws${c.scope === 'other' ? junkQuery(c) : ''}` }),
    },
    'GET /api/v1/channels/:id/inbound-secret': {
      expect: { own: adminOnly(status(200)), other: adminOnly(status(404, 'errors.channelNotFound')) },
      request: (c) => ({ method: 'GET', url: `/api/v1/channels/${c.target.channelId}/inbound-secret` }),
      foreignId: (c) => c.target.channelId,
      verify: (c, res) => {
        const body = InboundSecretResponse.parse(res.json());
        expect(body.channelId).toBe(c.caller.channelId);
        expect(body.secret).toBe(c.caller.secret);
      },
    },
    'POST /api/v1/channels/:id/inbound-secret': {
      expect: { own: adminOnly(status(200)), other: adminOnly(status(404, 'errors.channelNotFound')) },
      request: (c) => ({
        method: 'POST',
        url: `/api/v1/channels/${c.target.channelId}/inbound-secret`,
        payload: { graceSeconds: 3600 },
      }),
      foreignId: (c) => c.target.channelId,
      verify: (c, res) => {
        const body = InboundSecretResponse.parse(res.json());
        expect(body.channelId).toBe(c.caller.channelId);
        expect(body.secret).not.toBe(c.caller.secret);
        c.caller.secret = body.secret!;
      },
    },
    'POST /api/v1/inbound/messages': {
      // Signed, not signed in: bearer tokens change nothing. Signing for the other workspace's channel with
      // this workspace's secret is refused.
      expect: { own: everyone(status(200)), other: everyone(status(401, 'errors.webhookRejected')) },
      request: (c) => {
        const { headers, raw } = signedHeaders(
          { channelId: c.target.channelId, secret: c.caller.secret, body: inboundBody() },
          env.s,
        );
        return { method: 'POST', url: '/api/v1/inbound/messages', headers, payload: raw };
      },
      verify: async (c, res) => {
        const body = InboundResponse.parse(res.json());
        expect(body.status).toBe('accepted');
        const [conv] = await db().select().from(conversations).where(eq(conversations.id, body.conversationId));
        expect(conv!.workspaceId).toBe(c.caller.workspaceId);
      },
    },
  };

  // ── the mutation table ─────────────────────────────────────────────────────────────────────────
  const convRow = async (id: string) => (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;
  const tagLinked = async (conv: string, tagId: string) =>
    (
      await db()
        .select()
        .from(conversationTags)
        .where(and(eq(conversationTags.conversationId, conv), eq(conversationTags.tagId, tagId)))
    ).length > 0;

  interface MutationRows {
    expect: ByScope<MutationOutcome>;
    /** Arguments that change the (untouched) conversation when applied; ids of the target workspace. */
    args(c: Case, conv: string): Record<string, unknown>;
    /** Set-up by the target workspace's admin, so that the mutation has something to undo. */
    prepare?(c: Case, conv: string): Promise<void>;
    /** The effect of an applied mutation. */
    effect(conv: string, args: Record<string, unknown>): Promise<void>;
  }

  const MUTATIONS: Record<MutationName, MutationRows> = {
    assign: {
      expect: MUTATION_EXPECT,
      args: (c, conv) => ({ conversationId: conv, assigneeId: personFor(c.target, 'agentInTray', c.tray).id }),
      effect: async (conv, a) => void expect((await convRow(conv)).assigneeId).toBe(a.assigneeId),
    },
    move: {
      expect: MUTATION_EXPECT,
      args: (c, conv) => ({
        conversationId: conv,
        trayId: c.target.trays[c.tray]!.id,
        categoryId: c.target.trays[c.tray]!.categoryIds[0]!,
      }),
      effect: async (conv, a) => void expect((await convRow(conv)).categoryId).toBe(a.categoryId),
    },
    setStatus: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ conversationId: conv, status: 'pending' }),
      effect: async (conv) => void expect((await convRow(conv)).status).toBe('pending'),
    },
    addTag: {
      expect: MUTATION_EXPECT,
      args: (c, conv) => ({ conversationId: conv, tagId: c.target.demo.tagIds[0]! }),
      effect: async (conv, a) => void expect(await tagLinked(conv, String(a.tagId))).toBe(true),
    },
    removeTag: {
      expect: MUTATION_EXPECT,
      prepare: async (c, conv) => {
        const r = await c.target.adminClient.run('addTag', { conversationId: conv, tagId: c.target.demo.tagIds[1]! });
        expect(r.status).toBe('applied');
      },
      args: (c, conv) => ({ conversationId: conv, tagId: c.target.demo.tagIds[1]! }),
      effect: async (conv, a) => void expect(await tagLinked(conv, String(a.tagId))).toBe(false),
    },
    addNote: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ conversationId: conv, noteId: newId(), body: 'Nota de la matriz' }),
      effect: async (conv, a) => {
        const [note] = await db()
          .select()
          .from(notes)
          .where(eq(notes.id, String(a.noteId)));
        expect(note?.conversationId).toBe(conv);
      },
    },
    sendReply: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ conversationId: conv, messageId: newId(), text: 'Respuesta de la matriz' }),
      effect: async (conv, a) => {
        const [message] = await db()
          .select()
          .from(messages)
          .where(eq(messages.id, String(a.messageId)));
        expect(message?.conversationId).toBe(conv);
      },
    },
  };

  /** Moving a conversation of this tray into the other one: a member of only one of them may do neither. */
  const other = (t: TrayKey): TrayKey => (t === 'sales' ? 'support' : 'sales');
  const CROSS_MOVE: ByRole<MutationOutcome> = {
    ...MUTATION_EXPECT.own,
    agentInTray: { ...NOT_MEMBER, message: (c) => `No perteneces a la bandeja ${c.target.trays[other(c.tray)]!.name}` },
  };

  async function pushOne(c: Case, name: MutationName, args: unknown, label: string) {
    const clientId = newId();
    const mutation = { clientId, mutationId: 1, name, version: MUTATION_VERSION, args, clientTime: 0 };
    return send(c, { method: 'POST', url: '/api/v1/sync/push', payload: { clientId, mutations: [mutation] } }, label);
  }

  async function runMutation(c: Case, name: MutationName, args: Record<string, unknown>, outcome: MutationOutcome) {
    const label = `push ${name} ${c.role} ${c.scope} ${c.tray}`;
    const before = await fingerprint();
    const res = await pushOne(c, name, args, label);
    if ('http' in outcome) {
      expect(expectError(res, 401, 'forbidden').messageKey).toBe(UNAUTH.key);
      expect(await fingerprint()).toEqual(before);
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    const [result] = PushResponse.parse(res.json()).results;
    expect(result?.status, JSON.stringify(result)).toBe(outcome.result);
    if (outcome.result === 'applied') return;
    expect(result!.error).toEqual({ code: outcome.code, message: outcome.message(c), messageKey: outcome.key });
    expect(await fingerprint()).toEqual(before);
    if (c.scope === 'other') {
      // A conversation of the other workspace is refused exactly like one that never existed.
      const twin = await pushOne(c, name, { ...args, conversationId: newId() }, `${label} (random id)`);
      expect(PushResponse.parse(twin.json()).results[0]!.error).toEqual(result!.error);
    }
  }

  const takeConversation = (side: Side, tray: TrayKey) => {
    const conv = side.pool[tray].pop();
    if (!conv) throw new Error(`pool of ${side.label}/${tray} exhausted: raise perTray`);
    return conv;
  };

  // ── generated tests ────────────────────────────────────────────────────────────────────────────
  const routeKeys = Object.keys(ROUTES).flatMap((k) => (k.startsWith('GET ') ? [k, `HEAD ${k.slice(4)}`] : [k]));

  it('the tables cover every registered route and every mutation, for every role and workspace', async () => {
    const registered = await registeredRoutes(app());
    expect(
      registered.filter((r) => !routeKeys.includes(r)),
      'registered routes without rows',
    ).toEqual([]);
    expect(
      routeKeys.filter((r) => !registered.includes(r)),
      'rows of routes the server does not have',
    ).toEqual([]);
    const roles = [...ROLES].sort();
    for (const [key, spec] of Object.entries(ROUTES))
      for (const scope of SCOPES) expect(Object.keys(spec.expect[scope]).sort(), `${key} ${scope}`).toEqual(roles);
    expect(Object.keys(MUTATIONS).sort(), 'mutations without rows').toEqual([...MUTATION_NAMES].sort());
    for (const [name, spec] of Object.entries(MUTATIONS))
      for (const scope of SCOPES) expect(Object.keys(spec.expect[scope]).sort(), `${name} ${scope}`).toEqual(roles);
  });

  const mutationCases = MUTATION_NAMES.flatMap((name) =>
    SCOPES.flatMap((scope) => TRAYS.flatMap((tray) => ROLES.map((role) => ({ name, scope, tray, role })))),
  );
  it.each(mutationCases)('push $name · $role · $scope workspace · tray $tray', async ({ name, scope, tray, role }) => {
    const spec = MUTATIONS[name];
    const c = await makeCase(role, scope, tray);
    const conv = takeConversation(c.target, tray);
    await spec.prepare?.(c, conv);
    const args = spec.args(c, conv);
    const outcome = spec.expect[scope][role];
    await runMutation(c, name, args, outcome);
    if ('result' in outcome && outcome.result === 'applied') await spec.effect(conv, args);
  });

  it.each(TRAYS.flatMap((tray) => ROLES.map((role) => ({ tray, role }))))(
    'push move into the other tray · $role · tray $tray',
    async ({ tray, role }) => {
      const c = await makeCase(role, 'own', tray);
      const conv = takeConversation(A, tray);
      const target = A.trays[other(tray)]!;
      const args = { conversationId: conv, trayId: target.id, categoryId: target.categoryIds[0]! };
      await runMutation(c, 'move', args, CROSS_MOVE[role]);
      const row = await convRow(conv);
      expect(row.trayId).toBe(
        'result' in CROSS_MOVE[role] && CROSS_MOVE[role].result === 'applied' ? target.id : A.trays[tray]!.id,
      );
    },
  );

  const routeCases = routeKeys.flatMap((key) => SCOPES.flatMap((scope) => ROLES.map((role) => ({ key, scope, role }))));
  it.each(routeCases)('$key · $role · $scope workspace', async ({ key, scope, role }) => {
    const head = key.startsWith('HEAD ');
    const spec = ROUTES[head ? `GET ${key.slice(5)}` : key]!;
    const outcome = spec.expect[scope][role];
    const c = await makeCase(role, scope, 'sales');
    const req = await spec.request(c);
    if (head) req.method = 'HEAD';
    const before = outcome.status >= 400 ? await fingerprint() : undefined;
    const res = await send(c, req, `${key} ${role} ${scope}`);
    expect(res.statusCode, res.body).toBe(outcome.status);
    if (head) expect(res.body).toBe('');
    else if (outcome.status >= 400) expect(expectError(res, outcome.status).messageKey).toBe(outcome.key);
    else await spec.verify?.(c, res, req);
    if (before) expect(await fingerprint()).toEqual(before);
    if (scope === 'other' && spec.foreignId) {
      const foreign = spec.foreignId(c);
      const twinReq = JSON.parse(JSON.stringify(req).split(foreign).join(newId())) as Req;
      const twin = await send(c, twinReq, `${key} ${role} ${scope} (random id)`);
      expect(twin.statusCode).toBe(res.statusCode);
      if (!head) expect(getJson(twin)).toEqual(getJson(res));
    }
  });

  // ── the WebSocket: hello per role, presence and pokes per workspace ─────────────────────────────
  const WS_EXPECT: ByRole<'ready' | 4401> = {
    ...everyone<'ready' | 4401>(4401),
    admin: 'ready',
    supervisor: 'ready',
    agentInTray: 'ready',
    agentNotInTray: 'ready',
  };

  describe('realtime socket', () => {
    let wsUrl: string;
    beforeAll(async () => {
      await app().listen({ port: 0, host: '127.0.0.1' });
      wsUrl = urls(app()).wsUrl;
    });

    it.each(ROLES)('hello as %s', async (role) => {
      const c = await makeCase(role, 'own', 'sales');
      const client = await WsClient.open(wsUrl);
      try {
        client.send({ type: 'hello', token: c.token ?? randomBytes(32).toString('base64url'), clientId: newId() });
        if (WS_EXPECT[role] === 'ready') {
          const ready = await client.next('ready');
          expect([ready.workspaceId, ready.agentId]).toEqual([A.workspaceId, c.person.id]);
        } else {
          expect((await client.closeCode()).code).toBe(4401);
        }
      } finally {
        client.close();
      }
    });

    it('presence and pokes stay inside the workspace', async () => {
      const aToken = await session(A.sales, A);
      const bToken = await session(B.support, B);
      const a = await WsClient.ready(wsUrl, aToken);
      const b = await WsClient.ready(wsUrl, bToken);
      try {
        const presence = async (token: string, side: Side) => {
          const c: Case = { ...(await makeCase('admin', 'own', 'sales')), caller: side, token };
          const res = await send(c, { method: 'GET', url: '/api/v1/presence' }, `presence ${side.label}`);
          return PresenceResponse.parse(res.json()).agents.map((p) => p.agentId);
        };
        await expect.poll(() => presence(bToken, B)).toContain(B.support.id);
        await expect.poll(() => presence(aToken, A)).toContain(A.sales.id);
        expect(await presence(aToken, A)).not.toContain(B.support.id);
        expect(await presence(bToken, B)).not.toContain(A.sales.id);
        // A change in B pokes B's socket only.
        const pokesOfA = a.frames.filter((f) => f.type === 'poke').length;
        const from = b.frames.length;
        const conv = B.demo.conversations.support![0]!.id;
        expect(
          (await B.adminClient.run('addNote', { conversationId: conv, noteId: newId(), body: 'Solo B' })).status,
        ).toBe('applied');
        await b.next('poke', { from });
        await new Promise((r) => setTimeout(r, 200));
        expect(a.frames.filter((f) => f.type === 'poke').length).toBe(pokesOfA);
        const foreign = new Set(await idsOf(B.workspaceId));
        expect(a.raw.filter((f) => (f.match(UUID) ?? []).some((id) => foreign.has(id.toLowerCase())))).toEqual([]);
      } finally {
        a.close();
        b.close();
      }
    });
  });

  // ── nothing of B ever reached A ────────────────────────────────────────────────────────────────
  async function idsOf(workspaceId: string): Promise<string[]> {
    const rows = await q<{ id: string }>(sql`
      select id::text as id from workspaces where id = ${workspaceId}
      union all select id::text from agents where workspace_id = ${workspaceId}
      union all select id::text from trays where workspace_id = ${workspaceId}
      union all select id::text from categories where workspace_id = ${workspaceId}
      union all select id::text from sessions where workspace_id = ${workspaceId}
      union all select id::text from channels where workspace_id = ${workspaceId}
      union all select id::text from companies where workspace_id = ${workspaceId}
      union all select id::text from contacts where workspace_id = ${workspaceId}
      union all select id::text from contact_identities where workspace_id = ${workspaceId}
      union all select id::text from tags where workspace_id = ${workspaceId}
      union all select id::text from conversations where workspace_id = ${workspaceId}
      union all select client_id::text from clients where workspace_id = ${workspaceId}
      union all select m.id::text from messages m join conversations c on c.id = m.conversation_id
        where c.workspace_id = ${workspaceId}
      union all select n.id::text from notes n join conversations c on c.id = n.conversation_id
        where c.workspace_id = ${workspaceId}
      union all select y.id::text from conversation_cycles y join conversations c on c.id = y.conversation_id
        where c.workspace_id = ${workspaceId}`);
    return rows.map((r) => r.id.toLowerCase());
  }

  it('no answer to a caller of workspace A ever contained an id of workspace B', async () => {
    const foreign = new Set(await idsOf(B.workspaceId));
    expect(foreign.size).toBeGreaterThan(500);
    expect(seen.length).toBeGreaterThan(routeCases.length);
    const leaks = seen.flatMap((s) =>
      (s.body.match(UUID) ?? []).filter((id) => foreign.has(id.toLowerCase())).map((id) => `${s.label}: ${id}`),
    );
    expect(leaks).toEqual([]);
  });
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

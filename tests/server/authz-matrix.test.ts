// The authorization matrix, as data: for every HTTP route (HEAD included, derived from GET) and for every
// mutation pushed through /api/v1/sync/push, the expected answer per caller role × workspace (own / the
// other one) × tray (Ventas / Soporte for mutations). The tests are generated from the tables, and the
// tables are checked against what the server registers (Fastify's route tree) and against MUTATION_NAMES:
// a new route or mutation without rows fails this suite. Mutations have three kinds of rows: those of a
// conversation (MUTATION_EXPECT: its tray decides), workspace-wide records (contacts, companies, tickets:
// anyone of the workspace) and settings (admins only); hand-offs to another team and escalations are
// tried with and without the guide's descriptive note.
//
// Roles: admin, supervisor, an agent in the tray, an agent not in it, a disabled agent (live session,
// agent inactive), no token, an expired token and a revoked one (logged out). Every case gets its own
// fresh session. Besides each status and message key, the suite checks:
//   · errors leave the database as it was (a fingerprint of every table a request may write);
//   · an id of the other workspace gets exactly the answer a random id gets (nothing told apart), whether
//     it is the mutation's key or one it refers to (a tag, an agent, a ticket…) — except the client-minted
//     key of a creation or upsert: ids are global, so B's is taken where a random one would create a row;
//   · no response to a caller of workspace A ever contains an id of workspace B (scanned at the end);
//   · a pull returns, per row of the change log, only the caller's workspace and, for agents, only the
//     trays they belong to; replayed, it yields exactly the conversations the caller may see;
//   · refused mutations carry a Spanish message; presence and pokes stay inside the workspace.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultRows, SESSION_IDLE_MS } from '../../src/server';
import { createSession } from '../../src/server/auth/sessions';
import {
  categories,
  changeLog,
  companies,
  contactIdentities,
  contacts,
  conversationCycles,
  conversations,
  conversationTags,
  conversationTickets,
  dispositions,
  messages,
  notes,
  tags,
  tasks,
  tickets,
  trayMembers,
  trays,
  workspaces,
} from '../../src/server/db/schema';
import { type DemoData, seedDemoConversations } from '../../src/server/services/demo';
import { appendChanges } from '../../src/server/sync/changes';
import { conversationChange, cycleChange, messageChange } from '../../src/server/sync/rows';
import {
  AgentListResponse,
  AgentResponse,
  ConversationListResponse,
  CreateWorkspaceResponse,
  DEFAULT_DISPOSITIONS,
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
  readSettings,
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

interface Refusal {
  result: 'rejected';
  code: ErrorCode;
  key: string;
  message: (c: Case) => string;
  /** The refusal's params (the UI's placeholders); absent when the refusal has none. */
  params?: (c: Case) => Record<string, string | number>;
}
type MutationOutcome = { http: 401 } | { result: 'applied' } | Refusal;
const APPLIED: MutationOutcome = { result: 'applied' };
const refusal = (code: ErrorCode, key: string, message: string, params?: Record<string, string | number>): Refusal => ({
  result: 'rejected',
  code,
  key,
  message: () => message,
  ...(params ? { params: () => params } : {}),
});
const NOT_MEMBER: Refusal = {
  result: 'rejected',
  code: 'forbidden',
  key: 'errors.notTrayMember',
  message: (c) => `No perteneces a la bandeja ${c.target.trays[c.tray]!.name}`,
  params: (c) => ({ tray: c.target.trays[c.tray]!.name }),
};
const NO_SUCH_CONVERSATION = refusal('not_found', 'errors.conversationNotFound', 'La conversación ya no existe');
const NO_SUCH_TASK = refusal('not_found', 'errors.taskNotFound', 'La tarea ya no existe');
const NO_SUCH_TICKET = refusal('not_found', 'errors.ticketNotFound', 'El ticket ya no existe');
const NO_SUCH_CONTACT = refusal('not_found', 'errors.contactNotFound', 'Ese contacto ya no existe');
const NO_SUCH_COMPANY = refusal('not_found', 'errors.companyNotFound', 'Esa empresa ya no existe');
const NO_SUCH_TRAY = refusal('not_found', 'errors.trayNotFound', 'La bandeja ya no existe');
const NO_SUCH_TAG = refusal('not_found', 'errors.tagNotFound', 'La etiqueta ya no existe');
const NO_SUCH_AGENT = refusal('not_found', 'errors.agentNotFound', 'Ese agente ya no existe');
/** Client-minted ids are global: an id of another workspace is taken (never edited, never merged). */
const ID_TAKEN = refusal('conflict', 'errors.idTaken', 'Ese elemento ya existe');
const REORDER_MISMATCH = refusal(
  'conflict',
  'errors.reorderMismatch',
  'La lista cambió mientras la ordenabas: vuelve a abrirla e inténtalo de nuevo',
);
const SETTINGS_ADMIN_ONLY = refusal(
  'forbidden',
  'errors.adminOnly',
  'Solo un administrador puede cambiar la configuración',
);
const TASK_FORBIDDEN = refusal(
  'forbidden',
  'errors.taskForbidden',
  'Solo quien creó la tarea o quien la tiene asignada puede cambiarla',
);
/** The guide's hand-off note (context, actions, next steps) is missing, for `label` (notes-rules.ts). */
const noteRequired = (reason: 'moveToOtherTeam' | 'escalate', label: string) =>
  refusal(
    'rule_violation',
    'errors.descriptiveNoteRequired',
    `Falta la nota descriptiva (${label}): completa Contexto, Acciones realizadas, Próximos pasos`,
    { reasons: reason, fields: 'context,actions,nextSteps' },
  );
const PUSH_UNAUTH: MutationOutcome = { http: 401 };
const signedInPush = (o: MutationOutcome): ByRole<MutationOutcome> => ({
  ...everyone(PUSH_UNAUTH),
  admin: o,
  supervisor: o,
  agentInTray: o,
  agentNotInTray: o,
});
/** Conversation-scoped mutations: members (and supervisors, admins) act; others are refused; B's ids do not exist. */
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
  other: signedInPush(NO_SUCH_CONVERSATION),
};
/** Workspace-wide records (contacts, companies, tickets): anyone signed in to the workspace; B's `other`. */
const workspaceWide = (other: MutationOutcome): ByScope<MutationOutcome> => ({
  own: signedInPush(APPLIED),
  other: signedInPush(other),
});
/** Settings: admins only (checked before anything else); for B's ids the admin gets `other`. */
const settingsExpect = (other: MutationOutcome): ByScope<MutationOutcome> => ({
  own: { ...signedInPush(SETTINGS_ADMIN_ONLY), admin: APPLIED },
  other: { ...signedInPush(SETTINGS_ADMIN_ONLY), admin: other },
});

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
  pool: Record<TrayKey | 'global', string[]>;
  /** The customer messages of each demo conversation. */
  messagesOf: Map<string, string[]>;
  /** The default dispositions (calificaciones), in the guide's order. */
  dispositions: string[];
  /** The demo company (every demo contact belongs to it). */
  companyId: string;
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
    // Enough untouched conversations for every mutation case of each tray, the hand-offs and the rest.
    const demo = await seedDemoConversations(env.tdb.database.db, ws.workspace.id, {
      trayKeys: ['global', 'sales', 'support'],
      perTray: poolSize(),
      messagesPerConversation: 1,
      now: env.s.clock.now,
    });
    const { secret } = await rotateSecret(app(), token, demo.channelId);
    const dispositionRows = await db()
      .select({ id: dispositions.id })
      .from(dispositions)
      .where(eq(dispositions.workspaceId, ws.workspace.id))
      .orderBy(asc(dispositions.position));
    expect(dispositionRows).toHaveLength(DEFAULT_DISPOSITIONS.length);
    const [company] = await db()
      .select({ id: companies.id })
      .from(companies)
      .where(eq(companies.workspaceId, ws.workspace.id));
    const demoConversations = Object.values(demo.conversations).flat();
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
        global: demo.conversations.global!.map((x) => x.id),
        sales: demo.conversations.sales!.map((x) => x.id),
        support: demo.conversations.support!.map((x) => x.id),
      },
      messagesOf: new Map(demoConversations.map((x) => [x.id, x.messageIds])),
      dispositions: dispositionRows.map((d) => d.id),
      companyId: company!.id,
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
      ${hash('contact_identities')} as contact_identities, ${hash('companies')} as companies,
      ${hash('conversation_cycles')} as conversation_cycles, ${hash('tasks')} as tasks, ${hash('tickets')} as tickets,
      ${hash('conversation_tickets')} as conversation_tickets, ${hash('trays')} as trays,
      ${hash('categories')} as categories, ${hash('tags')} as tags, ${hash('dispositions')} as dispositions,
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
      } else if (
        ['messages', 'notes', 'conversation_cycles', 'conversation_tags', 'tasks', 'conversation_tickets'].includes(
          ch.entity,
        )
      ) {
        const key = `${ch.entity}:${ch.entityId}`;
        // A standalone task belongs to the workspace, not to a conversation.
        if (ch.op === 'put' && ch.data!.conversationId != null)
          children.set(key, { entity: ch.entity, conversationId: String(ch.data!.conversationId) });
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
  const firstCycle = async (conv: string) =>
    (
      await db()
        .select()
        .from(conversationCycles)
        .where(and(eq(conversationCycles.conversationId, conv), eq(conversationCycles.number, 1)))
    )[0]!;
  const tagLinked = async (conv: string, tagId: string) =>
    (
      await db()
        .select()
        .from(conversationTags)
        .where(and(eq(conversationTags.conversationId, conv), eq(conversationTags.tagId, tagId)))
    ).length > 0;
  const ticketLinked = async (conv: string, ticketId: string) =>
    (
      await db()
        .select()
        .from(conversationTickets)
        .where(and(eq(conversationTickets.conversationId, conv), eq(conversationTickets.ticketId, ticketId)))
    ).length > 0;
  const noteRow = async (id: unknown) =>
    (
      await db()
        .select()
        .from(notes)
        .where(eq(notes.id, String(id)))
    )[0];
  const taskRow = async (id: unknown) =>
    (
      await db()
        .select()
        .from(tasks)
        .where(eq(tasks.id, String(id)))
    )[0];
  const ticketRow = async (id: unknown) =>
    (
      await db()
        .select()
        .from(tickets)
        .where(eq(tickets.id, String(id)))
    )[0];
  const contactRow = async (id: unknown) =>
    (
      await db()
        .select()
        .from(contacts)
        .where(eq(contacts.id, String(id)))
    )[0];
  const contactOf = async (conv: string) => (await convRow(conv)).contactId;
  const settingsOf = async (side: Side) =>
    readSettings((await db().select().from(workspaces).where(eq(workspaces.id, side.workspaceId)))[0]!.settings);
  const dispositionOrder = async (side: Side) =>
    (
      await db()
        .select({ id: dispositions.id })
        .from(dispositions)
        .where(eq(dispositions.workspaceId, side.workspaceId))
        .orderBy(asc(dispositions.position), asc(dispositions.id))
    ).map((d) => d.id);

  /** Set-up by a workspace's own admin (never through `send`: not an answer to a caller of A). */
  async function adminRun(side: Side, name: MutationName, args: Record<string, unknown>): Promise<void> {
    const r = await side.adminClient.run(name, args);
    expect(r.status, `${side.label} ${name}: ${JSON.stringify(r.error)}`).toBe('applied');
  }

  /**
   * A second open conversation of the same contact, as a customer who writes again through another thread
   * leaves it (the duplicate that mergeConversations resolves), written with its change-log rows like the
   * demo's conversations so every replica can pull it.
   */
  async function duplicateOf(
    side: Side,
    conv: string,
  ): Promise<{ id: string; messageId: string; closedCycleId: string }> {
    return db().transaction(async (tx) => {
      const [orig] = await tx.select().from(conversations).where(eq(conversations.id, conv));
      const at = env.s.clock.now - 30_000;
      const [dup] = await tx
        .insert(conversations)
        .values({
          id: newId(),
          workspaceId: side.workspaceId,
          contactId: orig!.contactId,
          channelId: orig!.channelId,
          channelKind: orig!.channelKind,
          trayId: orig!.trayId,
          status: 'open',
          subject: 'Consulta repetida',
          snippet: 'Otra vez yo, ¿me ayudan con lo de antes?',
          lastActivityAt: at,
          waitingSince: at,
          lastCustomerMessageAt: at,
          cycle: 2,
          cycleStartedAt: at,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      // It was resolved once before (its closed cycle must survive the merge, untouched but renumbered).
      const [closed] = await tx
        .insert(conversationCycles)
        .values({
          id: newId(),
          conversationId: dup!.id,
          number: 1,
          startedAt: at - DAY,
          firstHumanReplyAt: at - DAY + 60_000,
          resolvedAt: at - DAY + 120_000,
          justification: 'answered',
          resolvedTrayId: orig!.trayId,
        })
        .returning();
      const [cycle] = await tx
        .insert(conversationCycles)
        .values({ id: newId(), conversationId: dup!.id, number: 2, startedAt: at })
        .returning();
      const [message] = await tx
        .insert(messages)
        .values({
          id: newId(),
          conversationId: dup!.id,
          direction: 'inbound',
          authorKind: 'contact',
          text: 'Otra vez yo, ¿me ayudan con lo de antes?',
          createdAt: at,
        })
        .returning();
      const changes = [
        conversationChange(dup!),
        cycleChange(closed!, dup!.trayId),
        cycleChange(cycle!, dup!.trayId),
        messageChange(message!, dup!.trayId),
      ];
      const [version] = await appendChanges(tx, side.workspaceId, changes, env.s.clock.now);
      await tx.update(conversations).set({ version }).where(eq(conversations.id, dup!.id));
      return { id: dup!.id, messageId: message!.id, closedCycleId: closed!.id };
    });
  }

  const DAY = 24 * 60 * 60 * 1000;
  /** What a teammate needs to continue the case: meaningful context, actions and next steps. */
  const HAND_OFF_NOTE = {
    context: 'El cliente reporta una falla en la pieza que compró',
    actions: 'Revisé el pedido y confirmé la fecha de compra',
    nextSteps: 'Soporte debe revisar la garantía y llamarlo',
  };

  type Args = Record<string, unknown>;
  /** What `prepare` left for the case (ids it created). */
  type Prep = Record<string, string>;

  interface MutationRows {
    /** A variant of another mutation (a second table row for the same name); default: the row's key. */
    name?: MutationName;
    expect: ByScope<MutationOutcome>;
    /** false: the mutation needs no untouched conversation of the pool (settings, companies). */
    pool?: false;
    /** Set-up by the target workspace's admin, so that the mutation has something to change. */
    prepare?(c: Case, conv: string): Promise<Prep>;
    /** Arguments that change the target when applied; ids of the target workspace. */
    args(c: Case, conv: string, prep: Prep): Args;
    /**
     * The ids of the target workspace in `args` (default: the conversation). In the other workspace each one,
     * replaced by a random id, must get exactly the same answer. Empty where the id is the client-minted key
     * of a creation or upsert: a random one would create the row, B's is taken (ids are global).
     */
    foreign?(args: Args, prep: Prep): string[];
    /** The effect of an applied mutation (always in the caller's own workspace). */
    effect(c: Case, conv: string, args: Args, prep: Prep): Promise<void>;
  }

  const MUTATIONS: Record<MutationName, MutationRows> = {
    assign: {
      expect: MUTATION_EXPECT,
      args: (c, conv) => ({ conversationId: conv, assigneeId: personFor(c.target, 'agentInTray', c.tray).id }),
      foreign: (a) => [String(a.conversationId), String(a.assigneeId)],
      effect: async (_c, conv, a) => void expect((await convRow(conv)).assigneeId).toBe(a.assigneeId),
    },
    move: {
      // Within the tray (a category): no hand-off, no note. Across trays: CROSS_MOVE below.
      expect: MUTATION_EXPECT,
      args: (c, conv) => ({
        conversationId: conv,
        trayId: c.target.trays[c.tray]!.id,
        categoryId: c.target.trays[c.tray]!.categoryIds[0]!,
      }),
      foreign: (a) => [String(a.conversationId), String(a.trayId), String(a.categoryId)],
      effect: async (_c, conv, a) => void expect((await convRow(conv)).categoryId).toBe(a.categoryId),
    },
    setStatus: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ conversationId: conv, status: 'pending' }),
      effect: async (_c, conv) => void expect((await convRow(conv)).status).toBe('pending'),
    },
    resolve: {
      // Answered (a) by a reply of the admin; the first default disposition.
      expect: MUTATION_EXPECT,
      prepare: async (c, conv) => {
        await adminRun(c.target, 'sendReply', { conversationId: conv, messageId: newId(), text: 'Ya quedó listo' });
        return {};
      },
      args: (c, conv) => ({ conversationId: conv, dispositionId: c.target.dispositions[0]! }),
      foreign: (a) => [String(a.conversationId), String(a.dispositionId)],
      effect: async (c, conv, a) => {
        expect((await convRow(conv)).status).toBe('resolved');
        expect(await firstCycle(conv)).toMatchObject({
          resolvedBy: c.person.id,
          dispositionId: a.dispositionId,
          justification: 'answered',
          resolvedTrayId: c.caller.trays[c.tray]!.id,
        });
      },
    },
    snooze: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ conversationId: conv, until: env.s.clock.now + DAY }),
      effect: async (c, conv, a) =>
        void expect(await convRow(conv)).toMatchObject({
          status: 'snoozed',
          snoozedUntil: a.until,
          snoozedBy: c.person.id,
        }),
    },
    setFollowUp: {
      // A follow-up reminder belongs to Pendientes.
      expect: MUTATION_EXPECT,
      prepare: async (c, conv) => {
        await adminRun(c.target, 'setStatus', { conversationId: conv, status: 'pending' });
        return {};
      },
      args: (_c, conv) => ({ conversationId: conv, at: env.s.clock.now + DAY }),
      effect: async (c, conv, a) =>
        void expect(await convRow(conv)).toMatchObject({
          status: 'pending',
          followUpAt: a.at,
          followUpBy: c.person.id,
        }),
    },
    addTag: {
      expect: MUTATION_EXPECT,
      args: (c, conv) => ({ conversationId: conv, tagId: c.target.demo.tagIds[0]! }),
      foreign: (a) => [String(a.conversationId), String(a.tagId)],
      effect: async (_c, conv, a) => void expect(await tagLinked(conv, String(a.tagId))).toBe(true),
    },
    removeTag: {
      expect: MUTATION_EXPECT,
      prepare: async (c, conv) => {
        await adminRun(c.target, 'addTag', { conversationId: conv, tagId: c.target.demo.tagIds[1]! });
        return {};
      },
      args: (c, conv) => ({ conversationId: conv, tagId: c.target.demo.tagIds[1]! }),
      foreign: (a) => [String(a.conversationId), String(a.tagId)],
      effect: async (_c, conv, a) => void expect(await tagLinked(conv, String(a.tagId))).toBe(false),
    },
    addNote: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ conversationId: conv, noteId: newId(), body: 'Nota de la matriz' }),
      effect: async (_c, conv, a) => void expect((await noteRow(a.noteId))?.conversationId).toBe(conv),
    },
    addDescriptiveNote: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ conversationId: conv, noteId: newId(), fields: HAND_OFF_NOTE }),
      effect: async (c, conv, a) =>
        void expect(await noteRow(a.noteId)).toMatchObject({
          conversationId: conv,
          authorAgentId: c.person.id,
          kind: 'descriptive',
          fields: HAND_OFF_NOTE,
        }),
    },
    logExternalContact: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({
        conversationId: conv,
        noteId: newId(),
        channel: 'phone',
        occurredAt: env.s.clock.now - 60 * 60 * 1000,
        summary: 'Llamó para confirmar la dirección de entrega',
      }),
      effect: async (c, conv, a) =>
        void expect(await noteRow(a.noteId)).toMatchObject({
          conversationId: conv,
          authorAgentId: c.person.id,
          kind: 'external',
          externalChannel: 'phone',
          occurredAt: a.occurredAt,
          body: a.summary,
        }),
    },
    sendReply: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ conversationId: conv, messageId: newId(), text: 'Respuesta de la matriz' }),
      effect: async (_c, conv, a) => {
        const [message] = await db()
          .select()
          .from(messages)
          .where(eq(messages.id, String(a.messageId)));
        expect(message?.conversationId).toBe(conv);
      },
    },
    markCustomerConfirmed: {
      // d): the customer's own message of this cycle.
      expect: MUTATION_EXPECT,
      args: (c, conv) => ({ conversationId: conv, messageId: c.target.messagesOf.get(conv)![0]! }),
      foreign: (a) => [String(a.conversationId), String(a.messageId)],
      effect: async (_c, conv, a) => void expect((await firstCycle(conv)).confirmedMessageId).toBe(a.messageId),
    },
    mergeConversations: {
      // The same customer wrote through a second conversation of the same tray: merged into the first.
      expect: MUTATION_EXPECT,
      prepare: async (c, conv) => {
        const dup = await duplicateOf(c.target, conv);
        return { sourceId: dup.id, sourceMessageId: dup.messageId, closedCycleId: dup.closedCycleId };
      },
      args: (_c, conv, p) => ({ targetId: conv, sourceId: p.sourceId }),
      foreign: (a) => [String(a.targetId), String(a.sourceId)],
      effect: async (_c, conv, _a, p) => {
        expect(await db().select().from(conversations).where(eq(conversations.id, p.sourceId!))).toEqual([]);
        const [moved] = await db().select().from(messages).where(eq(messages.id, p.sourceMessageId!));
        expect(moved?.conversationId).toBe(conv);
        // No cycle is lost: the source's closed one now belongs to the target, its closure unchanged, and
        // the target's current cycle is numbered after it.
        const kept = await db().select().from(conversationCycles).where(eq(conversationCycles.conversationId, conv));
        const closed = kept.find((k) => k.id === p.closedCycleId);
        expect(closed).toMatchObject({ justification: 'answered', resolvedAt: expect.any(Number) });
        const [target] = await db().select().from(conversations).where(eq(conversations.id, conv));
        expect(Math.max(...kept.map((k) => k.number))).toBe(target!.cycle);
        expect(kept.find((k) => k.number === target!.cycle)?.resolvedAt).toBeNull();
      },
    },
    createTask: {
      expect: MUTATION_EXPECT,
      args: (c, conv) => ({
        taskId: newId(),
        conversationId: conv,
        title: 'Llamar al cliente',
        dueAt: env.s.clock.now + DAY,
        assigneeId: personFor(c.target, 'agentInTray', c.tray).id,
      }),
      foreign: (a) => [String(a.conversationId), String(a.assigneeId)],
      effect: async (c, conv, a) =>
        void expect(await taskRow(a.taskId)).toMatchObject({
          workspaceId: c.caller.workspaceId,
          conversationId: conv,
          assigneeId: a.assigneeId,
          dueAt: a.dueAt,
          done: false,
          createdBy: c.person.id,
        }),
    },
    updateTask: {
      // A conversation's task follows its tray; B's task does not exist.
      expect: { own: MUTATION_EXPECT.own, other: signedInPush(NO_SUCH_TASK) },
      prepare: async (c, conv) => {
        const taskId = newId();
        await adminRun(c.target, 'createTask', {
          taskId,
          conversationId: conv,
          title: 'Enviar la cotización',
          dueAt: null,
          assigneeId: null,
        });
        return { taskId };
      },
      args: (_c, _conv, p) => ({ taskId: p.taskId, done: true }),
      foreign: (a) => [String(a.taskId)],
      effect: async (c, _conv, a) =>
        void expect(await taskRow(a.taskId)).toMatchObject({ done: true, doneBy: c.person.id }),
    },
    createTicket: {
      expect: MUTATION_EXPECT,
      args: (_c, conv) => ({ ticketId: newId(), conversationId: conv, subject: 'Cambio de pieza', priority: 'high' }),
      effect: async (c, conv, a) => {
        const ticket = await ticketRow(a.ticketId);
        expect(ticket).toMatchObject({
          workspaceId: c.caller.workspaceId,
          subject: 'Cambio de pieza',
          status: 'open',
          priority: 'high',
          createdBy: c.person.id,
        });
        expect(ticket!.number).toBeGreaterThanOrEqual(1); // numbered by the server
        expect(await ticketLinked(conv, String(a.ticketId))).toBe(true);
      },
    },
    updateTicket: {
      // Tickets are workspace-wide: anyone of the workspace may update one, whoever's conversation it serves.
      expect: workspaceWide(NO_SUCH_TICKET),
      prepare: async (c, conv) => {
        const ticketId = newId();
        await adminRun(c.target, 'createTicket', {
          ticketId,
          conversationId: conv,
          subject: 'Garantía',
          priority: 'normal',
        });
        return { ticketId };
      },
      args: (_c, _conv, p) => ({ ticketId: p.ticketId, status: 'inProgress', priority: 'urgent' }),
      foreign: (a) => [String(a.ticketId)],
      effect: async (_c, _conv, a) =>
        void expect(await ticketRow(a.ticketId)).toMatchObject({ status: 'inProgress', priority: 'urgent' }),
    },
    linkTicket: {
      // A ticket opened from a Global conversation, linked to this one too.
      expect: MUTATION_EXPECT,
      prepare: async (c) => {
        const ticketId = newId();
        const from = takeConversation(c.target, 'global');
        await adminRun(c.target, 'createTicket', {
          ticketId,
          conversationId: from,
          subject: 'Falla general',
          priority: 'low',
        });
        return { ticketId };
      },
      args: (_c, conv, p) => ({ conversationId: conv, ticketId: p.ticketId }),
      foreign: (a) => [String(a.conversationId), String(a.ticketId)],
      effect: async (_c, conv, a) => void expect(await ticketLinked(conv, String(a.ticketId))).toBe(true),
    },
    unlinkTicket: {
      expect: MUTATION_EXPECT,
      prepare: async (c, conv) => {
        const ticketId = newId();
        await adminRun(c.target, 'createTicket', {
          ticketId,
          conversationId: conv,
          subject: 'Duplicado',
          priority: 'low',
        });
        return { ticketId };
      },
      args: (_c, conv, p) => ({ conversationId: conv, ticketId: p.ticketId }),
      foreign: (a) => [String(a.conversationId), String(a.ticketId)],
      effect: async (_c, conv, a) => {
        expect(await ticketLinked(conv, String(a.ticketId))).toBe(false);
        expect(await ticketRow(a.ticketId)).toBeDefined(); // the ticket itself stays
      },
    },
    createCompany: {
      // Workspace-wide; pointing at B = reusing the id of B's company: taken, B's row untouched.
      expect: workspaceWide(ID_TAKEN),
      pool: false,
      args: (c) => ({
        companyId: c.scope === 'own' ? newId() : c.target.companyId,
        name: `Empresa ${++serial}`,
        domain: ' Matriz.Example ',
      }),
      foreign: () => [],
      effect: async (c, _conv, a) => {
        const [company] = await db()
          .select()
          .from(companies)
          .where(eq(companies.id, String(a.companyId)));
        expect(company).toEqual({
          id: a.companyId,
          workspaceId: c.caller.workspaceId,
          name: a.name,
          domain: 'matriz.example',
        });
      },
    },
    setContactCompany: {
      // Any agent completes any contact of the workspace (guide §7), whatever tray its conversation is in.
      expect: workspaceWide(NO_SUCH_CONTACT),
      prepare: async (c, conv) => {
        const companyId = newId();
        await adminRun(c.target, 'createCompany', { companyId, name: `Cliente corporativo ${++serial}`, domain: null });
        return { contactId: await contactOf(conv), companyId };
      },
      args: (_c, _conv, p) => ({ contactId: p.contactId, companyId: p.companyId }),
      foreign: (a) => [String(a.contactId), String(a.companyId)],
      effect: async (_c, _conv, a) => void expect((await contactRow(a.contactId))?.companyId).toBe(a.companyId),
    },
    updateContact: {
      expect: workspaceWide(NO_SUCH_CONTACT),
      prepare: async (_c, conv) => ({ contactId: await contactOf(conv) }),
      args: (_c, _conv, p) => ({ contactId: p.contactId, name: `Cliente renombrado ${++serial}` }),
      foreign: (a) => [String(a.contactId)],
      effect: async (_c, _conv, a) => void expect((await contactRow(a.contactId))?.name).toBe(a.name),
    },
    addContactIdentity: {
      expect: workspaceWide(NO_SUCH_CONTACT),
      prepare: async (_c, conv) => ({ contactId: await contactOf(conv) }),
      args: (_c, _conv, p) => ({
        contactId: p.contactId,
        identityId: newId(),
        kind: 'email',
        value: ` Cliente${++serial}@Matriz.Example `,
      }),
      foreign: (a) => [String(a.contactId)],
      effect: async (c, _conv, a) => {
        const [identity] = await db()
          .select()
          .from(contactIdentities)
          .where(eq(contactIdentities.id, String(a.identityId)));
        expect(identity).toMatchObject({
          workspaceId: c.caller.workspaceId,
          contactId: a.contactId,
          kind: 'email',
          value: String(a.value).trim().toLowerCase(),
        });
      },
    },
    // Settings: Marketing (a tray no case works in), its first category, the third demo tag and the last
    // default disposition are renamed; B's are taken ids (an upsert never edits another workspace's row).
    saveTray: {
      expect: settingsExpect(ID_TAKEN),
      pool: false,
      args: (c) => ({
        trayId: c.target.trays.marketing!.id,
        name: `Marketing ${++serial}`,
        team: 'marketing',
        active: true,
      }),
      foreign: () => [],
      effect: async (_c, _conv, a) => {
        const [tray] = await db()
          .select()
          .from(trays)
          .where(eq(trays.id, String(a.trayId)));
        expect(tray).toMatchObject({ name: a.name, team: 'marketing', active: true });
      },
    },
    saveCategory: {
      // Looked up through its tray: B's tray does not exist here.
      expect: settingsExpect(NO_SUCH_TRAY),
      pool: false,
      args: (c) => ({
        categoryId: c.target.trays.marketing!.categoryIds[0]!,
        trayId: c.target.trays.marketing!.id,
        name: `Leads ${++serial}`,
        active: true,
      }),
      foreign: (a) => [String(a.trayId), String(a.categoryId)],
      effect: async (_c, _conv, a) => {
        const [category] = await db()
          .select()
          .from(categories)
          .where(eq(categories.id, String(a.categoryId)));
        expect(category).toMatchObject({ trayId: a.trayId, name: a.name, active: true });
      },
    },
    saveTag: {
      expect: settingsExpect(ID_TAKEN),
      pool: false,
      args: (c) => ({ tagId: c.target.demo.tagIds[2]!, name: `Reclamo ${++serial}`, color: '#7c3aed' }),
      foreign: () => [],
      effect: async (_c, _conv, a) => {
        const [tag] = await db()
          .select()
          .from(tags)
          .where(eq(tags.id, String(a.tagId)));
        expect(tag).toMatchObject({ name: a.name, color: '#7c3aed' });
      },
    },
    saveDisposition: {
      expect: settingsExpect(ID_TAKEN),
      pool: false,
      args: (c) => ({
        dispositionId: c.target.dispositions[3]!,
        name: `Cliente insatisfecho ${++serial}`,
        needsFollowUp: false,
        active: true,
      }),
      foreign: () => [],
      effect: async (_c, _conv, a) => {
        const [d] = await db()
          .select()
          .from(dispositions)
          .where(eq(dispositions.id, String(a.dispositionId)));
        expect(d).toMatchObject({ name: a.name, needsFollowUp: false, active: true });
      },
    },
    reorder: {
      // The whole current list, reversed; B's list is not this workspace's list.
      expect: settingsExpect(REORDER_MISMATCH),
      pool: false,
      prepare: async (c) => ({ ids: (await dispositionOrder(c.target)).reverse().join(',') }),
      args: (_c, _conv, p) => ({ entity: 'dispositions', ids: p.ids!.split(',') }),
      foreign: (a) => a.ids as string[],
      effect: async (c, _conv, a) => void expect(await dispositionOrder(c.caller)).toEqual(a.ids),
    },
    setTrayMembers: {
      // Marketing: no role of the matrix works it, so its members can change without moving the cases.
      expect: settingsExpect(NO_SUCH_TRAY),
      pool: false,
      args: (c) => ({ trayId: c.target.trays.marketing!.id, agentIds: [c.target.patchTarget.id] }),
      foreign: (a) => [String(a.trayId), ...(a.agentIds as string[])],
      effect: async (c, _conv, a) => {
        const members = await db()
          .select()
          .from(trayMembers)
          .where(eq(trayMembers.trayId, String(a.trayId)));
        expect(members.map((m) => m.agentId)).toEqual([c.target.patchTarget.id]);
      },
    },
    saveSettings: {
      // No id to point at: whoever calls changes their own workspace's settings, never the other one's.
      expect: settingsExpect(APPLIED),
      pool: false,
      prepare: async () => ({ settingsOfB: JSON.stringify(await settingsOf(B)) }),
      args: () => ({ patch: { reopenWindowHours: 1 + (++serial % 700) } }),
      foreign: () => [],
      effect: async (c, _conv, a, p) => {
        const patch = a.patch as { reopenWindowHours: number };
        expect((await settingsOf(c.caller)).reopenWindowHours).toBe(patch.reopenWindowHours);
        expect(JSON.stringify(await settingsOf(B))).toBe(p.settingsOfB);
      },
    },
  };

  /** Second rows of a mutation whose other form has other rules. */
  const VARIANTS: Record<string, MutationRows> = {
    'createTask (standalone)': {
      // Not tied to a conversation: workspace-wide. B's agent is no assignee here.
      name: 'createTask',
      expect: workspaceWide(NO_SUCH_AGENT),
      pool: false,
      args: (c) => ({
        taskId: newId(),
        conversationId: null,
        title: 'Preparar el informe semanal',
        dueAt: null,
        assigneeId: c.target.supervisor.id,
      }),
      foreign: (a) => [String(a.assigneeId)],
      effect: async (c, _conv, a) =>
        void expect(await taskRow(a.taskId)).toMatchObject({
          workspaceId: c.caller.workspaceId,
          conversationId: null,
          assigneeId: a.assigneeId,
          createdBy: c.person.id,
        }),
    },
    'updateTask (standalone)': {
      // Its creator (the admin here) or its assignee (the tray's agent); supervisors and admins: any.
      name: 'updateTask',
      expect: {
        own: { ...MUTATION_EXPECT.own, agentNotInTray: TASK_FORBIDDEN },
        other: signedInPush(NO_SUCH_TASK),
      },
      pool: false,
      prepare: async (c) => {
        const taskId = newId();
        await adminRun(c.target, 'createTask', {
          taskId,
          conversationId: null,
          title: 'Revisar precios',
          dueAt: null,
          assigneeId: personFor(c.target, 'agentInTray', c.tray).id,
        });
        return { taskId };
      },
      args: (_c, _conv, p) => ({ taskId: p.taskId, title: 'Revisar precios de mayo' }),
      foreign: (a) => [String(a.taskId)],
      effect: async (_c, _conv, a) => void expect((await taskRow(a.taskId))?.title).toBe(a.title),
    },
  };

  /**
   * Moving a conversation of this tray into the other one (another team): anyone who may touch it may
   * hand it off — the target tray need not be theirs — with the guide's descriptive note in the cycle;
   * without it the move is refused and says what the note must tell. A member of only the target tray
   * may not touch it at all.
   */
  const other = (t: TrayKey): TrayKey => (t === 'sales' ? 'support' : 'sales');
  const MOVE_NOTE = noteRequired('moveToOtherTeam', 'mover a la bandeja de otro equipo');
  const CROSS_MOVE: Record<'with note' | 'without note', ByRole<MutationOutcome>> = {
    'with note': MUTATION_EXPECT.own,
    'without note': { ...MUTATION_EXPECT.own, admin: MOVE_NOTE, supervisor: MOVE_NOTE, agentInTray: MOVE_NOTE },
  };
  /** An agent handing the conversation up to a supervisor escalates: the same note first. */
  const ESCALATION: Record<'with note' | 'without note', ByRole<MutationOutcome>> = {
    'with note': MUTATION_EXPECT.own,
    'without note': { ...MUTATION_EXPECT.own, agentInTray: noteRequired('escalate', 'escalar') },
  };

  /**
   * An id of B inside a mutation of A's own conversation (a tag, an agent, a ticket…): answered exactly like
   * a random id. Agents and admins (the settings ones: an agent is refused before any lookup).
   */
  interface ForeignRef {
    name: MutationName;
    prepare?(conv: string): Promise<Prep>;
    args(conv: string, foreign: string, prep: Prep): Args;
    foreign(): string | Promise<string>;
    expect: Refusal;
  }
  const SALES_CATEGORY_NOT_IN_TRAY: Refusal = {
    ...refusal('rule_violation', 'errors.categoryNotInTray', 'Esa categoría no pertenece a la bandeja Ventas', {
      tray: 'Ventas',
    }),
  };
  const replied = async (conv: string): Promise<Prep> => {
    await adminRun(A, 'sendReply', { conversationId: conv, messageId: newId(), text: 'Respondido' });
    return {};
  };
  const ticketOfB = async () => {
    const ticketId = newId();
    await adminRun(B, 'createTicket', {
      ticketId,
      conversationId: takeConversation(B, 'global'),
      subject: 'Ticket de B',
      priority: 'low',
    });
    return ticketId;
  };
  const FOREIGN_REFS: Record<string, ForeignRef> = {
    'addTag · tag': {
      name: 'addTag',
      args: (conv, tagId) => ({ conversationId: conv, tagId }),
      foreign: () => B.demo.tagIds[0]!,
      expect: NO_SUCH_TAG,
    },
    'assign · assignee': {
      name: 'assign',
      args: (conv, assigneeId) => ({ conversationId: conv, assigneeId }),
      foreign: () => B.sales.id,
      expect: NO_SUCH_AGENT,
    },
    'move · tray': {
      name: 'move',
      args: (conv, trayId) => ({ conversationId: conv, trayId, categoryId: null }),
      foreign: () => B.trays.support!.id,
      expect: NO_SUCH_TRAY,
    },
    'move · category': {
      name: 'move',
      args: (conv, categoryId) => ({ conversationId: conv, trayId: A.trays.sales!.id, categoryId }),
      foreign: () => B.trays.sales!.categoryIds[0]!,
      expect: SALES_CATEGORY_NOT_IN_TRAY,
    },
    'resolve · disposition': {
      name: 'resolve',
      prepare: replied,
      args: (conv, dispositionId) => ({ conversationId: conv, dispositionId }),
      foreign: () => B.dispositions[0]!,
      expect: refusal('rule_violation', 'errors.closingRefused', 'No se puede resolver: falta la calificación', {
        missing: 'dispositionRequired',
      }),
    },
    'markCustomerConfirmed · message': {
      name: 'markCustomerConfirmed',
      args: (conv, messageId) => ({ conversationId: conv, messageId }),
      foreign: () => B.demo.conversations.sales![0]!.messageIds[0]!,
      expect: refusal(
        'rule_violation',
        'errors.notCustomerMessage',
        'Solo un mensaje del cliente puede confirmar el cierre',
      ),
    },
    'linkTicket · ticket': {
      name: 'linkTicket',
      args: (conv, ticketId) => ({ conversationId: conv, ticketId }),
      foreign: ticketOfB,
      expect: NO_SUCH_TICKET,
    },
    'unlinkTicket · ticket': {
      name: 'unlinkTicket',
      args: (conv, ticketId) => ({ conversationId: conv, ticketId }),
      foreign: ticketOfB,
      expect: NO_SUCH_TICKET,
    },
    'mergeConversations · source': {
      name: 'mergeConversations',
      args: (conv, sourceId) => ({ targetId: conv, sourceId }),
      foreign: () => B.demo.conversations.sales![0]!.id,
      expect: NO_SUCH_CONVERSATION,
    },
    'createTask · assignee': {
      name: 'createTask',
      args: (conv, assigneeId) => ({ taskId: newId(), conversationId: conv, title: 'Tarea', dueAt: null, assigneeId }),
      foreign: () => B.sales.id,
      expect: NO_SUCH_AGENT,
    },
    'addNote · mention': {
      name: 'addNote',
      args: (conv, id) => ({ conversationId: conv, noteId: newId(), body: 'Mira esto', mentions: [id] }),
      foreign: () => B.sales.id,
      expect: NO_SUCH_AGENT,
    },
    'addDescriptiveNote · mention': {
      name: 'addDescriptiveNote',
      args: (conv, id) => ({ conversationId: conv, noteId: newId(), fields: HAND_OFF_NOTE, mentions: [id] }),
      foreign: () => B.sales.id,
      expect: NO_SUCH_AGENT,
    },
    'setContactCompany · company': {
      name: 'setContactCompany',
      prepare: async (conv) => ({ contactId: await contactOf(conv) }),
      args: (_conv, companyId, p) => ({ contactId: p.contactId, companyId }),
      foreign: () => B.companyId,
      expect: NO_SUCH_COMPANY,
    },
    'reorder · categories': {
      name: 'reorder',
      args: (_conv, id) => ({ entity: 'categories', ids: [id] }),
      foreign: () => B.trays.sales!.categoryIds[0]!,
      expect: REORDER_MISMATCH,
    },
    'saveCategory · tray': {
      name: 'saveCategory',
      args: (_conv, trayId) => ({ categoryId: newId(), trayId, name: 'Categoría nueva', active: true }),
      foreign: () => B.trays.sales!.id,
      expect: NO_SUCH_TRAY,
    },
  };
  const FOREIGN_ROLES = ['admin', 'agentInTray'] as const;
  const SETTINGS_MUTATIONS: ReadonlySet<MutationName> = new Set([
    'saveTray',
    'saveCategory',
    'saveTag',
    'saveDisposition',
    'reorder',
    'saveSettings',
  ]);

  async function pushOne(c: Case, name: MutationName, args: unknown, label: string) {
    const clientId = newId();
    const mutation = { clientId, mutationId: 1, name, version: MUTATION_VERSION, args, clientTime: 0 };
    return send(c, { method: 'POST', url: '/api/v1/sync/push', payload: { clientId, mutations: [mutation] } }, label);
  }

  /**
   * Pushes one mutation and checks the outcome; a refusal leaves the database as it was. Each id of `twins`
   * (ids of workspace B in the args), replaced by a random id, must get exactly the same refusal.
   */
  async function runMutation(c: Case, name: MutationName, args: Args, outcome: MutationOutcome, twins: string[] = []) {
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
    expect(result!.error).toEqual({
      code: outcome.code,
      message: outcome.message(c),
      messageKey: outcome.key,
      ...(outcome.params ? { params: outcome.params(c) } : {}),
    });
    expect(await fingerprint()).toEqual(before);
    for (const id of twins) {
      // An id of the other workspace is refused exactly like one that never existed.
      const twinArgs = JSON.parse(JSON.stringify(args).split(id).join(newId())) as Args;
      expect(twinArgs, `${label}: ${id} is not in the args`).not.toEqual(args);
      const twin = await pushOne(c, name, twinArgs, `${label} (random id)`);
      expect(PushResponse.parse(twin.json()).results[0]!.error, `${label}: ${id}`).toEqual(result!.error);
    }
    if (twins.length) expect(await fingerprint()).toEqual(before);
  }

  function takeConversation(side: Side, tray: TrayKey | 'global') {
    const conv = side.pool[tray].pop();
    if (!conv) throw new Error(`pool of ${side.label}/${tray} exhausted: raise perTray`);
    return conv;
  }

  /** Untouched conversations each tray's pool must hold (per workspace): see the generated tests below. */
  function poolSize(): number {
    const rows = [...Object.values(MUTATIONS), ...Object.values(VARIANTS)].filter((r) => r.pool !== false);
    const crossCases = 2 * ROLES.length * 2; // moves and escalations, with and without the note
    const foreignCases = Object.keys(FOREIGN_REFS).length * FOREIGN_ROLES.length;
    // linkTicket and ticketOfB open tickets from Global conversations; the identity test takes two more.
    const ticketSources = 2 * TRAYS.length * ROLES.length + 2 * FOREIGN_ROLES.length;
    return rows.length * ROLES.length + crossCases + foreignCases + ticketSources + 4;
  }

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
    for (const [name, spec] of [...Object.entries(MUTATIONS), ...Object.entries(VARIANTS)])
      for (const scope of SCOPES) expect(Object.keys(spec.expect[scope]).sort(), `${name} ${scope}`).toEqual(roles);
    for (const spec of Object.values(VARIANTS)) expect(MUTATION_NAMES).toContain(spec.name);
    for (const variant of [CROSS_MOVE, ESCALATION])
      for (const byRole of Object.values(variant)) expect(Object.keys(byRole).sort()).toEqual(roles);
    // Every settings mutation is admin-only for everyone else signed in.
    for (const name of SETTINGS_MUTATIONS)
      for (const role of ['supervisor', 'agentInTray', 'agentNotInTray'] as const)
        expect(MUTATIONS[name].expect.own[role], `${name} ${role}`).toBe(SETTINGS_ADMIN_ONLY);
  });

  const mutationCases = [...MUTATION_NAMES, ...Object.keys(VARIANTS)].flatMap((row) =>
    SCOPES.flatMap((scope) => TRAYS.flatMap((tray) => ROLES.map((role) => ({ row, scope, tray, role })))),
  );
  it.each(mutationCases)('push $row · $role · $scope workspace · tray $tray', async ({ row, scope, tray, role }) => {
    const spec = (MUTATIONS as Record<string, MutationRows>)[row] ?? VARIANTS[row]!;
    const name = spec.name ?? (row as MutationName);
    const c = await makeCase(role, scope, tray);
    const conv = spec.pool === false ? '' : takeConversation(c.target, tray);
    const prep = (await spec.prepare?.(c, conv)) ?? {};
    const args = spec.args(c, conv, prep);
    const outcome = spec.expect[scope][role];
    const foreign = spec.foreign ? spec.foreign(args, prep) : [String(args.conversationId)];
    await runMutation(c, name, args, outcome, scope === 'other' ? foreign : []);
    if ('result' in outcome && outcome.result === 'applied') await spec.effect(c, conv, args, prep);
  });

  const handOffCases = (['with note', 'without note'] as const).flatMap((note) =>
    TRAYS.flatMap((tray) => ROLES.map((role) => ({ note, tray, role }))),
  );
  const applied = (o: MutationOutcome) => 'result' in o && o.result === 'applied';

  it.each(handOffCases)(
    'push move into the other tray (another team) $note · $role · tray $tray',
    async ({ note, tray, role }) => {
      const c = await makeCase(role, 'own', tray);
      const conv = takeConversation(A, tray);
      if (note === 'with note')
        await adminRun(A, 'addDescriptiveNote', { conversationId: conv, noteId: newId(), fields: HAND_OFF_NOTE });
      const target = A.trays[other(tray)]!;
      const args = { conversationId: conv, trayId: target.id, categoryId: target.categoryIds[0]! };
      const outcome = CROSS_MOVE[note][role];
      await runMutation(c, 'move', args, outcome);
      const row = await convRow(conv);
      expect(row.trayId).toBe(applied(outcome) ? target.id : A.trays[tray]!.id);
    },
  );

  it.each(handOffCases)(
    'push assign to a supervisor (escalation) $note · $role · tray $tray',
    async ({ note, tray, role }) => {
      const c = await makeCase(role, 'own', tray);
      const conv = takeConversation(A, tray);
      if (note === 'with note')
        await adminRun(A, 'addDescriptiveNote', { conversationId: conv, noteId: newId(), fields: HAND_OFF_NOTE });
      const outcome = ESCALATION[note][role];
      await runMutation(c, 'assign', { conversationId: conv, assigneeId: A.supervisor.id }, outcome);
      expect((await convRow(conv)).assigneeId).toBe(applied(outcome) ? A.supervisor.id : null);
    },
  );

  it.each(['admin', 'supervisor'] as const)('push move out of Global (triage) needs no note · %s', async (role) => {
    const c = await makeCase(role, 'own', 'sales');
    const conv = takeConversation(A, 'global');
    await runMutation(c, 'move', { conversationId: conv, trayId: A.trays.sales!.id, categoryId: null }, APPLIED);
    expect((await convRow(conv)).trayId).toBe(A.trays.sales!.id);
  });

  const foreignCases = Object.keys(FOREIGN_REFS).flatMap((ref) => FOREIGN_ROLES.map((role) => ({ ref, role })));
  it.each(foreignCases)('push $ref of workspace B on an own conversation · $role', async ({ ref, role }) => {
    const spec = FOREIGN_REFS[ref]!;
    const c = await makeCase(role, 'own', 'sales');
    const conv = takeConversation(A, 'sales');
    const prep = (await spec.prepare?.(conv)) ?? {};
    const foreign = await spec.foreign();
    const outcome = role !== 'admin' && SETTINGS_MUTATIONS.has(spec.name) ? SETTINGS_ADMIN_ONLY : spec.expect;
    await runMutation(c, spec.name, spec.args(conv, foreign, prep), outcome, [foreign]);
  });

  it('a phone, an email or a company name of workspace B is free in A (they count per workspace)', async () => {
    const c = await makeCase('agentInTray', 'own', 'sales');
    // B's customer has this email; A's customer may have it too, but only one customer of A.
    const email = `compartido${++serial}@matriz.example`;
    await adminRun(B, 'addContactIdentity', {
      contactId: await contactOf(B.demo.conversations.sales![0]!.id),
      identityId: newId(),
      kind: 'email',
      value: email,
    });
    const first = await contactOf(takeConversation(A, 'sales'));
    const second = await contactOf(takeConversation(A, 'sales'));
    const identity = (contactId: string) => ({ contactId, identityId: newId(), kind: 'email', value: email });
    await runMutation(c, 'addContactIdentity', identity(first), APPLIED);
    const owner = (await contactRow(first))!.name;
    await runMutation(
      c,
      'addContactIdentity',
      identity(second),
      refusal('conflict', 'errors.identityTaken', `Ese dato ya pertenece a ${owner}`, { name: owner }),
    );
    // A company of B's name, which A does not have yet.
    const name = `Solo de B ${++serial}`;
    await adminRun(B, 'createCompany', { companyId: newId(), name, domain: null });
    await runMutation(c, 'createCompany', { companyId: newId(), name, domain: null }, APPLIED);
    await runMutation(
      c,
      'createCompany',
      { companyId: newId(), name: name.toUpperCase(), domain: null },
      refusal('conflict', 'errors.companyExists', `Ya existe la empresa ${name}`, { name }),
    );
  });

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
        where c.workspace_id = ${workspaceId}
      union all select id::text from dispositions where workspace_id = ${workspaceId}
      union all select id::text from tasks where workspace_id = ${workspaceId}
      union all select id::text from tickets where workspace_id = ${workspaceId}
      union all select l.ticket_id::text from conversation_tickets l join tickets t on t.id = l.ticket_id
        where t.workspace_id = ${workspaceId}
      union all select l.conversation_id::text from conversation_tickets l join tickets t on t.id = l.ticket_id
        where t.workspace_id = ${workspaceId}
      union all select id::text from audit_log where workspace_id = ${workspaceId}`);
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

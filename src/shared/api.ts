// The server's HTTP API (/api/v1): every request body, params and query and every response, declared once
// with zod. The server validates with these; the desktop app's login screen and sync client reuse them.
//
// Errors travel as `{ error: ErrorPayload }`. The shared error codes stay as they are and the HTTP status
// carries the finer distinction, with a `messageKey` the UI can translate:
//   400 invalid_input (+ issues) · 401 forbidden + errors.unauthenticated (no, bad, expired or revoked token)
//   · 401 forbidden + errors.invalidCredentials (login) · 403 forbidden (signed in, but not allowed)
//   · 404 not_found · 409 conflict · 413 invalid_input + errors.bodyTooLarge · 422 rule_violation
//   · 429 unavailable + errors.rateLimited (Retry-After header) · 500 internal.
import { z } from 'zod';
import { ChannelKind, Priority, Role, Status } from './domain';
import { Agent, Tray, Workspace } from './entities';
import { ErrorPayload } from './errors';
import { Id, Timestamp } from './ids';

export const API_PREFIX = '/api/v1';

/** Message keys the server puts in ErrorPayload.messageKey (the UI translates them under `errors.*`). */
export const API_MESSAGE_KEYS = {
  unauthenticated: 'errors.unauthenticated',
  invalidCredentials: 'errors.invalidCredentials',
  workspaceRequired: 'errors.workspaceRequired',
  rateLimited: 'errors.rateLimited',
  bodyTooLarge: 'errors.bodyTooLarge',
  adminOnly: 'errors.adminOnly',
  emailTaken: 'errors.emailTaken',
  slugTaken: 'errors.slugTaken',
  unknownTray: 'errors.unknownTray',
  lastAdmin: 'errors.lastAdmin',
  signupClosed: 'errors.signupClosed',
} as const;

export const ErrorResponse = z.object({ error: ErrorPayload });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** argon2id makes long inputs expensive: 256 characters is plenty for a passphrase. */
export const PASSWORD_MIN_LENGTH = 10;
export const Password = z.string().min(PASSWORD_MIN_LENGTH).max(256);

/** Compared case-insensitively (unique per workspace on lower(email)); stored as typed. */
export const Email = z.string().trim().max(254).pipe(z.email());

/** URL-safe workspace handle used at login: lowercase letters, digits and inner hyphens. */
export const WorkspaceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Only lowercase letters, digits and inner hyphens');

/** An IANA time zone this runtime knows (reports use it for business hours). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');

/** PostgreSQL text cannot hold NUL, and control characters in a name are never intended: refuse them. */
export const PlainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^\P{Cc}*$/u, 'No control characters');

const name = PlainText(120);

/** Query of routes that take none: unknown parameters are an error, not silently ignored. */
export const NoQuery = z.object({}).strict();
/** Body of routes that take none (logout): absent or `{}`. */
export const NoBody = z.union([z.undefined(), z.null(), z.object({}).strict()]);
export const IdParams = z.object({ id: Id }).strict();

export const ApiWorkspace = Workspace.extend({
  slug: WorkspaceSlug,
  settings: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
});
export type ApiWorkspace = z.infer<typeof ApiWorkspace>;

export const ApiAgent = Agent.extend({
  workspaceId: Id,
  trayIds: z.array(Id),
  createdAt: Timestamp,
});
export type ApiAgent = z.infer<typeof ApiAgent>;

export const ApiTray = Tray.extend({ memberIds: z.array(Id) });
export type ApiTray = z.infer<typeof ApiTray>;

// ── POST /api/v1/workspaces ──────────────────────────────────────────────────────────────────────
export const CreateWorkspaceBody = z
  .object({
    workspaceName: name,
    /** Optional: derived from the name when absent (with a suffix if that one is taken). */
    slug: WorkspaceSlug.optional(),
    timezone: TimeZone,
    admin: z.object({ name, email: Email, password: Password }).strict(),
  })
  .strict();
export type CreateWorkspaceBody = z.infer<typeof CreateWorkspaceBody>;

export const SessionGrant = z.object({ token: z.string(), expiresAt: Timestamp });
export type SessionGrant = z.infer<typeof SessionGrant>;

export const CreateWorkspaceResponse = SessionGrant.extend({ workspace: ApiWorkspace, admin: ApiAgent });
export type CreateWorkspaceResponse = z.infer<typeof CreateWorkspaceResponse>;

// ── POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/me ────────────────────────────
/**
 * Email is unique per workspace, so `workspace` (slug) disambiguates. It may be left out: the server then
 * tries every active account with that email; if the password opens more than one, it answers 409
 * errors.workspaceRequired and the login screen asks for the workspace.
 */
export const LoginBody = z
  .object({
    workspace: WorkspaceSlug.optional(),
    email: Email,
    /** Not Password: an old account may predate the policy, and the length must not hint anything. */
    password: z.string().min(1).max(256),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const LoginResponse = SessionGrant.extend({ agent: ApiAgent, workspace: ApiWorkspace });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const LogoutResponse = z.object({ ok: z.literal(true) });
export type LogoutResponse = z.infer<typeof LogoutResponse>;

export const MeResponse = z.object({
  agent: ApiAgent,
  workspace: ApiWorkspace,
  session: z.object({ id: Id, createdAt: Timestamp, expiresAt: Timestamp }),
});
export type MeResponse = z.infer<typeof MeResponse>;

// ── /api/v1/agents (admins) ──────────────────────────────────────────────────────────────────────
const trayIds = z.array(Id).max(200);

export const CreateAgentBody = z
  .object({ name, email: Email, password: Password, role: Role, trayIds: trayIds.optional() })
  .strict();
export type CreateAgentBody = z.infer<typeof CreateAgentBody>;

/** Every field optional, at least one present. `active: false` ends the agent's sessions at once. */
export const UpdateAgentBody = z
  .object({
    name: name.optional(),
    role: Role.optional(),
    active: z.boolean().optional(),
    trayIds: trayIds.optional(),
    /** An admin resetting a password also ends that agent's sessions. */
    password: Password.optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Nothing to change');
export type UpdateAgentBody = z.infer<typeof UpdateAgentBody>;

export const AgentResponse = z.object({ agent: ApiAgent });
export type AgentResponse = z.infer<typeof AgentResponse>;
export const AgentListResponse = z.object({ agents: z.array(ApiAgent) });
export type AgentListResponse = z.infer<typeof AgentListResponse>;

// ── GET /api/v1/trays ────────────────────────────────────────────────────────────────────────────
export const TrayListResponse = z.object({ trays: z.array(ApiTray) });
export type TrayListResponse = z.infer<typeof TrayListResponse>;

// ── GET /health ──────────────────────────────────────────────────────────────────────────────────
export const HealthResponse = z.object({ ok: z.literal(true) });
export type HealthResponse = z.infer<typeof HealthResponse>;

// ── GET /api/v1/conversations ────────────────────────────────────────────────────────────────────
/** Page size of the REST list: small defaults for integrations, a bound so one request stays cheap. */
export const CONVERSATION_LIST_DEFAULT_LIMIT = 25;
export const CONVERSATION_LIST_MAX_LIMIT = 200;

/**
 * Keyset paging by id: pass the previous page's `nextCursor`. The order is by id (not by activity) so that
 * paging through a workspace while conversations change never skips or repeats one.
 */
export const ConversationListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(CONVERSATION_LIST_MAX_LIMIT).default(CONVERSATION_LIST_DEFAULT_LIMIT),
    cursor: Id.optional(),
  })
  .strict();
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

export const ApiConversation = z.object({
  id: Id,
  contactId: Id,
  contactName: z.string(),
  channelId: Id,
  channelKind: ChannelKind,
  trayId: Id,
  categoryId: Id.nullable(),
  status: Status,
  assigneeId: Id.nullable(),
  priority: Priority,
  subject: z.string().nullable(),
  snippet: z.string(),
  tagIds: z.array(Id),
  snoozedUntil: Timestamp.nullable(),
  lastActivityAt: Timestamp,
  waitingSince: Timestamp.nullable(),
  firstResponseAt: Timestamp.nullable(),
  cycle: z.number().int().positive(),
  cycleStartedAt: Timestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The sync change-log version that last wrote the conversation. */
  version: z.number().int().nonnegative(),
});
export type ApiConversation = z.infer<typeof ApiConversation>;

export const ConversationListResponse = z.object({
  conversations: z.array(ApiConversation),
  /** null on the last page. */
  nextCursor: Id.nullable(),
});
export type ConversationListResponse = z.infer<typeof ConversationListResponse>;

// The realtime WebSocket of the server (GET /api/v1/ws) and GET /api/v1/presence: every frame in both
// directions declared once with zod, plus the close codes and limits. The socket carries hints, never data:
// a `poke` means "pull from your cursor now" (the cursor is the truth, so a lost poke costs one pull later),
// and `presence` says which agents of the workspace are online, away or offline.
//
// Conversation: open the socket, send `hello` within WS_AUTH_TIMEOUT_MS (or send `Authorization: Bearer`
// on the upgrade request), get `ready` and a presence snapshot, pull, then pull again on every `poke`.
// Send `activity` when the person becomes active or idle (and `active` again at least every few minutes
// while they work). Reconnect with backoff on any close except 4401 (sign in again).
import { z } from 'zod';
import { API_PREFIX } from './api';
import { ErrorCode } from './errors';
import { Id, Timestamp } from './ids';

export const REALTIME_PATH = `${API_PREFIX}/ws`;
/** Client frames are tiny; anything bigger is closed by the WebSocket layer with 1009. */
export const WS_MAX_PAYLOAD_BYTES = 64 * 1024;
export const WS_AUTH_TIMEOUT_MS = 5_000;

/** Close codes: 1xxx are the protocol's own, 4xxx ours (4000 + the closest HTTP status). */
export const WS_CLOSE = {
  /** Server shutting down or restarting: reconnect (another instance will answer). */
  goingAway: 1001,
  /** A frame over WS_MAX_PAYLOAD_BYTES (sent by the WebSocket layer itself). */
  tooBig: 1009,
  /** Unexpected server failure (database unreachable while authenticating): reconnect with backoff. */
  internalError: 1011,
  /** Not JSON, not a known frame, or too many invalid frames. */
  invalidMessage: 4400,
  /** No, unknown, expired or revoked token, or the agent was disabled: sign in again, do not retry as is. */
  unauthenticated: 4401,
  /** No `hello` within WS_AUTH_TIMEOUT_MS. */
  authTimeout: 4408,
  /** Frames arrive faster than the server handles them. */
  tooManyFrames: 4429,
} as const;

const Token = z.string().min(1).max(512);

// ── Client → server ──────────────────────────────────────────────────────────────────────────────
export const HelloFrame = z.object({ type: z.literal('hello'), token: Token, clientId: Id }).strict();
export const ActivityState = z.enum(['active', 'idle']);
export type ActivityState = z.infer<typeof ActivityState>;
export const ActivityFrame = z.object({ type: z.literal('activity'), state: ActivityState }).strict();
/** Browsers cannot send protocol pings: this one lets any client check the link (answered with `pong`). */
export const PingFrame = z
  .object({ type: z.literal('ping'), id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional() })
  .strict();
export const ClientFrame = z.discriminatedUnion('type', [HelloFrame, ActivityFrame, PingFrame]);
export type ClientFrame = z.infer<typeof ClientFrame>;

// ── Both: presence ───────────────────────────────────────────────────────────────────────────────
export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export const PresenceStatus = z.enum(PRESENCE_STATUSES);
export type PresenceStatus = z.infer<typeof PresenceStatus>;
/** `since`: when this status began, as far as the server knows (epoch ms). */
export const AgentPresence = z.object({ agentId: Id, status: PresenceStatus, since: Timestamp });
export type AgentPresence = z.infer<typeof AgentPresence>;

/** GET /api/v1/presence: the agents of the caller's workspace who are online or away (absent = offline). */
export const PresenceResponse = z.object({ agents: z.array(AgentPresence) });
export type PresenceResponse = z.infer<typeof PresenceResponse>;

// ── Server → client ──────────────────────────────────────────────────────────────────────────────
export const ReadyFrame = z.object({
  type: z.literal('ready'),
  agentId: Id,
  workspaceId: Id,
  sessionExpiresAt: Timestamp,
});
export const PokeFrame = z.object({ type: z.literal('poke') });
/**
 * `snapshot: true` replaces what the client knows (sent once after `ready`; agents absent are offline);
 * `snapshot: false` carries changes only, `offline` included.
 */
export const PresenceFrame = z.object({
  type: z.literal('presence'),
  snapshot: z.boolean(),
  agents: z.array(AgentPresence),
});
export const PongFrame = z.object({ type: z.literal('pong'), id: z.number().optional() });
/** A frame the server could not accept; the socket stays open (unless followed by a close). */
export const ErrorFrame = z.object({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export const ServerFrame = z.discriminatedUnion('type', [ReadyFrame, PokeFrame, PresenceFrame, PongFrame, ErrorFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ReadyFrame = z.infer<typeof ReadyFrame>;
export type PresenceFrame = z.infer<typeof PresenceFrame>;
export type ErrorFrame = z.infer<typeof ErrorFrame>;

// The sync protocol on the wire (POST /api/v1/sync/push and /api/v1/sync/pull), declared once with zod.
// Rows travel in the client's shape: `data` holds the columns of src/core/db/schema.ts under their drizzle
// property names (camelCase), so the client can insert it as is. `entity` is the table name.
import { z } from 'zod';
import { ErrorCode } from './errors';
import { Id } from './ids';
import { MutationEnvelope } from './mutations';

export const PUSH_MAX_MUTATIONS = 100;
export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 1000;

export const SYNC_ENTITIES = [
  'workspaces',
  'agents',
  'trays',
  'categories',
  'tray_members',
  'channels',
  'tags',
  'companies',
  'contacts',
  'contact_identities',
  'conversations',
  'conversation_tags',
  'conversation_cycles',
  'messages',
  'notes',
  'audit_log',
  'dispositions',
  'tasks',
  'tickets',
  'conversation_tickets',
] as const;
export const SyncEntity = z.enum(SYNC_ENTITIES);
export type SyncEntity = z.infer<typeof SyncEntity>;

/** Version counter of the change log; 0 = "from the start" as a cursor, or a reference row of the snapshot. */
export const SyncVersion = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

// ── POST /api/v1/sync/push ───────────────────────────────────────────────────────────────────────
export const PushBody = z
  .object({ clientId: Id, mutations: z.array(MutationEnvelope).max(PUSH_MAX_MUTATIONS) })
  .strict()
  .refine((b) => b.mutations.every((m) => m.clientId === b.clientId), 'Every mutation must carry the clientId');
export type PushBody = z.infer<typeof PushBody>;

/** Why the server refused one mutation: `message` is plain Spanish, ready to show next to the conversation. */
export const MutationError = z.object({
  code: ErrorCode,
  message: z.string(),
  messageKey: z.string().optional(),
  /** What the translated message needs (the missing fields of a note, who took the conversation…). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type MutationError = z.infer<typeof MutationError>;

export const PushResult = z.object({
  mutationId: z.number().int().positive(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  error: MutationError.optional(),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({
  /** The highest mutation id the server has processed (applied or rejected) for this client. */
  lastMutationId: z.number().int().nonnegative(),
  /** One entry per mutation processed, in order; mutations after a gap are absent. */
  results: z.array(PushResult),
  /** Present when the batch skipped ids: the server expects `expected` next and stopped there. */
  gap: z.object({ expected: z.number().int().positive() }).optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

// ── POST /api/v1/sync/pull ───────────────────────────────────────────────────────────────────────
export const PullBody = z
  .object({
    clientId: Id,
    cursor: SyncVersion,
    limit: z.number().int().min(1).max(PULL_MAX_LIMIT).optional(),
    /** Rejections of this client with a mutation id above this one are returned (default 0: all of them). */
    rejectionsAfter: z.number().int().nonnegative().optional(),
    /**
     * Only with cursor 0. `''` asks for a snapshot — the current rows from the tables, newest conversations
     * first, in large pages (then `limit` counts conversations) — instead of replaying the whole change log;
     * the `snapshot` of the previous response continues it. Absent: the change log from 0, as before.
     */
    snapshot: z.string().max(2048).optional(),
  })
  .strict();
export type PullBody = z.infer<typeof PullBody>;

export const SyncChange = z.object({
  /** 0 for rows read from the tables (reference rows, snapshots); otherwise the change log version. */
  version: SyncVersion,
  entity: SyncEntity,
  /**
   * The row id; `conversationId/tagId` for conversation_tags, `trayId/agentId` for tray_members,
   * `conversationId/ticketId` for conversation_tickets.
   */
  entityId: z.string(),
  /** put = insert or replace the row with `data`; del = remove it (a conversation: with its children). */
  op: z.enum(['put', 'del']),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type SyncChange = z.infer<typeof SyncChange>;

export const SyncRejection = z.object({
  mutationId: z.number().int().positive(),
  name: z.string(),
  code: ErrorCode,
  message: z.string(),
  messageKey: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  at: z.number().int().nonnegative(),
});
export type SyncRejection = z.infer<typeof SyncRejection>;

export const PullResponse = z.object({
  changes: z.array(SyncChange),
  /** Pass it back as `cursor` next time; never goes back. */
  cursor: SyncVersion,
  lastMutationId: z.number().int().nonnegative(),
  rejections: z.array(SyncRejection),
  /** More changes wait beyond `cursor`: pull again at once. */
  hasMore: z.boolean(),
  /**
   * A snapshot goes on: send this back (with cursor 0) to get its next page. Absent on its last page, whose
   * `cursor` is the change-log version the snapshot began at: the log from there brings whatever was
   * written while the snapshot was read.
   */
  snapshot: z.string().optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

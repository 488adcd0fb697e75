// Shapes of the data the core returns to the UI (read models). Validated on the way out in tests.
import { z } from 'zod';
import {
  AuthorKind,
  ChannelKind,
  DeliveryStatus,
  Direction,
  IdentityKind,
  Locale,
  Priority,
  Role,
  Status,
  Theme,
} from './domain';
import { Id, Timestamp } from './ids';

export const Workspace = z.object({
  id: Id,
  name: z.string(),
  timezone: z.string(),
});
export type Workspace = z.infer<typeof Workspace>;

export const Agent = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  active: z.boolean(),
  color: z.string(),
});
export type Agent = z.infer<typeof Agent>;

export const Category = z.object({
  id: Id,
  trayId: Id,
  key: z.string(),
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
});
export type Category = z.infer<typeof Category>;

export const Tray = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  team: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  categories: z.array(Category),
});
export type Tray = z.infer<typeof Tray>;

export const Channel = z.object({
  id: Id,
  kind: ChannelKind,
  name: z.string(),
  address: z.string(),
});
export type Channel = z.infer<typeof Channel>;

export const Tag = z.object({ id: Id, name: z.string(), color: z.string() });
export type Tag = z.infer<typeof Tag>;

export const Company = z.object({
  id: Id,
  name: z.string(),
  domain: z.string().nullable(),
});
export type Company = z.infer<typeof Company>;

export const Identity = z.object({
  id: Id,
  kind: IdentityKind,
  value: z.string(),
  channelKind: ChannelKind.nullable(),
});
export type Identity = z.infer<typeof Identity>;

export const Contact = z.object({
  id: Id,
  name: z.string(),
  company: Company.nullable(),
  identities: z.array(Identity),
  createdAt: Timestamp,
  conversationCount: z.number().int(),
});
export type Contact = z.infer<typeof Contact>;

/** One row of the conversation list (column 2). */
export const ConversationSummary = z.object({
  id: Id,
  contactId: Id,
  contactName: z.string(),
  channelKind: ChannelKind,
  trayId: Id,
  categoryId: Id.nullable(),
  status: Status,
  assigneeId: Id.nullable(),
  priority: Priority,
  tagIds: z.array(Id),
  subject: z.string().nullable(),
  snippet: z.string(),
  lastActivityAt: Timestamp,
  /** METRICS.md: oldest customer message not yet followed by a human reply; null when nobody waits. */
  waitingSince: Timestamp.nullable(),
  snoozedUntil: Timestamp.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationDetail = ConversationSummary.extend({
  createdAt: Timestamp,
  firstResponseAt: Timestamp.nullable(),
  cycle: z.number().int().positive(),
  cycleStartedAt: Timestamp,
  version: z.number().int().nonnegative(),
  messageCount: z.number().int().nonnegative(),
  noteCount: z.number().int().nonnegative(),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

export const Attachment = z.object({
  id: Id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  url: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const MessageItem = z.object({
  type: z.literal('message'),
  id: Id,
  direction: Direction,
  authorKind: AuthorKind,
  authorAgentId: Id.nullable(),
  authorName: z.string(),
  text: z.string(),
  attachments: z.array(Attachment),
  deliveryStatus: DeliveryStatus.nullable(),
  channelMessageId: z.string().nullable(),
  createdAt: Timestamp,
});
export type MessageItem = z.infer<typeof MessageItem>;

export const NoteItem = z.object({
  type: z.literal('note'),
  id: Id,
  authorAgentId: Id,
  authorName: z.string(),
  body: z.string(),
  createdAt: Timestamp,
});
export type NoteItem = z.infer<typeof NoteItem>;

export const ThreadItem = z.discriminatedUnion('type', [MessageItem, NoteItem]);
export type ThreadItem = z.infer<typeof ThreadItem>;

export const AuditEvent = z.object({
  id: Id,
  actorId: Id.nullable(),
  actorName: z.string(),
  actorKind: AuthorKind,
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  conversationId: Id.nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  at: Timestamp,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const StatusCounts = z.object({
  open: z.number().int(),
  pending: z.number().int(),
  snoozed: z.number().int(),
  resolved: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

export const Counts = z.object({
  views: z.object({
    mine: StatusCounts,
    unassigned: StatusCounts,
    all: StatusCounts,
  }),
  trays: z.record(z.string(), StatusCounts),
  categories: z.record(z.string(), StatusCounts),
  tags: z.record(z.string(), StatusCounts),
});
export type Counts = z.infer<typeof Counts>;

export const Prefs = z.object({
  locale: Locale,
  theme: Theme,
  /** Widths in px of columns 1, 2 and 4 (the thread takes the rest). */
  columnWidths: z.tuple([
    z.number().int().min(160).max(800),
    z.number().int().min(240).max(1000),
    z.number().int().min(220).max(900),
  ]),
  detailsCollapsed: z.boolean(),
});
export type Prefs = z.infer<typeof Prefs>;

export const DEFAULT_PREFS: Prefs = {
  locale: 'es',
  theme: 'system',
  columnWidths: [232, 380, 320],
  detailsCollapsed: false,
};

export const Session = z.object({
  workspace: Workspace,
  me: Agent,
  agents: z.array(Agent),
  trays: z.array(Tray),
  channels: z.array(Channel),
  tags: z.array(Tag),
});
export type Session = z.infer<typeof Session>;

/**
 * What the sync indicator shows. `local`: a server-less replica (demo, tests). Otherwise the connection:
 * `online` (in sync or idle), `syncing` (pushing or pulling), `offline` (server unreachable; work goes on).
 */
export const SyncStatus = z.object({
  mode: z.enum(['local', 'online', 'offline', 'syncing']),
  /** Outbox rows not yet confirmed by a server. */
  pendingChanges: z.number().int().nonnegative(),
  lastSyncAt: Timestamp.nullable(),
  /** Refusals from the server the agent has not dismissed yet. */
  rejections: z.number().int().nonnegative(),
  /** Translation key of the last sync problem (offline reason, session expired…), null when none. */
  problem: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

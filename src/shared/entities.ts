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
import { DescriptiveFields, ExternalChannel, TicketStatus } from './mutations';
import { Justification } from './rules/closing-policy';
import { DESCRIPTIVE_FIELDS } from './rules/descriptive-note';
import { NoteRuleKey, WorkspaceSettings } from './settings';

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
  /** Agents who belong to the tray (supervisors and admins see every tray anyway). */
  memberIds: z.array(Id),
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

/** A "calificación" (seed 004): mandatory to resolve; one that needs follow-up also needs an open task. */
export const Disposition = z.object({
  id: Id,
  name: z.string(),
  needsFollowUp: z.boolean(),
  position: z.number().int(),
  active: z.boolean(),
});
export type Disposition = z.infer<typeof Disposition>;

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
  /** Follow-up reminder of a pending conversation: back to Abiertas then, unless the customer answers. */
  followUpAt: Timestamp.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/** The record of one cycle (METRICS.md): its closure fields are written once, at resolution, and never again. */
export const CycleRecord = z.object({
  number: z.number().int().positive(),
  startedAt: Timestamp,
  firstHumanReplyAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  resolvedBy: Id.nullable(),
  /** The tray at the moment of the resolution (KPI attribution). */
  resolvedTrayId: Id.nullable(),
  dispositionId: Id.nullable(),
  justification: Justification.nullable(),
  /** d) the customer message the agent marked as "needs nothing else". */
  confirmedMessageId: Id.nullable(),
});
export type CycleRecord = z.infer<typeof CycleRecord>;

export const ContactGapName = z.enum(['name', 'reachability', 'company']);

export const ConversationDetail = ConversationSummary.extend({
  createdAt: Timestamp,
  firstResponseAt: Timestamp.nullable(),
  cycle: z.number().int().positive(),
  cycleStartedAt: Timestamp,
  version: z.number().int().nonnegative(),
  messageCount: z.number().int().nonnegative(),
  noteCount: z.number().int().nonnegative(),
  lastCustomerMessageAt: Timestamp.nullable(),
  lastHumanReplyAt: Timestamp.nullable(),
  /** The earlier conversation this one continues (a customer wrote after the reopen window). */
  linkedFromId: Id.nullable(),
  /** Later conversations that continue this one. */
  continuedByIds: z.array(Id),
  /** Who snoozed it (notified at wake-up when nobody owns it). */
  snoozedBy: Id.nullable(),
  /** Every cycle, newest first; the first one is the current cycle. */
  cycles: z.array(CycleRecord),
  /** Other open, pending or snoozed conversations of the same contact: possible duplicates to merge. */
  duplicateIds: z.array(Id),
  /** What the contact's data lacks (rules/contact.ts); 'company' alone makes the conversation "huérfana". */
  contactGaps: z.array(ContactGapName),
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
  /** d) The agent marked this customer message as "needs nothing else" in the current cycle. */
  confirmsDone: z.boolean(),
  createdAt: Timestamp,
});
export type MessageItem = z.infer<typeof MessageItem>;

export const NOTE_KINDS = ['plain', 'descriptive', 'external'] as const;
export const NoteKind = z.enum(NOTE_KINDS);
export type NoteKind = z.infer<typeof NoteKind>;

export const NoteItem = z.object({
  type: z.literal('note'),
  id: Id,
  authorAgentId: Id,
  authorName: z.string(),
  /** Plain notes: the text. Descriptive notes: the fields as readable text. External contacts: the summary. */
  body: z.string(),
  kind: NoteKind,
  /** Descriptive notes only. */
  fields: DescriptiveFields.nullable(),
  /** Contacts outside the CRM only: where and when it happened. */
  external: z.object({ channel: ExternalChannel, occurredAt: Timestamp }).nullable(),
  /** Agents @mentioned. */
  mentions: z.array(Id),
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

export const NOTIFICATION_KINDS = ['mention', 'assigned', 'snoozeDue', 'followUpDue', 'taskDue'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** "HH:MM", 24-hour clock, in the agent's own time zone. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Which kinds of notification reach the desktop, and a do-not-disturb schedule (in-app ones always stay). */
export const NotificationPrefs = z.object({
  types: z.object(
    Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>,
  ),
  doNotDisturb: z.object({
    enabled: z.boolean(),
    /** Quiet from … to (may span midnight: 19:00 → 08:00). */
    from: ClockTime,
    to: ClockTime,
  }),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = {
  types: { mention: true, assigned: true, snoozeDue: true, followUpDue: true, taskDue: true },
  doNotDisturb: { enabled: false, from: '19:00', to: '08:00' },
};

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
  notifications: NotificationPrefs,
});
export type Prefs = z.infer<typeof Prefs>;

export const DEFAULT_PREFS: Prefs = {
  locale: 'es',
  theme: 'system',
  columnWidths: [232, 380, 320],
  detailsCollapsed: false,
  notifications: DEFAULT_NOTIFICATION_PREFS,
};

export const Session = z.object({
  workspace: Workspace,
  me: Agent,
  agents: z.array(Agent),
  trays: z.array(Tray),
  channels: z.array(Channel),
  tags: z.array(Tag),
  /** Every disposition, inactive ones included (old closures still name them); pickers show active ones. */
  dispositions: z.array(Disposition),
  settings: WorkspaceSettings,
});
export type Session = z.infer<typeof Session>;

export const Task = z.object({
  id: Id,
  conversationId: Id.nullable(),
  title: z.string(),
  dueAt: Timestamp.nullable(),
  assigneeId: Id.nullable(),
  done: z.boolean(),
  doneAt: Timestamp.nullable(),
  createdBy: Id,
  createdAt: Timestamp,
  /** The linked conversation as the task list shows it (null when unlinked or out of sight). */
  conversation: z.object({ contactName: z.string(), trayId: Id, status: Status }).nullable(),
});
export type Task = z.infer<typeof Task>;

export const Ticket = z.object({
  id: Id,
  /** Workspace-wide sequence handed out by the server: null until the ticket has synced. */
  number: z.number().int().positive().nullable(),
  subject: z.string(),
  status: TicketStatus,
  priority: Priority,
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  conversationIds: z.array(Id),
});
export type Ticket = z.infer<typeof Ticket>;

/** What an action needs before it is allowed (the dialogs ask for it; the mutators refuse without it). */
export const RuleCheck = z.object({
  allowed: z.boolean(),
  /** Resolve: which of a)–d) holds (the strongest), null when none does. */
  justification: Justification.nullable(),
  /** Why it is not allowed yet (empty when allowed). */
  missing: z.array(
    z.enum(['noJustification', 'dispositionRequired', 'followUpTaskRequired', 'descriptiveNoteRequired']),
  ),
  /** The descriptive note the action demands, and the fields the cycle's notes still lack; null = none needed. */
  note: z
    .object({
      reasons: z.array(NoteRuleKey),
      fields: z.array(z.enum(DESCRIPTIVE_FIELDS)),
      missingFields: z.array(z.enum(DESCRIPTIVE_FIELDS)),
    })
    .nullable(),
});
export type RuleCheck = z.infer<typeof RuleCheck>;

/** One resolved cycle, for the supervisors' weekly closure review (guide §8). */
export const ClosureItem = z.object({
  conversationId: Id,
  cycle: z.number().int().positive(),
  contactName: z.string(),
  channelKind: ChannelKind,
  trayId: Id.nullable(),
  resolvedBy: Id.nullable(),
  resolvedAt: Timestamp,
  startedAt: Timestamp,
  firstHumanReplyAt: Timestamp.nullable(),
  dispositionId: Id.nullable(),
  justification: Justification.nullable(),
  /** Did the customer get a human reply in that cycle (METRICS.md "closed without response" otherwise)? */
  answered: z.boolean(),
});
export type ClosureItem = z.infer<typeof ClosureItem>;

/** Something the agent must not miss, in the in-app list (and, for the notifier, on the desktop). */
export const NotificationItem = z.object({
  id: z.string(),
  kind: NotificationKind,
  conversationId: Id.nullable(),
  taskId: Id.nullable(),
  /** Who caused it (the author of the mention, who assigned); null for timers. */
  actorId: Id.nullable(),
  /** The conversation's contact, as the list names it (null without a conversation). */
  contactName: z.string().nullable(),
  /** A short excerpt: the note, the task title, the snooze note. */
  text: z.string(),
  at: Timestamp,
  readAt: Timestamp.nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

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

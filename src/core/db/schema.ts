// Local replica schema (SQLite via drizzle). Times are epoch ms integers; ids are UUIDv7 text.
// Change this file, then `npm run db:generate` writes the next migration into ./migrations.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const id = () => text('id').primaryKey();
const ms = (name: string) => integer(name);

export const workspaces = sqliteTable('workspaces', {
  id: id(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  createdAt: ms('created_at').notNull(),
  /** WorkspaceSettings as JSON (src/shared/settings.ts: reopen window, descriptive-note rules). */
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
});

export const agents = sqliteTable(
  'agents',
  {
    id: id(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: ['admin', 'supervisor', 'agent'] }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    color: text('color').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('agents_email').on(t.workspaceId, t.email)],
);

export const trays = sqliteTable('trays', {
  id: id(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  key: text('key').notNull(),
  name: text('name').notNull(),
  team: text('team').notNull(),
  position: integer('position').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const categories = sqliteTable('categories', {
  id: id(),
  trayId: text('tray_id')
    .notNull()
    .references(() => trays.id),
  key: text('key').notNull(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** Which agents belong to which trays (pull filtering in the sync issue relies on it). */
export const trayMembers = sqliteTable(
  'tray_members',
  {
    trayId: text('tray_id')
      .notNull()
      .references(() => trays.id),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
  },
  (t) => [primaryKey({ columns: [t.trayId, t.agentId] })],
);

export const channels = sqliteTable('channels', {
  id: id(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  kind: text('kind', {
    enum: ['whatsapp', 'email', 'webchat', 'facebook', 'instagram'],
  }).notNull(),
  name: text('name').notNull(),
  address: text('address').notNull(),
});

export const companies = sqliteTable('companies', {
  id: id(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  name: text('name').notNull(),
  domain: text('domain'),
});

export const contacts = sqliteTable('contacts', {
  id: id(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  name: text('name').notNull(),
  companyId: text('company_id').references(() => companies.id),
  createdAt: ms('created_at').notNull(),
});

export const contactIdentities = sqliteTable(
  'contact_identities',
  {
    id: id(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    kind: text('kind', { enum: ['phone', 'email', 'external'] }).notNull(),
    value: text('value').notNull(),
    /** Channel of a per-channel external id (e.g. an Instagram user id); '' for phone and email. */
    channelKind: text('channel_kind').notNull().default(''),
  },
  (t) => [
    index('identities_contact').on(t.contactId),
    uniqueIndex('identities_unique').on(t.kind, t.value, t.channelKind),
  ],
);

export const tags = sqliteTable('tags', {
  id: id(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  name: text('name').notNull(),
  color: text('color').notNull(),
});

export const conversations = sqliteTable(
  'conversations',
  {
    id: id(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    /** Denormalized from the channel so list filters need no join. */
    channelKind: text('channel_kind').notNull(),
    trayId: text('tray_id')
      .notNull()
      .references(() => trays.id),
    categoryId: text('category_id').references(() => categories.id),
    status: text('status', {
      enum: ['open', 'pending', 'snoozed', 'resolved'],
    }).notNull(),
    assigneeId: text('assignee_id').references(() => agents.id),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] })
      .notNull()
      .default('normal'),
    subject: text('subject'),
    snippet: text('snippet').notNull().default(''),
    snoozedUntil: ms('snoozed_until'),
    lastActivityAt: ms('last_activity_at').notNull(),
    waitingSince: ms('waiting_since'),
    firstResponseAt: ms('first_response_at'),
    cycle: integer('cycle').notNull().default(1),
    cycleStartedAt: ms('cycle_started_at').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    /** Server version this row was last synced at (0 = local only); sync issue uses it for races. */
    version: integer('version').notNull().default(0),
    /** Time of the newest customer message and of the newest human reply: the closing policy's a) and d). */
    lastCustomerMessageAt: ms('last_customer_message_at'),
    lastHumanReplyAt: ms('last_human_reply_at'),
    /** The earlier conversation this one continues (the customer wrote after the reopen window). */
    linkedFromId: text('linked_from_id'),
    /** Who snoozed it: told at wake-up when nobody owns the conversation. */
    snoozedBy: text('snoozed_by'),
    /** Follow-up reminder of a pending conversation ("bring it back if the customer has not answered"). */
    followUpAt: ms('follow_up_at'),
    followUpBy: text('follow_up_by'),
  },
  (t) => [
    index('conv_status_activity').on(t.status, t.lastActivityAt, t.id),
    index('conv_tray_status_activity').on(t.trayId, t.status, t.lastActivityAt, t.id),
    index('conv_category_status_activity').on(t.categoryId, t.status, t.lastActivityAt, t.id),
    index('conv_assignee_status_activity').on(t.assigneeId, t.status, t.lastActivityAt, t.id),
    index('conv_activity').on(t.lastActivityAt, t.id),
    // Views without a status tab (API callers, future "all statuses" views) walk these instead of sorting.
    index('conv_assignee_activity').on(t.assigneeId, t.lastActivityAt, t.id),
    index('conv_tray_activity').on(t.trayId, t.lastActivityAt, t.id),
    index('conv_category_activity').on(t.categoryId, t.lastActivityAt, t.id),
    index('conv_contact').on(t.contactId),
    // Pospuestas is read by wake time (soonest first), and the notifier looks for the next wake.
    index('conv_status_snoozed').on(t.status, t.snoozedUntil, t.id),
    // The notifier's next follow-up, and the conversations that continue this one (details column).
    index('conv_status_follow_up').on(t.status, t.followUpAt),
    index('conv_linked_from').on(t.linkedFromId),
  ],
);

export const conversationTags = sqliteTable(
  'conversation_tags',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id),
    createdAt: ms('created_at').notNull(),
    /**
     * Copies of the conversation's status and last activity, kept by triggers (migration 0003), so a tag
     * view or a one-tag filter walks (tag, status, activity) in order instead of testing every row.
     */
    status: text('status'),
    lastActivityAt: ms('last_activity_at'),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.tagId] }),
    index('conv_tags_tag').on(t.tagId, t.conversationId),
    index('conv_tags_tag_status_activity').on(t.tagId, t.status, t.lastActivityAt, t.conversationId),
    index('conv_tags_tag_activity').on(t.tagId, t.lastActivityAt, t.conversationId),
  ],
);

/** One stretch of work from start to resolution (METRICS.md): every KPI is computed per cycle. */
export const conversationCycles = sqliteTable(
  'conversation_cycles',
  {
    id: id(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    number: integer('number').notNull(),
    startedAt: ms('started_at').notNull(),
    firstHumanReplyAt: ms('first_human_reply_at'),
    resolvedAt: ms('resolved_at'),
    resolvedBy: text('resolved_by').references(() => agents.id),
    dispositionId: text('disposition_id'),
    justification: text('justification'),
    /** The tray when the cycle was resolved (KPIs attribute a resolution to its tray at that moment). */
    resolvedTrayId: text('resolved_tray_id'),
    /** d) the customer message the agent marked as "needs nothing else". */
    confirmedMessageId: text('confirmed_message_id'),
  },
  (t) => [
    uniqueIndex('cycles_conv_number').on(t.conversationId, t.number),
    // The closure review walks resolved cycles newest first.
    index('cycles_resolved').on(t.resolvedAt, t.id),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: id(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    authorKind: text('author_kind', {
      enum: ['contact', 'agent', 'bot', 'automation', 'system'],
    }).notNull(),
    authorAgentId: text('author_agent_id').references(() => agents.id),
    text: text('text').notNull(),
    /** JSON array of Attachment. */
    attachments: text('attachments').notNull().default('[]'),
    channelMessageId: text('channel_message_id'),
    deliveryStatus: text('delivery_status', {
      enum: ['pending', 'sent', 'delivered', 'read', 'failed'],
    }),
    /** Why the channel could not deliver an agent's reply (set by the server's outbound queue). */
    deliveryError: text('delivery_error'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('messages_conv_time').on(t.conversationId, t.createdAt, t.id)],
);

export const notes = sqliteTable(
  'notes',
  {
    id: id(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    authorAgentId: text('author_agent_id')
      .notNull()
      .references(() => agents.id),
    body: text('body').notNull(),
    createdAt: ms('created_at').notNull(),
    /** plain · descriptive (the guide's structured note) · external (a contact outside the CRM). */
    kind: text('kind', { enum: ['plain', 'descriptive', 'external'] })
      .notNull()
      .default('plain'),
    /** Descriptive notes: { context, actions, nextSteps, missingData, externalChannel }. */
    fields: text('fields', { mode: 'json' }).$type<Record<string, string>>(),
    /** External contacts: where (whatsappDirect, phone, externalEmail, other) and when it happened. */
    externalChannel: text('external_channel'),
    occurredAt: ms('occurred_at'),
    /** Agent ids @mentioned. */
    mentions: text('mentions', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (t) => [index('notes_conv_time').on(t.conversationId, t.createdAt, t.id)],
);

/** Calificaciones (seed 004): one is mandatory to resolve; admins manage the list. */
export const dispositions = sqliteTable('dispositions', {
  id: id(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  name: text('name').notNull(),
  /** Resolving with it requires a linked open task with a due date. */
  needsFollowUp: integer('needs_follow_up', { mode: 'boolean' }).notNull().default(false),
  position: integer('position').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const tasks = sqliteTable(
  'tasks',
  {
    id: id(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    /** The conversation it follows up (null: a task of its own). */
    conversationId: text('conversation_id').references(() => conversations.id),
    title: text('title').notNull(),
    dueAt: ms('due_at'),
    assigneeId: text('assignee_id').references(() => agents.id),
    done: integer('done', { mode: 'boolean' }).notNull().default(false),
    doneAt: ms('done_at'),
    doneBy: text('done_by'),
    createdBy: text('created_by').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    index('tasks_assignee_due').on(t.assigneeId, t.done, t.dueAt),
    index('tasks_conversation').on(t.conversationId),
  ],
);

export const tickets = sqliteTable('tickets', {
  id: id(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => workspaces.id),
  /** Handed out by the server (per workspace); null until the ticket has synced. */
  number: integer('number'),
  subject: text('subject').notNull(),
  status: text('status', { enum: ['open', 'inProgress', 'waiting', 'closed'] }).notNull(),
  priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/** Which tickets a conversation is associated with (a ticket can span several conversations). */
export const conversationTickets = sqliteTable(
  'conversation_tickets',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.ticketId] }), index('conv_tickets_ticket').on(t.ticketId)],
);

/**
 * The agent's in-app notifications (mentions, assignments, due snoozes, follow-ups and tasks): local to this
 * replica, derived from synced rows and timers, so they work offline. `id` is a dedupe key
 * ("snoozeDue:<conversation>:<until>"), which is what makes a wake notify once even if both the local
 * timer and the server's wake-up see it.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    conversationId: text('conversation_id'),
    taskId: text('task_id'),
    actorId: text('actor_id'),
    text: text('text').notNull(),
    at: ms('at').notNull(),
    readAt: ms('read_at'),
    /** When a desktop notification was shown for it (null: not yet, or not wanted). */
    notifiedAt: ms('notified_at'),
  },
  (t) => [index('notifications_time').on(t.at, t.id), index('notifications_unread').on(t.readAt, t.at)],
);

/** Every change, with who, when, and the fields before/after (JSON). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    workspaceId: text('workspace_id').notNull(),
    actorId: text('actor_id'),
    actorKind: text('actor_kind').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    conversationId: text('conversation_id'),
    before: text('before'),
    after: text('after'),
    at: ms('at').notNull(),
  },
  (t) => [index('audit_conv_time').on(t.conversationId, t.at, t.id)],
);

/** The sync queue: mutations applied locally and not yet confirmed by the server. */
export const outbox = sqliteTable('outbox', {
  mutationId: integer('mutation_id').primaryKey(),
  clientId: text('client_id').notNull(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
  args: text('args').notNull(),
  clientTime: ms('client_time').notNull(),
});

/** Local key/value facts: client id, last mutation id, signed-in agent, preferences. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Composer drafts, one per conversation; local only, survive restarts. */
export const drafts = sqliteTable('drafts', {
  conversationId: text('conversation_id').primaryKey(),
  text: text('text').notNull(),
  mode: text('mode', { enum: ['reply', 'note'] }).notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/**
 * Live counts, kept by triggers (migration 0001) so column 1 reads a few hundred rows instead of
 * scanning every conversation. Empty string stands for "no category" / "unassigned".
 */
export const countBuckets = sqliteTable(
  'count_buckets',
  {
    trayId: text('tray_id').notNull(),
    categoryId: text('category_id').notNull(),
    status: text('status').notNull(),
    assigneeId: text('assignee_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.trayId, t.categoryId, t.status, t.assigneeId] })],
);

export const tagBuckets = sqliteTable(
  'tag_buckets',
  {
    tagId: text('tag_id').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.status] })],
);

/**
 * Undo log of pending mutations (sync): before-images of every row a not-yet-confirmed mutation touched,
 * written by capture triggers (src/core/sync/undo-log.ts). A pull undoes them newest first, applies the
 * server's rows, then replays what is still pending — the rebase of the architecture brief.
 */
export const syncUndo = sqliteTable(
  'sync_undo',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    mutationId: integer('mutation_id').notNull(),
    tableName: text('table_name').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    /** JSON object of the primary-key columns (by SQL column name). */
    pk: text('pk').notNull(),
    /** JSON object of the whole row before the change (null for an insert). */
    before: text('before'),
  },
  (t) => [index('sync_undo_mutation').on(t.mutationId, t.seq)],
);

/** Mutations the server refused: shown next to their conversation, in plain Spanish, until dismissed. */
export const syncRejections = sqliteTable(
  'sync_rejections',
  {
    mutationId: integer('mutation_id').primaryKey(),
    name: text('name').notNull(),
    conversationId: text('conversation_id'),
    code: text('code').notNull(),
    message: text('message').notNull(),
    messageKey: text('message_key'),
    /** JSON of the values the translated message needs. */
    params: text('params', { mode: 'json' }).$type<Record<string, string | number>>(),
    /** Server time of the refusal. */
    at: ms('at').notNull(),
    dismissed: integer('dismissed', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('sync_rejections_conv').on(t.conversationId, t.mutationId)],
);

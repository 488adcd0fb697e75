// The server's schema (drizzle, pg dialect): the same entities as the client replica
// (src/core/db/schema.ts) plus what only the server keeps — password hashes, sessions, sync bookkeeping.
// Times are epoch ms in bigint columns read as JS numbers, like every shared schema. Ids are UUIDs.
// Change this file, then `npm run db:generate:server` writes the next migration into ./migrations;
// the same SQL files run on PGlite and on PostgreSQL.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ms = (name: string) => bigint(name, { mode: 'number' });

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  /** The handle typed at login (email is unique per workspace, not globally). */
  slug: text('slug').notNull().unique('workspaces_slug'),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  /** Workspace-configurable settings (KPI targets, reopen window…), validated by src/shared when read. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ms('created_at').notNull(),
});

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Stored as typed; uniqueness and lookups go through lower(email). */
    email: text('email').notNull(),
    role: text('role', { enum: ['admin', 'supervisor', 'agent'] }).notNull(),
    active: boolean('active').notNull().default(true),
    color: text('color').notNull(),
    /** argon2id PHC string; never leaves the server. */
    passwordHash: text('password_hash').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('agents_workspace_email').on(t.workspaceId, sql`lower(${t.email})`),
    // Login without a workspace slug looks the email up across workspaces.
    index('agents_email').on(sql`lower(${t.email})`),
  ],
);

export const trays = pgTable(
  'trays',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    team: text('team').notNull(),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('trays_workspace_key').on(t.workspaceId, t.key)],
);

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey(),
    /** Denormalized so every row can be scoped to a workspace without a join. */
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    trayId: uuid('tray_id')
      .notNull()
      .references(() => trays.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('categories_tray_key').on(t.trayId, t.key)],
);

/** Which agents belong to which trays: agents see (and pull) only their trays' conversations. */
export const trayMembers = pgTable(
  'tray_members',
  {
    trayId: uuid('tray_id')
      .notNull()
      .references(() => trays.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.trayId, t.agentId] }), index('tray_members_agent').on(t.agentId)],
);

/** Bearer sessions. Only sha256(token) is stored, so a leaked table cannot be replayed. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique('sessions_token_hash'),
    createdAt: ms('created_at').notNull(),
    /** Sliding: moved forward on use, never past created_at + the absolute maximum. */
    expiresAt: ms('expires_at').notNull(),
    lastSeenAt: ms('last_seen_at').notNull(),
    revokedAt: ms('revoked_at'),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_agent').on(t.agentId)],
);

/** Who did what, with the fields before and after (never secrets). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind', { enum: ['contact', 'agent', 'bot', 'automation', 'system'] }).notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    conversationId: uuid('conversation_id'),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    at: ms('at').notNull(),
  },
  (t) => [
    index('audit_workspace_time').on(t.workspaceId, t.at, t.id),
    index('audit_conversation_time').on(t.conversationId, t.at, t.id),
  ],
);

// ── Domain tables: the same names and columns as the client replica (src/core/db/schema.ts), so a pulled
// row maps 1:1 onto the client's row. Server-only extra columns (workspace_id where the client has none)
// are stripped by src/server/sync/rows.ts before a row enters the change log.

export const channels = pgTable('channels', {
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['whatsapp', 'email', 'webchat', 'facebook', 'instagram'] }).notNull(),
  name: text('name').notNull(),
  address: text('address').notNull(),
});

export const companies = pgTable('companies', {
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  domain: text('domain'),
});

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  companyId: uuid('company_id').references(() => companies.id),
  createdAt: ms('created_at').notNull(),
});

export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: uuid('id').primaryKey(),
    /** Server only: identities are unique per workspace here (the client holds one workspace). */
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['phone', 'email', 'external'] }).notNull(),
    value: text('value').notNull(),
    channelKind: text('channel_kind').notNull().default(''),
  },
  (t) => [
    index('identities_contact').on(t.contactId),
    uniqueIndex('identities_unique').on(t.workspaceId, t.kind, t.value, t.channelKind),
  ],
);

export const tags = pgTable('tags', {
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  color: text('color').notNull(),
});

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    channelKind: text('channel_kind').notNull(),
    trayId: uuid('tray_id')
      .notNull()
      .references(() => trays.id),
    categoryId: uuid('category_id').references(() => categories.id),
    status: text('status', { enum: ['open', 'pending', 'snoozed', 'resolved'] }).notNull(),
    assigneeId: uuid('assignee_id').references(() => agents.id),
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
    /** The change_log version that last touched this row (the client stores the same number). */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    /** Newest customer message and newest human reply: the closing policy's a) and d) without a scan. */
    lastCustomerMessageAt: ms('last_customer_message_at'),
    lastHumanReplyAt: ms('last_human_reply_at'),
    /** The earlier conversation this one continues (the customer wrote after the reopen window). */
    linkedFromId: uuid('linked_from_id'),
    snoozedBy: uuid('snoozed_by'),
    /** Follow-up reminder of a pending conversation; the scheduler brings it back to Abiertas then. */
    followUpAt: ms('follow_up_at'),
    followUpBy: uuid('follow_up_by'),
  },
  (t) => [
    index('conv_workspace_tray').on(t.workspaceId, t.trayId),
    // The wake-up job claims due snoozes and follow-ups in time order (partial: only the waiting rows).
    index('conv_snoozed_due')
      .on(t.snoozedUntil)
      .where(sql`${t.status} = 'snoozed'`),
    index('conv_follow_up_due')
      .on(t.followUpAt)
      .where(sql`${t.followUpAt} is not null`),
    index('conv_contact').on(t.contactId),
    // The snapshot pages a workspace newest-first, and the REST list pages it by id: both walk an index.
    index('conv_workspace_activity').on(t.workspaceId, t.lastActivityAt, t.id),
    index('conv_workspace_id').on(t.workspaceId, t.id),
  ],
);

export const conversationTags = pgTable(
  'conversation_tags',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.tagId] }), index('conv_tags_tag').on(t.tagId)],
);

export const conversationCycles = pgTable(
  'conversation_cycles',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    startedAt: ms('started_at').notNull(),
    firstHumanReplyAt: ms('first_human_reply_at'),
    resolvedAt: ms('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => agents.id),
    dispositionId: text('disposition_id'),
    justification: text('justification'),
    resolvedTrayId: uuid('resolved_tray_id'),
    confirmedMessageId: uuid('confirmed_message_id'),
  },
  (t) => [uniqueIndex('cycles_conv_number').on(t.conversationId, t.number)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    authorKind: text('author_kind', { enum: ['contact', 'agent', 'bot', 'automation', 'system'] }).notNull(),
    authorAgentId: uuid('author_agent_id').references(() => agents.id),
    text: text('text').notNull(),
    /** JSON array of Attachment, as text exactly like the client column. */
    attachments: text('attachments').notNull().default('[]'),
    channelMessageId: text('channel_message_id'),
    deliveryStatus: text('delivery_status', { enum: ['pending', 'sent', 'delivered', 'read', 'failed'] }),
    /**
     * Why the channel refused an agent's reply (set with deliveryStatus 'failed'). Travels in the row data
     * as `deliveryError`; the client replica has no such column yet (clients ignore keys they do not know).
     */
    deliveryError: text('delivery_error'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('messages_conv_time').on(t.conversationId, t.createdAt, t.id)],
);

export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    authorAgentId: uuid('author_agent_id')
      .notNull()
      .references(() => agents.id),
    body: text('body').notNull(),
    createdAt: ms('created_at').notNull(),
    kind: text('kind', { enum: ['plain', 'descriptive', 'external'] })
      .notNull()
      .default('plain'),
    fields: jsonb('fields').$type<Record<string, string>>(),
    externalChannel: text('external_channel'),
    occurredAt: ms('occurred_at'),
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
  },
  (t) => [index('notes_conv_time').on(t.conversationId, t.createdAt, t.id)],
);

export const dispositions = pgTable('dispositions', {
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  needsFollowUp: boolean('needs_follow_up').notNull().default(false),
  position: integer('position').notNull(),
  active: boolean('active').notNull().default(true),
});

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueAt: ms('due_at'),
    assigneeId: uuid('assignee_id').references(() => agents.id),
    done: boolean('done').notNull().default(false),
    doneAt: ms('done_at'),
    doneBy: uuid('done_by'),
    createdBy: uuid('created_by').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('tasks_conversation').on(t.conversationId), index('tasks_workspace').on(t.workspaceId)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Per-workspace sequence, handed out under the workspace's change-log lock at creation. */
    number: integer('number'),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['open', 'inProgress', 'waiting', 'closed'] }).notNull(),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [uniqueIndex('tickets_workspace_number').on(t.workspaceId, t.number)],
);

export const conversationTickets = pgTable(
  'conversation_tickets',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.ticketId] }), index('conv_tickets_ticket').on(t.ticketId)],
);

// ── Sync bookkeeping (used by the push/pull endpoints of the sync protocol) ─────────────────────────

/** One desktop install (its SQLite replica). Push skips mutation ids ≤ lastMutationId and stops at gaps. */
export const clients = pgTable(
  'clients',
  {
    clientId: uuid('client_id').primaryKey(),
    /** The agent that first pushed with this id; a client id is never accepted from another agent. */
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    createdAt: ms('created_at').notNull(),
    lastSeenAt: ms('last_seen_at').notNull(),
  },
  (t) => [index('clients_agent').on(t.agentId)],
);

/**
 * Every row change, in the server's order. `version` is the global, monotonically increasing cursor of
 * pull. Identity values are handed out at insert, not at commit, so every writer holds its workspace's
 * advisory lock (src/server/sync/changes.ts): versions of one workspace then commit in order, and a pull
 * never skips a version that commits late. `data` is the row in the client's shape (camelCase).
 */
export const changeLog = pgTable(
  'change_log',
  {
    version: bigint('version', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** The tray the row belongs to (null = visible to the whole workspace): pull filters agents by it. */
    trayId: uuid('tray_id'),
    op: text('op', { enum: ['put', 'del'] }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('change_log_workspace_version').on(t.workspaceId, t.version)],
);

/** Why a pushed mutation was refused; returned to its client so the agent is told in plain words. */
export const mutationRejections = pgTable(
  'mutation_rejections',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.clientId, { onDelete: 'cascade' }),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    messageKey: text('message_key'),
    params: jsonb('params').$type<Record<string, string | number>>(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] })],
);

// ── Channels: inbound webhooks and outbound delivery (server only, never in the change log) ──────────

/**
 * The Standard Webhooks secret (`whsec_<base64>`) a channel adapter signs inbound messages with. Its own
 * table, not a column of channels, because channel rows are sent to every client. After a rotation the
 * previous secret keeps verifying until `previousExpiresAt`, so deliveries already signed still land.
 */
export const channelSecrets = pgTable('channel_secrets', {
  channelId: uuid('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousExpiresAt: ms('previous_expires_at'),
  rotatedAt: ms('rotated_at').notNull(),
});

/**
 * Processed webhook deliveries by `webhook-id`: a replay answers the stored outcome instead of processing
 * again. `bodySha256` tells a retry (same body) from a sender that reused an id for another message.
 */
export const inboundWebhooks = pgTable(
  'inbound_webhooks',
  {
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    webhookId: text('webhook_id').notNull(),
    bodySha256: text('body_sha256').notNull(),
    status: text('status', { enum: ['accepted', 'duplicate'] }).notNull(),
    messageId: uuid('message_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    receivedAt: ms('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.webhookId] }), index('inbound_webhooks_received').on(t.receivedAt)],
);

/**
 * One row per customer message taken in: the unique (channel, channel message id) is what makes a
 * message delivered several times (retries, concurrent deliveries) land once. It is claimed first, before
 * the message and its conversation exist in the transaction, hence no foreign keys to them. sentAt is the
 * channel's clock, kept for reference; the message itself is timed by the server, whose order is the truth.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    channelMessageId: text('channel_message_id').notNull(),
    messageId: uuid('message_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    sentAt: ms('sent_at').notNull(),
    receivedAt: ms('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.channelMessageId] })],
);

/**
 * Agent replies waiting for their channel: queued → sending (claimed by a worker, with a lease) → sent →
 * delivered, or failed. The message's deliveryStatus mirrors it for clients (src/server/outbound).
 */
export const outboundQueue = pgTable(
  'outbound_queue',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When the current claim was taken: a 'sending' row whose lease ran out is claimable again. */
    claimedAt: ms('claimed_at'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('outbound_queue_message').on(t.messageId),
    index('outbound_queue_status_created').on(t.status, t.createdAt, t.id),
  ],
);

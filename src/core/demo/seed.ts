// Writes the deterministic demo workspace "Seguros Andes" (generated in src/shared/demo) into the local
// replica: raw prepared statements in one transaction, because the benchmark reuses this for 100k
// conversations and 1M messages. The server writes the same rows (src/server/services/demo-workspace.ts).
import { generateDemoWorkspace, type DemoGenerateOptions, type DemoRow, type DemoTable } from '../../shared/demo';
import { setMeta } from '../db/meta';
import type { Db, Sqlite } from '../db/open';

export type DemoOptions = DemoGenerateOptions;

type Writer = { [T in DemoTable]: (row: Extract<DemoRow, { table: T }>['row']) => void };

function sqliteWriter(sqlite: Sqlite): Writer {
  const S = (sql: string) => sqlite.prepare(sql);
  const workspace = S('INSERT INTO workspaces (id, name, timezone, created_at, settings) VALUES (?, ?, ?, ?, ?)');
  const agent = S(
    'INSERT INTO agents (id, workspace_id, name, email, role, active, color, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const tray = S(
    'INSERT INTO trays (id, workspace_id, key, name, team, position, active) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const category = S('INSERT INTO categories (id, tray_id, key, name, position, active) VALUES (?, ?, ?, ?, ?, ?)');
  const member = S('INSERT INTO tray_members (tray_id, agent_id) VALUES (?, ?)');
  const channel = S('INSERT INTO channels (id, workspace_id, kind, name, address) VALUES (?, ?, ?, ?, ?)');
  const company = S('INSERT INTO companies (id, workspace_id, name, domain) VALUES (?, ?, ?, ?)');
  const contact = S('INSERT INTO contacts (id, workspace_id, name, company_id, created_at) VALUES (?, ?, ?, ?, ?)');
  const identity = S(
    'INSERT INTO contact_identities (id, contact_id, kind, value, channel_kind) VALUES (?, ?, ?, ?, ?)',
  );
  const tag = S('INSERT INTO tags (id, workspace_id, name, color) VALUES (?, ?, ?, ?)');
  const conversation =
    S(`INSERT INTO conversations (id, workspace_id, contact_id, channel_id, channel_kind, tray_id, category_id, status,
      assignee_id, priority, subject, snippet, snoozed_until, last_activity_at, waiting_since, first_response_at, cycle,
      cycle_started_at, created_at, updated_at, version, last_customer_message_at, last_human_reply_at, linked_from_id,
      snoozed_by, follow_up_at, follow_up_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`);
  const conversationTag = S('INSERT INTO conversation_tags (conversation_id, tag_id, created_at) VALUES (?, ?, ?)');
  const cycle =
    S(`INSERT INTO conversation_cycles (id, conversation_id, number, started_at, first_human_reply_at, resolved_at,
      resolved_by, disposition_id, justification, resolved_tray_id, confirmed_message_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const message =
    S(`INSERT INTO messages (id, conversation_id, direction, author_kind, author_agent_id, text, attachments,
      channel_message_id, delivery_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // kind and mentions have defaults in the client schema ('plain', '[]'): written anyway, so a row is whole.
  const note =
    S(`INSERT INTO notes (id, conversation_id, author_agent_id, body, created_at, kind, fields, external_channel,
      occurred_at, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const disposition = S(
    'INSERT INTO dispositions (id, workspace_id, name, needs_follow_up, position, active) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const task =
    S(`INSERT INTO tasks (id, workspace_id, conversation_id, title, due_at, assignee_id, done, done_at, done_by,
      created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const ticket =
    S(`INSERT INTO tickets (id, workspace_id, number, subject, status, priority, created_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const conversationTicket = S(
    'INSERT INTO conversation_tickets (conversation_id, ticket_id, created_at) VALUES (?, ?, ?)',
  );
  const audit =
    S(`INSERT INTO audit_log (id, workspace_id, actor_id, actor_kind, action, entity, entity_id, conversation_id, before, after, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const bool = (b: boolean) => (b ? 1 : 0);
  const json = (v: Record<string, unknown> | unknown[] | null) => (v ? JSON.stringify(v) : null);
  return {
    workspaces: (r) => workspace.run(r.id, r.name, r.timezone, r.createdAt, JSON.stringify(r.settings)),
    agents: (r) => agent.run(r.id, r.workspaceId, r.name, r.email, r.role, bool(r.active), r.color, r.createdAt),
    trays: (r) => tray.run(r.id, r.workspaceId, r.key, r.name, r.team, r.position, bool(r.active)),
    categories: (r) => category.run(r.id, r.trayId, r.key, r.name, r.position, bool(r.active)),
    tray_members: (r) => member.run(r.trayId, r.agentId),
    channels: (r) => channel.run(r.id, r.workspaceId, r.kind, r.name, r.address),
    tags: (r) => tag.run(r.id, r.workspaceId, r.name, r.color),
    companies: (r) => company.run(r.id, r.workspaceId, r.name, r.domain),
    contacts: (r) => contact.run(r.id, r.workspaceId, r.name, r.companyId, r.createdAt),
    contact_identities: (r) => identity.run(r.id, r.contactId, r.kind, r.value, r.channelKind),
    conversations: (r) =>
      conversation.run(
        r.id,
        r.workspaceId,
        r.contactId,
        r.channelId,
        r.channelKind,
        r.trayId,
        r.categoryId,
        r.status,
        r.assigneeId,
        r.priority,
        r.subject,
        r.snippet,
        r.snoozedUntil,
        r.lastActivityAt,
        r.waitingSince,
        r.firstResponseAt,
        r.cycle,
        r.cycleStartedAt,
        r.createdAt,
        r.updatedAt,
        r.lastCustomerMessageAt,
        r.lastHumanReplyAt,
        r.linkedFromId,
        r.snoozedBy,
        r.followUpAt,
        r.followUpBy,
      ),
    messages: (r) =>
      message.run(
        r.id,
        r.conversationId,
        r.direction,
        r.authorKind,
        r.authorAgentId,
        r.text,
        r.attachments,
        r.channelMessageId,
        r.deliveryStatus,
        r.createdAt,
      ),
    conversation_cycles: (r) =>
      cycle.run(
        r.id,
        r.conversationId,
        r.number,
        r.startedAt,
        r.firstHumanReplyAt,
        r.resolvedAt,
        r.resolvedBy,
        r.dispositionId,
        r.justification,
        r.resolvedTrayId,
        r.confirmedMessageId,
      ),
    conversation_tags: (r) => conversationTag.run(r.conversationId, r.tagId, r.createdAt),
    audit_log: (r) =>
      audit.run(
        r.id,
        r.workspaceId,
        r.actorId,
        r.actorKind,
        r.action,
        r.entity,
        r.entityId,
        r.conversationId,
        json(r.before),
        json(r.after),
        r.at,
      ),
    notes: (r) =>
      note.run(
        r.id,
        r.conversationId,
        r.authorAgentId,
        r.body,
        r.createdAt,
        r.kind,
        json(r.fields),
        r.externalChannel,
        r.occurredAt,
        JSON.stringify(r.mentions),
      ),
    dispositions: (r) =>
      disposition.run(r.id, r.workspaceId, r.name, bool(r.needsFollowUp), r.position, bool(r.active)),
    tasks: (r) =>
      task.run(
        r.id,
        r.workspaceId,
        r.conversationId,
        r.title,
        r.dueAt,
        r.assigneeId,
        bool(r.done),
        r.doneAt,
        r.doneBy,
        r.createdBy,
        r.createdAt,
        r.updatedAt,
      ),
    tickets: (r) =>
      ticket.run(r.id, r.workspaceId, r.number, r.subject, r.status, r.priority, r.createdBy, r.createdAt, r.updatedAt),
    conversation_tickets: (r) => conversationTicket.run(r.conversationId, r.ticketId, r.createdAt),
  };
}

export function seedDemoWorkspace(db: Db, sqlite: Sqlite, now: number, options: DemoOptions = {}): void {
  const write = sqliteWriter(sqlite);
  sqlite.transaction(() => {
    const rows = generateDemoWorkspace(now, options);
    let step = rows.next();
    for (; !step.done; step = rows.next()) {
      const { table, row } = step.value;
      (write[table] as (r: typeof row) => void)(row);
    }
    setMeta(db, 'workspaceId', step.value.workspaceId);
    setMeta(db, 'meId', step.value.meId);
    setMeta(db, 'demoSeed', String(step.value.seed));
  })();
}

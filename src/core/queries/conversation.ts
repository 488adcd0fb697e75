// Column 3/4 reads: one conversation, its thread (messages + private notes, newest page first),
// the contact card and the audit timeline.
import type {
  AuditEvent,
  Attachment,
  Contact,
  ConversationDetail,
  CycleRecord,
  DescriptiveFields,
  ExternalChannel,
  Justification,
  MethodOutput,
  NoteKind,
  ThreadItem,
} from '../../shared';
import { AppError, contactGaps } from '../../shared';
import type { CoreContext } from '../context';
import { conversationRow, decodeCursor, encodeCursor, tagIdsFor, toDetail } from './rows';

export function getConversation(ctx: CoreContext, id: string): ConversationDetail {
  const row = conversationRow(ctx, id);
  if (!row) throw new AppError('not_found', `Conversation ${id} not found`, 'errors.conversationNotFound');
  const counts = ctx.statements
    .get(
      `SELECT (SELECT count(*) FROM messages WHERE conversation_id = ?) AS messageCount,
              (SELECT count(*) FROM notes WHERE conversation_id = ?) AS noteCount`,
    )
    .get(id, id) as { messageCount: number; noteCount: number };
  const cycles = (
    ctx.statements
      .get(
        `SELECT number, started_at, first_human_reply_at, resolved_at, resolved_by, resolved_tray_id, disposition_id,
                justification, confirmed_message_id
           FROM conversation_cycles WHERE conversation_id = ? ORDER BY number DESC`,
      )
      .all(id) as {
      number: number;
      started_at: number;
      first_human_reply_at: number | null;
      resolved_at: number | null;
      resolved_by: string | null;
      resolved_tray_id: string | null;
      disposition_id: string | null;
      justification: string | null;
      confirmed_message_id: string | null;
    }[]
  ).map((c): CycleRecord => ({
    number: c.number,
    startedAt: c.started_at,
    firstHumanReplyAt: c.first_human_reply_at,
    resolvedAt: c.resolved_at,
    resolvedBy: c.resolved_by,
    resolvedTrayId: c.resolved_tray_id,
    dispositionId: c.disposition_id,
    justification: c.justification as Justification | null,
    confirmedMessageId: c.confirmed_message_id,
  }));
  // Possible duplicates: the same contact's other conversations still in work (guide §3: "sin duplicadas").
  const duplicateIds = (
    ctx.statements
      .get(
        `SELECT id FROM conversations WHERE contact_id = ? AND id <> ? AND status <> 'resolved'
          ORDER BY last_activity_at DESC LIMIT 20`,
      )
      .all(row.contact_id, id) as { id: string }[]
  ).map((r) => r.id);
  const continuedByIds = (
    ctx.statements.get('SELECT id FROM conversations WHERE linked_from_id = ? ORDER BY created_at').all(id) as {
      id: string;
    }[]
  ).map((r) => r.id);
  const contact = ctx.statements.get('SELECT name, company_id FROM contacts WHERE id = ?').get(row.contact_id) as
    { name: string; company_id: string | null } | undefined;
  const identities = ctx.statements
    .get('SELECT kind, value FROM contact_identities WHERE contact_id = ?')
    .all(row.contact_id) as { kind: 'phone' | 'email' | 'external'; value: string }[];
  const gaps = contactGaps({ name: contact?.name ?? '', identities, companyId: contact?.company_id ?? null });
  return toDetail(row, tagIdsFor(ctx, [id]).get(id) ?? [], {
    ...counts,
    cycles,
    duplicateIds,
    continuedByIds,
    contactGaps: gaps,
  });
}

interface ThreadRow {
  type: 'message' | 'note';
  id: string;
  direction: 'inbound' | 'outbound' | null;
  author_kind: string | null;
  author_agent_id: string | null;
  author_name: string | null;
  body: string;
  attachments: string | null;
  delivery_status: string | null;
  channel_message_id: string | null;
  created_at: number;
  kind: string | null;
  fields: string | null;
  external_channel: string | null;
  occurred_at: number | null;
  mentions: string | null;
}

// Each half is limited before the union so a page costs O(limit), not O(thread length).
const THREAD_SQL = (withCursor: boolean) => `
  SELECT * FROM (
    SELECT * FROM (
      SELECT 'message' AS type, m.id, m.direction, m.author_kind, m.author_agent_id, a.name AS author_name,
             m.text AS body, m.attachments, m.delivery_status, m.channel_message_id, m.created_at,
             NULL AS kind, NULL AS fields, NULL AS external_channel, NULL AS occurred_at, NULL AS mentions
        FROM messages m LEFT JOIN agents a ON a.id = m.author_agent_id
       WHERE m.conversation_id = @conv ${withCursor ? 'AND (m.created_at, m.id) < (@time, @id)' : ''}
       ORDER BY m.created_at DESC, m.id DESC LIMIT @limit)
    UNION ALL
    SELECT * FROM (
      SELECT 'note', n.id, NULL, 'agent', n.author_agent_id, a.name, n.body, NULL, NULL, NULL, n.created_at,
             n.kind, n.fields, n.external_channel, n.occurred_at, n.mentions
        FROM notes n JOIN agents a ON a.id = n.author_agent_id
       WHERE n.conversation_id = @conv ${withCursor ? 'AND (n.created_at, n.id) < (@time, @id)' : ''}
       ORDER BY n.created_at DESC, n.id DESC LIMIT @limit)
  ) ORDER BY created_at DESC, id DESC LIMIT @limit`;

const AUTHOR_FALLBACK: Record<string, string> = {
  bot: 'Bot',
  automation: 'Automatización',
  system: 'Sistema',
};

export function threadPage(
  ctx: CoreContext,
  conversationId: string,
  before: string | undefined,
  limit: number,
): MethodOutput<'thread.page'> {
  const row = conversationRow(ctx, conversationId);
  if (!row) throw new AppError('not_found', `Conversation ${conversationId} not found`, 'errors.conversationNotFound');
  const cursor = before ? decodeCursor(before) : null;
  const stmt = ctx.statements.get(THREAD_SQL(cursor !== null));
  const rows = stmt.all(
    cursor
      ? {
          conv: conversationId,
          time: cursor.time,
          id: cursor.id,
          limit: limit + 1,
        }
      : { conv: conversationId, limit: limit + 1 },
  ) as ThreadRow[];
  const hasMore = rows.length > limit;
  const page = (hasMore ? rows.slice(0, limit) : rows).reverse();
  const oldest = page[0];
  // d) the message the agent marked in the current cycle, shown with its badge.
  const confirmed = (
    ctx.statements
      .get('SELECT confirmed_message_id AS id FROM conversation_cycles WHERE conversation_id = ? AND number = ?')
      .get(conversationId, row.cycle) as { id: string | null } | undefined
  )?.id;
  const items = page.map((r): ThreadItem => {
    if (r.type === 'note') {
      const kind = (r.kind ?? 'plain') as NoteKind;
      return {
        type: 'note',
        id: r.id,
        authorAgentId: r.author_agent_id ?? '',
        authorName: r.author_name ?? '',
        body: r.body,
        kind,
        fields: kind === 'descriptive' && r.fields ? (JSON.parse(r.fields) as DescriptiveFields) : null,
        external:
          kind === 'external' && r.external_channel
            ? { channel: r.external_channel as ExternalChannel, occurredAt: r.occurred_at ?? r.created_at }
            : null,
        mentions: r.mentions ? (JSON.parse(r.mentions) as string[]) : [],
        createdAt: r.created_at,
      };
    }
    const authorKind = (r.author_kind ?? 'contact') as 'contact' | 'agent' | 'bot' | 'automation' | 'system';
    return {
      type: 'message',
      id: r.id,
      direction: r.direction ?? 'inbound',
      authorKind,
      authorAgentId: r.author_agent_id,
      authorName: authorKind === 'contact' ? row.contact_name : (r.author_name ?? AUTHOR_FALLBACK[authorKind] ?? ''),
      text: r.body,
      attachments: JSON.parse(r.attachments ?? '[]') as Attachment[],
      deliveryStatus: r.delivery_status as 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | null,
      channelMessageId: r.channel_message_id,
      confirmsDone: r.id === confirmed,
      createdAt: r.created_at,
    };
  });
  return {
    items,
    nextCursor: hasMore && oldest ? encodeCursor(oldest.created_at, oldest.id) : null,
  };
}

export function getContact(ctx: CoreContext, id: string): Contact {
  const c = ctx.statements
    .get(
      `SELECT ct.id, ct.name, ct.created_at, co.id AS company_id, co.name AS company_name, co.domain AS company_domain,
              (SELECT count(*) FROM conversations WHERE contact_id = ct.id) AS conversation_count
         FROM contacts ct LEFT JOIN companies co ON co.id = ct.company_id WHERE ct.id = ?`,
    )
    .get(id) as
    | {
        id: string;
        name: string;
        created_at: number;
        company_id: string | null;
        company_name: string | null;
        company_domain: string | null;
        conversation_count: number;
      }
    | undefined;
  if (!c) throw new AppError('not_found', `Contact ${id} not found`, 'errors.contactNotFound');
  const identities = ctx.statements
    .get('SELECT id, kind, value, channel_kind FROM contact_identities WHERE contact_id = ? ORDER BY kind, value')
    .all(id) as {
    id: string;
    kind: 'phone' | 'email' | 'external';
    value: string;
    channel_kind: string;
  }[];
  return {
    id: c.id,
    name: c.name,
    createdAt: c.created_at,
    company: c.company_id
      ? {
          id: c.company_id,
          name: c.company_name ?? '',
          domain: c.company_domain,
        }
      : null,
    identities: identities.map((i) => ({
      id: i.id,
      kind: i.kind,
      value: i.value,
      channelKind: (i.channel_kind || null) as Contact['identities'][number]['channelKind'],
    })),
    conversationCount: c.conversation_count,
  };
}

export function auditTimeline(
  ctx: CoreContext,
  conversationId: string,
  before: string | undefined,
  limit: number,
): MethodOutput<'audit.timeline'> {
  const cursor = before ? decodeCursor(before) : null;
  const rows = ctx.statements
    .get(
      `SELECT l.*, a.name AS actor_name FROM audit_log l LEFT JOIN agents a ON a.id = l.actor_id
        WHERE l.conversation_id = ? ${cursor ? 'AND (l.at, l.id) < (?, ?)' : ''}
        ORDER BY l.at DESC, l.id DESC LIMIT ?`,
    )
    .all(...(cursor ? [conversationId, cursor.time, cursor.id] : [conversationId]), limit + 1) as {
    id: string;
    actor_id: string | null;
    actor_name: string | null;
    actor_kind: string;
    action: string;
    entity: string;
    entity_id: string;
    conversation_id: string | null;
    before: string | null;
    after: string | null;
    at: number;
  }[];
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  const items = page.map((r): AuditEvent => ({
    id: r.id,
    actorId: r.actor_id,
    actorName: r.actor_name ?? AUTHOR_FALLBACK[r.actor_kind] ?? '',
    actorKind: r.actor_kind as AuditEvent['actorKind'],
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    conversationId: r.conversation_id,
    before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
    after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
    at: r.at,
  }));
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor(last.at, last.id) : null,
  };
}

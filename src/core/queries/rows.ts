// Maps raw SQLite rows of the hot read paths to the shared read models.
import type { ConversationDetail, ConversationSummary } from '../../shared';
import type { CoreContext } from '../context';

export interface ConversationRow {
  id: string;
  contact_id: string;
  contact_name: string;
  channel_kind: ConversationSummary['channelKind'];
  tray_id: string;
  category_id: string | null;
  status: ConversationSummary['status'];
  assignee_id: string | null;
  priority: ConversationSummary['priority'];
  subject: string | null;
  snippet: string;
  last_activity_at: number;
  waiting_since: number | null;
  snoozed_until: number | null;
  created_at: number;
  first_response_at: number | null;
  cycle: number;
  cycle_started_at: number;
  version: number;
  last_customer_message_at: number | null;
  last_human_reply_at: number | null;
  linked_from_id: string | null;
  snoozed_by: string | null;
  follow_up_at: number | null;
}

export const CONVERSATION_COLUMNS = `c.id, c.contact_id, ct.name AS contact_name, c.channel_kind, c.tray_id, c.category_id,
  c.status, c.assignee_id, c.priority, c.subject, c.snippet, c.last_activity_at, c.waiting_since, c.snoozed_until,
  c.created_at, c.first_response_at, c.cycle, c.cycle_started_at, c.version, c.last_customer_message_at,
  c.last_human_reply_at, c.linked_from_id, c.snoozed_by, c.follow_up_at`;

export const CONVERSATION_FROM = 'conversations c JOIN contacts ct ON ct.id = c.contact_id';

export function toSummary(row: ConversationRow, tagIds: string[]): ConversationSummary {
  return {
    id: row.id,
    contactId: row.contact_id,
    contactName: row.contact_name,
    channelKind: row.channel_kind,
    trayId: row.tray_id,
    categoryId: row.category_id,
    status: row.status,
    assigneeId: row.assignee_id,
    priority: row.priority,
    tagIds,
    subject: row.subject,
    snippet: row.snippet,
    lastActivityAt: row.last_activity_at,
    waitingSince: row.waiting_since,
    snoozedUntil: row.snoozed_until,
    followUpAt: row.follow_up_at,
  };
}

/** What the detail adds to the row: counts, cycles, duplicates, contact gaps, continuations. */
export type DetailExtras = Pick<
  ConversationDetail,
  'messageCount' | 'noteCount' | 'cycles' | 'duplicateIds' | 'contactGaps' | 'continuedByIds'
>;

export function toDetail(row: ConversationRow, tagIds: string[], extras: DetailExtras): ConversationDetail {
  return {
    ...toSummary(row, tagIds),
    createdAt: row.created_at,
    firstResponseAt: row.first_response_at,
    cycle: row.cycle,
    cycleStartedAt: row.cycle_started_at,
    version: row.version,
    lastCustomerMessageAt: row.last_customer_message_at,
    lastHumanReplyAt: row.last_human_reply_at,
    linkedFromId: row.linked_from_id,
    snoozedBy: row.snoozed_by,
    ...extras,
  };
}

/** Tag ids of many conversations in one query (a page of the list). */
export function tagIdsFor(ctx: CoreContext, conversationIds: string[]): Map<string, string[]> {
  const result = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
  if (conversationIds.length === 0) return result;
  const placeholders = conversationIds.map(() => '?').join(',');
  const rows = ctx.statements
    .get(
      `SELECT conversation_id, tag_id FROM conversation_tags WHERE conversation_id IN (${placeholders}) ORDER BY created_at`,
    )
    .all(...conversationIds) as { conversation_id: string; tag_id: string }[];
  for (const r of rows) result.get(r.conversation_id)?.push(r.tag_id);
  return result;
}

export function summariesOf(ctx: CoreContext, rows: ConversationRow[]): ConversationSummary[] {
  const tags = tagIdsFor(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSummary(r, tags.get(r.id) ?? []));
}

export function conversationRow(ctx: CoreContext, id: string): ConversationRow | undefined {
  return ctx.statements.get(`SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE c.id = ?`).get(id) as
    ConversationRow | undefined;
}

export function encodeCursor(time: number, id: string): string {
  return `${time}:${id}`;
}

export function decodeCursor(cursor: string): { time: number; id: string } {
  const i = cursor.indexOf(':');
  return { time: Number(cursor.slice(0, i)), id: cursor.slice(i + 1) };
}

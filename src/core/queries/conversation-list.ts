// Column 2: one keyset-paginated page of conversations for a view + status + filters,
// latest activity first (Pospuestas: soonest wake first). The WHERE clause is built so SQLite can walk one of the
// (scope, status, last_activity_at, id) indexes and stop after `limit` rows. A view or filter on one
// tag walks conversation_tags' own (tag, status, activity) index instead (migration 0003), so a
// rare tag costs the same as a common one.
import type { ConversationSummary, MethodInput, MethodOutput, View } from '../../shared';
import type { CoreContext } from '../context';
import {
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  decodeCursor,
  encodeCursor,
  summariesOf,
  type ConversationRow,
} from './rows';

type ListInput = MethodInput<'conversations.list'>;

interface Where {
  clauses: string[];
  params: unknown[];
}

function viewClause(view: View, ctx: CoreContext, w: Where): void {
  switch (view.kind) {
    case 'mine':
      w.clauses.push('c.assignee_id = ?');
      w.params.push(ctx.meId);
      return;
    case 'unassigned':
      w.clauses.push('c.assignee_id IS NULL');
      return;
    case 'all':
      return;
    case 'tray':
      w.clauses.push('c.tray_id = ?');
      w.params.push(view.trayId);
      return;
    case 'category':
      w.clauses.push('c.category_id = ?');
      w.params.push(view.categoryId);
      return;
    case 'tag':
      return; // the tag drives the query (see drivingTag)
  }
}

/** The one tag a page can be read through in order: the tag view, or a single-tag filter. */
function drivingTag(input: ListInput): string | null {
  if (input.view.kind === 'tag') return input.view.tagId;
  const tags = input.filters?.tagIds;
  return tags?.length === 1 ? tags[0]! : null;
}

function filterClauses(
  input: ListInput,
  w: Where,
  order: { time: string; id: string; dir: 'ASC' | 'DESC' },
  tagDriven: boolean,
): void {
  const f = input.filters ?? {};
  if (input.status) {
    w.clauses.push(tagDriven ? 'd.status = ?' : 'c.status = ?');
    w.params.push(input.status);
  }
  if (f.channels?.length) {
    w.clauses.push(`c.channel_kind IN (${f.channels.map(() => '?').join(',')})`);
    w.params.push(...f.channels);
  }
  if (f.assignees?.length) {
    const ids = f.assignees.filter((a) => a !== 'none');
    const parts: string[] = [];
    if (ids.length) {
      parts.push(`c.assignee_id IN (${ids.map(() => '?').join(',')})`);
      w.params.push(...ids);
    }
    if (ids.length !== f.assignees.length) parts.push('c.assignee_id IS NULL');
    w.clauses.push(`(${parts.join(' OR ')})`);
  }
  // A single-tag filter outside a tag view already drives the query.
  if (f.tagIds?.length && !(tagDriven && input.view.kind !== 'tag')) {
    w.clauses.push(
      `EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag_id IN (${f.tagIds.map(() => '?').join(',')}))`,
    );
    w.params.push(...f.tagIds);
  }
  if (input.cursor) {
    const { time, id } = decodeCursor(input.cursor);
    w.clauses.push(`(${order.time}, ${order.id}) ${order.dir === 'ASC' ? '>' : '<'} (?, ?)`);
    w.params.push(time, id);
  }
}

export function listConversations(ctx: CoreContext, input: ListInput): MethodOutput<'conversations.list'> {
  const limit = input.limit ?? 50;
  const tag = drivingTag(input);
  const w: Where = { clauses: [], params: [] };
  if (tag) {
    w.clauses.push('d.tag_id = ?');
    w.params.push(tag);
  }
  // Pospuestas reads by wake time, soonest first (seed 002: what comes back next is what matters).
  const byWake = input.status === 'snoozed';
  const order = byWake
    ? { time: 'c.snoozed_until', id: 'c.id', dir: 'ASC' as const }
    : tag
      ? { time: 'd.last_activity_at', id: 'd.conversation_id', dir: 'DESC' as const }
      : { time: 'c.last_activity_at', id: 'c.id', dir: 'DESC' as const };
  viewClause(input.view, ctx, w);
  filterClauses(input, w, order, tag !== null);
  const from = tag
    ? `conversation_tags d JOIN conversations c ON c.id = d.conversation_id JOIN contacts ct ON ct.id = c.contact_id`
    : CONVERSATION_FROM;
  const where = w.clauses.length ? `WHERE ${w.clauses.join(' AND ')}` : '';
  // Plain columns in ORDER BY, never expressions: SQLite then walks the (…, status, time, id) index and
  // stops after `limit` rows instead of sorting the whole view.
  const sql = `SELECT ${CONVERSATION_COLUMNS} FROM ${from} ${where}
    ORDER BY ${order.time} ${order.dir}, ${order.id} ${order.dir} LIMIT ?`;
  const rows = ctx.statements.get(sql).all(...w.params, limit + 1) as ConversationRow[];
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: summariesOf(ctx, page),
    nextCursor:
      hasMore && last ? encodeCursor(byWake ? (last.snoozed_until ?? 0) : last.last_activity_at, last.id) : null,
  };
}

/** Command palette: contacts and snippets matching the text, newest first. */
export function searchConversations(ctx: CoreContext, query: string, limit: number): ConversationSummary[] {
  const pattern = `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = ctx.statements
    .get(
      `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM}
       WHERE ct.name LIKE ? ESCAPE '\\' OR c.snippet LIKE ? ESCAPE '\\' OR c.subject LIKE ? ESCAPE '\\'
       ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?`,
    )
    .all(pattern, pattern, pattern, limit) as ConversationRow[];
  return summariesOf(ctx, rows);
}

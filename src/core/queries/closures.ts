// The weekly closure review (guide §8): resolved cycles, newest first, filterable by who resolved, the
// tray at the moment of the resolution, the disposition, the justification used and "closed without a
// human reply" (METRICS.md). Supervisors and admins only — their replicas hold the whole workspace.
import { AppError, type ClosureFilters, type ClosureItem, type Justification, type MethodOutput } from '../../shared';
import type { CoreContext } from '../context';
import { actorRole } from '../mutators/driver';
import { decodeCursor, encodeCursor } from './rows';

interface ClosureSqlRow {
  id: string;
  conversation_id: string;
  number: number;
  contact_name: string;
  channel_kind: ClosureItem['channelKind'];
  tray_id: string | null;
  resolved_by: string | null;
  resolved_at: number;
  started_at: number;
  first_human_reply_at: number | null;
  disposition_id: string | null;
  justification: string | null;
}

export function listClosures(
  ctx: CoreContext,
  filters: ClosureFilters,
  cursor: string | undefined,
  limit: number,
): MethodOutput<'reviews.closures'> {
  if (actorRole(ctx) === 'agent')
    throw new AppError('forbidden', 'The closure review is for supervisors', 'errors.supervisorsOnly');
  const where = ['cy.resolved_at IS NOT NULL'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (filters.agentId) add('cy.resolved_by = ?', filters.agentId);
  if (filters.trayId) add('coalesce(cy.resolved_tray_id, c.tray_id) = ?', filters.trayId);
  if (filters.dispositionId) add('cy.disposition_id = ?', filters.dispositionId);
  if (filters.justification === 'none') where.push('cy.justification IS NULL');
  else if (filters.justification) add('cy.justification = ?', filters.justification);
  if (filters.unansweredOnly) where.push('cy.first_human_reply_at IS NULL');
  if (filters.from !== undefined) add('cy.resolved_at >= ?', filters.from);
  if (filters.to !== undefined) add('cy.resolved_at < ?', filters.to);
  const from = `FROM conversation_cycles cy JOIN conversations c ON c.id = cy.conversation_id
         JOIN contacts ct ON ct.id = c.contact_id`;
  // The summary counts the whole filtered period, before the page's cursor narrows it.
  const totals = ctx.statements
    .get(
      `SELECT count(*) AS closures, coalesce(sum(cy.first_human_reply_at IS NULL), 0) AS unanswered,
              coalesce(sum(cy.first_human_reply_at IS NULL AND cy.justification IS NULL), 0) AS unjustified
         ${from} WHERE ${where.join(' AND ')}`,
    )
    .get(...params) as { closures: number; unanswered: number; unjustified: number };
  if (cursor) {
    const c = decodeCursor(cursor);
    where.push('(cy.resolved_at, cy.id) < (?, ?)');
    params.push(c.time, c.id);
  }
  const rows = ctx.statements
    .get(
      `SELECT cy.id, cy.conversation_id, cy.number, ct.name AS contact_name, c.channel_kind,
              coalesce(cy.resolved_tray_id, c.tray_id) AS tray_id, cy.resolved_by, cy.resolved_at, cy.started_at,
              cy.first_human_reply_at, cy.disposition_id, cy.justification
         ${from}
        WHERE ${where.join(' AND ')}
        ORDER BY cy.resolved_at DESC, cy.id DESC LIMIT ?`,
    )
    .all(...params, limit + 1) as ClosureSqlRow[];
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      conversationId: r.conversation_id,
      cycle: r.number,
      contactName: r.contact_name,
      channelKind: r.channel_kind,
      trayId: r.tray_id,
      resolvedBy: r.resolved_by,
      resolvedAt: r.resolved_at,
      startedAt: r.started_at,
      firstHumanReplyAt: r.first_human_reply_at,
      dispositionId: r.disposition_id,
      justification: r.justification as Justification | null,
      answered: r.first_human_reply_at !== null,
    })),
    nextCursor: hasMore && last ? encodeCursor(last.resolved_at, last.id) : null,
    totals,
  };
}

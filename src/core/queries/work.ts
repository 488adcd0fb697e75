// Reads of the follow-up work around conversations: tasks ("Mis tareas", a conversation's tasks), support
// tickets with the conversations they are associated with, and companies.
import { AppError, type Company, type Status, type Task, type Ticket } from '../../shared';
import type { CoreContext } from '../context';

interface TaskSqlRow {
  id: string;
  conversation_id: string | null;
  title: string;
  due_at: number | null;
  assignee_id: string | null;
  done: number;
  done_at: number | null;
  created_by: string;
  created_at: number;
  contact_name: string | null;
  tray_id: string | null;
  status: Status;
}

const TASK_SELECT = `SELECT t.id, t.conversation_id, t.title, t.due_at, t.assignee_id, t.done, t.done_at, t.created_by,
    t.created_at, ct.name AS contact_name, c.tray_id, c.status
  FROM tasks t LEFT JOIN conversations c ON c.id = t.conversation_id LEFT JOIN contacts ct ON ct.id = c.contact_id`;

const toTask = (r: TaskSqlRow): Task => ({
  id: r.id,
  conversationId: r.conversation_id,
  title: r.title,
  dueAt: r.due_at,
  assigneeId: r.assignee_id,
  done: r.done === 1,
  doneAt: r.done_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  conversation:
    r.conversation_id && r.contact_name !== null && r.tray_id !== null
      ? { contactName: r.contact_name, trayId: r.tray_id, status: r.status }
      : null,
});

/**
 * "Mis tareas": open tasks first; among them the ones with a due date by date (overdue ones are simply the
 * earliest), undated after; done ones last, newest first. A conversation's tasks use the same order.
 */
const TASK_ORDER = `ORDER BY t.done, t.due_at IS NULL, t.due_at, CASE WHEN t.done THEN -t.done_at END, t.created_at, t.id`;

export function listTasks(
  ctx: CoreContext,
  input: { scope: 'mine' | 'conversation' | 'all'; conversationId?: string; includeDone?: boolean },
): Task[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.scope === 'mine') {
    where.push('t.assignee_id = ?');
    params.push(ctx.meId);
  } else if (input.scope === 'conversation') {
    if (!input.conversationId)
      throw new AppError('invalid_input', 'conversationId is required for scope conversation', 'errors.invalidInput');
    where.push('t.conversation_id = ?');
    params.push(input.conversationId);
  }
  if (!input.includeDone) where.push('t.done = 0');
  const sql = `${TASK_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${TASK_ORDER} LIMIT 500`;
  return (ctx.statements.get(sql).all(...params) as TaskSqlRow[]).map(toTask);
}

export function getTask(ctx: CoreContext, id: string): Task {
  const row = ctx.statements.get(`${TASK_SELECT} WHERE t.id = ?`).get(id) as TaskSqlRow | undefined;
  if (!row) throw new AppError('not_found', `Task ${id} not found`, 'errors.taskNotFound');
  return toTask(row);
}

interface TicketSqlRow {
  id: string;
  number: number | null;
  subject: string;
  status: Ticket['status'];
  priority: Ticket['priority'];
  created_by: string;
  created_at: number;
  updated_at: number;
  conversation_ids: string | null;
}

const TICKET_SELECT = `SELECT k.id, k.number, k.subject, k.status, k.priority, k.created_by, k.created_at, k.updated_at,
    (SELECT json_group_array(conversation_id) FROM conversation_tickets WHERE ticket_id = k.id) AS conversation_ids
  FROM tickets k`;

const toTicket = (r: TicketSqlRow): Ticket => ({
  id: r.id,
  number: r.number,
  subject: r.subject,
  status: r.status,
  priority: r.priority,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  conversationIds: r.conversation_ids ? (JSON.parse(r.conversation_ids) as string[]) : [],
});

export function ticketsForConversation(ctx: CoreContext, conversationId: string): Ticket[] {
  return (
    ctx.statements
      .get(
        `${TICKET_SELECT} WHERE k.id IN (SELECT ticket_id FROM conversation_tickets WHERE conversation_id = ?)
          ORDER BY k.created_at DESC`,
      )
      .all(conversationId) as TicketSqlRow[]
  ).map(toTicket);
}

export function getTicket(ctx: CoreContext, id: string): Ticket {
  const row = ctx.statements.get(`${TICKET_SELECT} WHERE k.id = ?`).get(id) as TicketSqlRow | undefined;
  if (!row) throw new AppError('not_found', `Ticket ${id} not found`, 'errors.ticketNotFound');
  return toTicket(row);
}

const likeOf = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** By number ("#12", "12") or subject; open tickets first, newest first. */
export function searchTickets(ctx: CoreContext, query: string, limit: number): Ticket[] {
  const q = query.trim().replace(/^#/, '');
  const number = /^\d+$/.test(q) ? Number(q) : -1;
  return (
    ctx.statements
      .get(
        `${TICKET_SELECT} WHERE ? = '' OR k.number = ? OR k.subject LIKE ? ESCAPE '\\'
          ORDER BY k.status = 'closed', k.created_at DESC LIMIT ?`,
      )
      .all(q, number, likeOf(q), limit) as TicketSqlRow[]
  ).map(toTicket);
}

export function searchCompanies(ctx: CoreContext, query: string, limit: number): Company[] {
  const q = query.trim();
  return ctx.statements
    .get(
      `SELECT id, name, domain FROM companies WHERE workspace_id = ? AND (? = '' OR name LIKE ? ESCAPE '\\'
         OR domain LIKE ? ESCAPE '\\') ORDER BY name COLLATE NOCASE LIMIT ?`,
    )
    .all(ctx.workspaceId, q, likeOf(q), likeOf(q), limit) as Company[];
}

export function getCompany(ctx: CoreContext, id: string): Company {
  const row = ctx.statements.get('SELECT id, name, domain FROM companies WHERE id = ?').get(id) as Company | undefined;
  if (!row) throw new AppError('not_found', `Company ${id} not found`, 'errors.companyNotFound');
  return row;
}

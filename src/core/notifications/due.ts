// What is due for the signed-in agent, read from the replica — synced rows and changes still pending
// alike, so it works offline: their snoozed conversations (assigned to them, or unassigned and snoozed by
// them), their follow-up reminders, and their open tasks with a due date.
import type { NotificationKind } from '../../shared';
import type { CoreContext } from '../context';

export interface DueItem {
  /** The in-app notification id: one notification per wake, whoever sees it first (timer or server). */
  key: string;
  kind: Extract<NotificationKind, 'snoozeDue' | 'followUpDue' | 'taskDue'>;
  dueAt: number;
  conversationId: string | null;
  taskId: string | null;
  contactName: string | null;
  trayName: string | null;
  /** The task's title, or the conversation's latest private note (the guide's "what is missing"). */
  detail: string | null;
}

const MINE_SNOOZED = `c.status = 'snoozed' AND c.snoozed_until IS NOT NULL
  AND (c.assignee_id = @me OR (c.assignee_id IS NULL AND c.snoozed_by = @me))`;
const MINE_FOLLOW_UP = `c.status = 'pending' AND c.follow_up_at IS NOT NULL
  AND (c.assignee_id = @me OR (c.assignee_id IS NULL AND c.follow_up_by = @me))`;
const MINE_TASK = `t.assignee_id = @me AND t.done = 0 AND t.due_at IS NOT NULL`;

/** The newest private note of the conversation: what the agent wrote before snoozing. */
const LAST_NOTE = `(SELECT n.body FROM notes n WHERE n.conversation_id = c.id ORDER BY n.created_at DESC, n.id DESC LIMIT 1)`;

export const snoozeKey = (conversationId: string, until: number) => `snoozeDue:${conversationId}:${until}`;
export const followUpKey = (conversationId: string, at: number) => `followUpDue:${conversationId}:${at}`;
export const taskKey = (taskId: string, dueAt: number) => `taskDue:${taskId}:${dueAt}`;

interface Row {
  id: string;
  due: number;
  contact_name: string | null;
  tray_name: string | null;
  detail: string | null;
}

/** The agent's items that fall due in (after, upTo], oldest first. */
export function dueBetween(ctx: CoreContext, after: number, upTo: number): DueItem[] {
  const p = { me: ctx.meId, after, upTo };
  const conv = (where: string, due: string) =>
    ctx.statements
      .get(
        `SELECT c.id, ${due} AS due, ct.name AS contact_name, tr.name AS tray_name, ${LAST_NOTE} AS detail
           FROM conversations c JOIN contacts ct ON ct.id = c.contact_id JOIN trays tr ON tr.id = c.tray_id
          WHERE ${where} AND ${due} > @after AND ${due} <= @upTo ORDER BY due`,
      )
      .all(p) as Row[];
  const snoozes = conv(MINE_SNOOZED, 'c.snoozed_until').map((r): DueItem => ({
    key: snoozeKey(r.id, r.due),
    kind: 'snoozeDue',
    dueAt: r.due,
    conversationId: r.id,
    taskId: null,
    contactName: r.contact_name,
    trayName: r.tray_name,
    detail: r.detail,
  }));
  const followUps = conv(MINE_FOLLOW_UP, 'c.follow_up_at').map((r): DueItem => ({
    key: followUpKey(r.id, r.due),
    kind: 'followUpDue',
    dueAt: r.due,
    conversationId: r.id,
    taskId: null,
    contactName: r.contact_name,
    trayName: r.tray_name,
    detail: r.detail,
  }));
  const tasks = (
    ctx.statements
      .get(
        `SELECT t.id, t.due_at AS due, t.conversation_id, t.title, ct.name AS contact_name, tr.name AS tray_name
           FROM tasks t LEFT JOIN conversations c ON c.id = t.conversation_id
           LEFT JOIN contacts ct ON ct.id = c.contact_id LEFT JOIN trays tr ON tr.id = c.tray_id
          WHERE ${MINE_TASK} AND t.due_at > @after AND t.due_at <= @upTo ORDER BY t.due_at`,
      )
      .all(p) as (Row & { conversation_id: string | null; title: string })[]
  ).map((r): DueItem => ({
    key: taskKey(r.id, r.due),
    kind: 'taskDue',
    dueAt: r.due,
    conversationId: r.conversation_id,
    taskId: r.id,
    contactName: r.contact_name,
    trayName: r.tray_name,
    detail: r.title,
  }));
  return [...snoozes, ...followUps, ...tasks].sort((a, b) => a.dueAt - b.dueAt);
}

/** When the agent's next item falls due (after `now`), or null: the notifier sleeps until then. */
export function nextDueAt(ctx: CoreContext, now: number): number | null {
  const row = ctx.statements
    .get(
      `SELECT min(due) AS next FROM (
         SELECT min(c.snoozed_until) AS due FROM conversations c WHERE ${MINE_SNOOZED} AND c.snoozed_until > @now
         UNION ALL SELECT min(c.follow_up_at) FROM conversations c WHERE ${MINE_FOLLOW_UP} AND c.follow_up_at > @now
         UNION ALL SELECT min(t.due_at) FROM tasks t WHERE ${MINE_TASK} AND t.due_at > @now)`,
    )
    .get({ me: ctx.meId, now }) as { next: number | null };
  return row.next;
}

// The agent's in-app notifications, kept in the replica's local `notifications` table. Rows arriving from
// the server turn into notifications by TEMP triggers (installed at every open, like the undo log): a note
// by someone else that @mentions me, a history entry of someone else assigning a conversation to me. The
// row id is a dedupe key, so a row replayed by a rebase, re-sent after a tray move or seen twice never
// notifies twice. Timers (due snoozes, follow-ups, tasks) add theirs through `addNotification`; the
// server's own wake of one of my snoozes lands on the same key, so a wake notifies once whoever saw it
// first.
import type { NotificationItem, NotificationKind } from '../../shared';
import type { CoreContext } from '../context';
import type { Sqlite } from '../db/open';

const ME_FN = 'bandeja_me';
const NOW_FN = 'bandeja_now';
/** A mention older than this when it first reaches the replica (a new device's snapshot) arrives read. */
export const STALE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export function installNotificationTriggers(sqlite: Sqlite, ctx: Pick<CoreContext, 'meId' | 'clock'>): void {
  // Read at call time: the signed-in agent changes without reopening the database.
  sqlite.function(ME_FN, { deterministic: false }, () => ctx.meId || null);
  sqlite.function(NOW_FN, { deterministic: false }, () => ctx.clock.now());
  const readIfStale = (at: string) => `CASE WHEN ${at} < ${NOW_FN}() - ${STALE_AFTER_MS} THEN ${at} END`;
  sqlite.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS notify_mention AFTER INSERT ON main.notes
    WHEN NEW.author_agent_id IS NOT ${ME_FN}() AND EXISTS (SELECT 1 FROM json_each(NEW.mentions) WHERE value = ${ME_FN}())
    BEGIN
      INSERT OR IGNORE INTO notifications (id, kind, conversation_id, actor_id, text, at, read_at)
      VALUES ('mention:' || NEW.id, 'mention', NEW.conversation_id, NEW.author_agent_id, substr(NEW.body, 1, 280),
              NEW.created_at, ${readIfStale('NEW.created_at')});
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS notify_assigned AFTER INSERT ON main.audit_log
    WHEN NEW.action = 'conversation.assigned' AND NEW.actor_id IS NOT ${ME_FN}()
      AND json_extract(NEW."after", '$.assigneeId') = ${ME_FN}()
    BEGIN
      INSERT OR IGNORE INTO notifications (id, kind, conversation_id, actor_id, text, at, read_at)
      VALUES ('assigned:' || NEW.id, 'assigned', NEW.conversation_id, NEW.actor_id, '', NEW.at, ${readIfStale('NEW.at')});
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS notify_server_wake AFTER INSERT ON main.audit_log
    WHEN NEW.action IN ('conversation.snoozeWoke', 'conversation.followUpDue') AND NEW.actor_id IS NULL
      AND (SELECT assignee_id FROM conversations WHERE id = NEW.conversation_id) = ${ME_FN}()
    BEGIN
      INSERT OR IGNORE INTO notifications (id, kind, conversation_id, text, at, read_at)
      VALUES (
        CASE NEW.action WHEN 'conversation.snoozeWoke'
          THEN 'snoozeDue:' || NEW.conversation_id || ':' || json_extract(NEW."before", '$.until')
          ELSE 'followUpDue:' || NEW.conversation_id || ':' || json_extract(NEW."before", '$.followUpAt') END,
        CASE NEW.action WHEN 'conversation.snoozeWoke' THEN 'snoozeDue' ELSE 'followUpDue' END,
        NEW.conversation_id, '', NEW.at, ${readIfStale('NEW.at')});
    END;
  `);
}

interface NotificationSqlRow {
  id: string;
  kind: string;
  conversation_id: string | null;
  task_id: string | null;
  actor_id: string | null;
  text: string;
  at: number;
  read_at: number | null;
  contact_name: string | null;
}

export function listNotifications(
  ctx: CoreContext,
  opts: { unreadOnly?: boolean; limit: number },
): { items: NotificationItem[]; unread: number } {
  const rows = ctx.statements
    .get(
      `SELECT n.id, n.kind, n.conversation_id, n.task_id, n.actor_id, n.text, n.at, n.read_at, ct.name AS contact_name
         FROM notifications n LEFT JOIN conversations c ON c.id = n.conversation_id
         LEFT JOIN contacts ct ON ct.id = c.contact_id
        ${opts.unreadOnly ? 'WHERE n.read_at IS NULL' : ''} ORDER BY n.at DESC, n.id DESC LIMIT ?`,
    )
    .all(opts.limit) as NotificationSqlRow[];
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      conversationId: r.conversation_id,
      taskId: r.task_id,
      actorId: r.actor_id,
      contactName: r.contact_name,
      text: r.text,
      at: r.at,
      readAt: r.read_at,
    })),
    unread: unreadCount(ctx),
  };
}

export const unreadCount = (ctx: CoreContext): number =>
  (ctx.statements.get('SELECT count(*) AS n FROM notifications WHERE read_at IS NULL').get() as { n: number }).n;

export function markRead(ctx: CoreContext, input: { ids?: string[]; all?: boolean }): number {
  const now = ctx.clock.now();
  if (input.all) ctx.statements.get('UPDATE notifications SET read_at = ? WHERE read_at IS NULL').run(now);
  else
    for (const id of input.ids ?? [])
      ctx.statements.get('UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL').run(now, id);
  return unreadCount(ctx);
}

/** A notification from a timer or the notifier; false when that key was already notified. */
export function addNotification(
  ctx: CoreContext,
  n: {
    id: string;
    kind: NotificationKind;
    conversationId?: string | null;
    taskId?: string | null;
    text: string;
    at: number;
  },
): boolean {
  const res = ctx.statements
    .get(
      `INSERT OR IGNORE INTO notifications (id, kind, conversation_id, task_id, actor_id, text, at)
       VALUES (?, ?, ?, ?, NULL, ?, ?)`,
    )
    .run(n.id, n.kind, n.conversationId ?? null, n.taskId ?? null, n.text, n.at);
  return res.changes > 0;
}

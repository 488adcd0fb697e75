// The one notifier for everything the agent must not miss (issue 5): due snoozes, follow-up reminders,
// task due dates (timers over the replica, so they fire offline and with no window open), and @mentions
// and assignments (rows from the server, turned into notifications by inbox.ts triggers). Each becomes an
// in-app notification whose id is a dedupe key, then — per the agent's preferences and do-not-disturb
// hours — one desktop notification. Whatever fell due while the app was closed is summarized once at
// the next start ("3 conversaciones pospuestas vencieron").
//
// The clock is the platform's, and the "checked up to" mark is stored: a restart, a sleeping laptop or a
// clock change never notifies twice or skips an item; the timer is re-armed at least every minute.
import {
  DEFAULT_NOTIFICATION_PREFS,
  fillText,
  NOTIFICATION_TEXTS,
  type DesktopNotice,
  type NotificationKind,
  type Prefs,
} from '../../shared';
import type { CoreContext } from '../context';
import { getMeta, setMeta } from '../db/meta';
import type { Notifier, Timers } from '../platform';
import { dueBetween, nextDueAt, type DueItem } from './due';
import { addNotification } from './inbox';
import { wakeDue } from './wake';

/** Re-check at least this often: timers drift, laptops sleep, clocks jump. */
const MAX_SLEEP_MS = 60_000;
/** A pulled notification older than this when first seen is listed in-app but not popped up. */
const RECENT_MS = 10 * 60_000;

export interface NotifierCenterOptions {
  ctx: CoreContext;
  notifier: Notifier;
  timers: Timers;
  timeZone: string;
  prefs(): Prefs;
  /** Conversations woken here (local data changed: the UI re-reads them). */
  onWoken(conversationIds: string[]): void;
  /** The unread count may have changed. */
  onNotified(): void;
}

export interface NotifierCenter {
  /** First run after opening (what fell due while closed is summarized); arms the timer. */
  start(): void;
  /** Data changed (a pull, a local change): re-read what is due, pop up what arrived, re-arm the timer. */
  refresh(): void;
  stop(): void;
}

export function createNotifierCenter(o: NotifierCenterOptions): NotifierCenter {
  const { ctx } = o;
  let timer: unknown = null;
  let stopped = false;

  const active = () => !stopped && ctx.replica.mode !== 'none' && Boolean(ctx.meId);
  const texts = () => NOTIFICATION_TEXTS[o.prefs().locale];

  function checkedAt(now: number): number {
    const raw = getMeta(ctx.db, 'notifierCheckedAt');
    // First run on this replica: nothing before now is news (an old overdue task is not a reminder).
    return raw === null ? now : Number(raw);
  }

  /** Records due items as in-app notifications; returns those that were new. */
  function record(items: DueItem[]): DueItem[] {
    return items.filter((item) =>
      addNotification(ctx, {
        id: item.key,
        kind: item.kind,
        conversationId: item.conversationId,
        taskId: item.taskId,
        text: item.detail ?? '',
        at: item.dueAt,
      }),
    );
  }

  function show(n: DesktopNotice, kind: NotificationKind | null): void {
    const prefs = o.prefs().notifications ?? DEFAULT_NOTIFICATION_PREFS;
    if (kind && !prefs.types[kind]) return;
    if (inQuietHours(prefs.doNotDisturb, ctx.clock.now(), o.timeZone)) return;
    try {
      o.notifier.notify(n);
    } catch (err) {
      ctx.logger.warn('desktop notification failed', { error: String(err) });
    }
  }

  /** Pops up every notification not yet shown (pulled mentions and assignments, due items of this run). */
  function flush(now: number): void {
    const rows = ctx.statements
      .get(
        `SELECT n.id, n.kind, n.conversation_id, n.actor_id, n.text, n.at, ct.name AS contact_name, a.name AS actor_name,
                tr.name AS tray_name, t.title AS task_title
           FROM notifications n LEFT JOIN conversations c ON c.id = n.conversation_id
           LEFT JOIN contacts ct ON ct.id = c.contact_id LEFT JOIN trays tr ON tr.id = c.tray_id
           LEFT JOIN agents a ON a.id = n.actor_id LEFT JOIN tasks t ON t.id = n.task_id
          WHERE n.notified_at IS NULL ORDER BY n.at`,
      )
      .all() as {
      id: string;
      kind: NotificationKind;
      conversation_id: string | null;
      text: string;
      at: number;
      contact_name: string | null;
      actor_name: string | null;
      tray_name: string | null;
      task_title: string | null;
    }[];
    if (!rows.length) return;
    const t = texts();
    for (const r of rows) {
      if (r.at >= now - RECENT_MS)
        show(
          {
            id: r.id,
            title: fillText(t[r.kind].title, {
              contact: r.contact_name ?? '',
              tray: r.tray_name ?? '',
              actor: r.actor_name ?? '',
              task: r.task_title ?? r.text,
            }),
            body: r.text || t.noDetail,
            conversationId: r.conversation_id,
          },
          r.kind,
        );
    }
    ctx.statements.get('UPDATE notifications SET notified_at = ? WHERE notified_at IS NULL').run(now);
  }

  /** One summary of what fell due while the app was closed, then those rows count as shown. */
  function summarize(items: DueItem[], now: number): void {
    if (!items.length) return;
    const t = texts();
    const byKind = new Map<DueItem['kind'], number>();
    for (const i of items) byKind.set(i.kind, (byKind.get(i.kind) ?? 0) + 1);
    const body = [...byKind]
      .map(([kind, n]) => fillText(n === 1 ? t[kind].summary_one : t[kind].summary_other, { n }))
      .join(' · ');
    const only = items.length === 1 ? items[0]! : null;
    show({ id: `summary:${now}`, title: t.whileAway, body, conversationId: only?.conversationId ?? null }, null);
    const mark = ctx.statements.get('UPDATE notifications SET notified_at = ? WHERE id = ?');
    for (const i of items) mark.run(now, i.key);
  }

  function tick(): void {
    if (!active()) return;
    const now = ctx.clock.now();
    const since = checkedAt(now);
    // Read what fell due before waking it: the wake clears the snooze and follow-up times it reads.
    const due = since < now ? dueBetween(ctx, since, now) : [];
    const fresh = ctx.sqlite.transaction(() => {
      const added = record(due);
      setMeta(ctx.db, 'notifierCheckedAt', String(now));
      return added;
    })();
    const woken = wakeDue(ctx, now);
    // Due well before this run: the app was closed (or the machine asleep) when they fell due.
    summarize(
      fresh.filter((i) => i.dueAt < now - RECENT_MS),
      now,
    );
    flush(now);
    if (woken.length) o.onWoken(woken);
    // Cheap (a count compared with the last one announced): triggers may have added rows too.
    o.onNotified();
    arm(now);
  }

  function arm(now: number): void {
    if (timer !== null) o.timers.clear(timer);
    timer = null;
    if (!active()) return;
    const next = nextDueAt(ctx, now);
    const wait = next === null ? MAX_SLEEP_MS : Math.min(Math.max(next - now, 0), MAX_SLEEP_MS);
    timer = o.timers.set(() => {
      timer = null;
      safely(tick);
    }, wait);
  }

  function safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      ctx.logger.error('notifier failed', { error: String(err) });
    }
  }

  return {
    start: () => safely(tick),
    refresh: () => safely(tick),
    stop() {
      stopped = true;
      if (timer !== null) o.timers.clear(timer);
      timer = null;
    },
  };
}

/** Is `now` inside the quiet hours, read on the agent's wall clock (the span may cross midnight)? */
export function inQuietHours(
  dnd: { enabled: boolean; from: string; to: string },
  now: number,
  timeZone: string,
): boolean {
  if (!dnd.enabled || dnd.from === dnd.to) return false;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const hh = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const mm = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const here = `${hh}:${mm}`;
  return dnd.from < dnd.to ? here >= dnd.from && here < dnd.to : here >= dnd.from || here < dnd.to;
}

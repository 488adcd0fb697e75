// The core's reminders with a controllable clock and hand-driven timers: a snooze wakes at its time (due,
// rescheduled, cancelled, changed by a pull), follow-ups and task due dates notify, what fell due while the
// app was closed is summarized once at the next start, a wake seen both by the local timer and the
// server's job notifies once, preferences and do-not-disturb hours (with time zones) are honoured.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, silentLogger, type Core, type Platform, type Timers } from '../../src/core';
import { inQuietHours } from '../../src/core/notifications/notifier';
import type { DesktopNotice, Prefs } from '../../src/shared';
import { FIXED_NOW, tempDir, testClock, type TestClock } from '../helpers/core';

const H = 3_600_000;

/** Timers the test fires by hand: it sees the wait the notifier asked for. */
function manualTimers(): Timers & { pending(): { ms: number; fn: () => void }[]; fire(): void } {
  let queue: { id: number; ms: number; fn: () => void }[] = [];
  let next = 1;
  return {
    set(fn, ms) {
      const id = next++;
      queue.push({ id, ms, fn });
      return id;
    },
    clear(h) {
      queue = queue.filter((t) => t.id !== h);
    },
    pending: () => queue.map(({ ms, fn }) => ({ ms, fn })),
    fire() {
      const due = queue;
      queue = [];
      due.forEach((t) => t.fn());
    },
  };
}

interface Rig {
  core: Core;
  clock: TestClock;
  timers: ReturnType<typeof manualTimers>;
  shown: DesktopNotice[];
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function rig(opts: { dir?: string; clock?: TestClock; timeZone?: string } = {}): Rig {
  const own = opts.dir ? null : tempDir();
  if (own) dirs.push(own);
  const dir = opts.dir ?? own!.dir;
  const clock = opts.clock ?? testClock();
  const timers = manualTimers();
  const shown: DesktopNotice[] = [];
  const platform: Platform = {
    dataDir: dir,
    clock,
    logger: silentLogger,
    notifier: { notify: (n) => shown.push(n) },
    openExternal: async () => false,
    timers,
    timeZone: opts.timeZone ?? 'America/Santiago',
  };
  const core = createCore({ platform, seedDemo: { conversations: 120 }, validateOutput: true });
  return {
    core,
    clock,
    timers,
    shown,
    async call<T>(method: string, input: unknown = {}) {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
      return r.value as T;
    },
    close: () => core.close(),
  };
}

const q = <T>(r: Rig, sql: string, ...p: unknown[]) => r.core.context.sqlite.prepare(sql).get(...p) as T;

/** An open conversation of mine (the demo agent), with a note written before snoozing it. */
async function mine(r: Rig, skip = 0): Promise<{ id: string; contact: string; tray: string }> {
  const row = q<{ id: string; contact: string; tray: string }>(
    r,
    `SELECT c.id, ct.name AS contact, tr.name AS tray FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
       JOIN trays tr ON tr.id = c.tray_id WHERE c.status = 'open' AND c.assignee_id = ? ORDER BY c.id LIMIT 1 OFFSET ?`,
    r.core.context.meId,
    skip,
  );
  return row;
}

const status = (r: Rig, id: string) =>
  q<{ status: string }>(r, 'SELECT status FROM conversations WHERE id = ?', id).status;

describe('snooze reminders', () => {
  it('wakes at its time: back in Abiertas, same owner, one desktop and one in-app notification with the note', async () => {
    const r = rig();
    const c = await mine(r);
    await r.call('notes.add', {
      conversationId: c.id,
      body: 'Cliente de vacaciones: retomar la renovación a su vuelta',
    });
    await r.call('conversations.snooze', { conversationId: c.id, until: FIXED_NOW + 2 * H });
    expect(status(r, c.id)).toBe('snoozed');
    // The timer sleeps until the due time (capped at a minute, so it re-checks regularly).
    expect(r.timers.pending().map((t) => t.ms)).toEqual([60_000]);
    r.clock.advance(2 * H);
    r.timers.fire();
    expect(status(r, c.id)).toBe('open');
    expect(q(r, 'SELECT assignee_id FROM conversations WHERE id = ?', c.id)).toEqual({
      assignee_id: r.core.context.meId,
    });
    expect(r.shown).toEqual([
      {
        id: `snoozeDue:${c.id}:${FIXED_NOW + 2 * H}`,
        title: `Volvió a Abiertas: ${c.contact} · ${c.tray}`,
        body: 'Cliente de vacaciones: retomar la renovación a su vuelta',
        conversationId: c.id,
      },
    ]);
    const list = await r.call<{ items: { kind: string; conversationId: string }[]; unread: number }>(
      'notifications.list',
    );
    expect(list.items.filter((i) => i.kind === 'snoozeDue')).toEqual([
      expect.objectContaining({ kind: 'snoozeDue', conversationId: c.id }),
    ]);
    const history = await r.call<{ items: { action: string; actorKind: string }[] }>('audit.timeline', {
      conversationId: c.id,
    });
    expect(history.items[0]).toMatchObject({ action: 'conversation.snoozeWoke', actorKind: 'system' });
    // Nothing more happens later: once per wake.
    r.clock.advance(H);
    r.timers.fire();
    expect(r.shown).toHaveLength(1);
    await r.close();
  });

  it('a rescheduled snooze wakes at the new time only; a cancelled one never', async () => {
    const r = rig();
    const a = await mine(r);
    const b = await mine(r, 1);
    await r.call('conversations.snooze', { conversationId: a.id, until: FIXED_NOW + H });
    await r.call('conversations.snooze', { conversationId: a.id, until: FIXED_NOW + 3 * H });
    await r.call('conversations.snooze', { conversationId: b.id, until: FIXED_NOW + H });
    await r.call('conversations.setStatus', { conversationId: b.id, status: 'open' });
    r.clock.advance(H + 1);
    r.timers.fire();
    expect(r.shown).toEqual([]);
    expect(status(r, a.id)).toBe('snoozed');
    r.clock.advance(2 * H);
    r.timers.fire();
    expect(r.shown.map((n) => n.conversationId)).toEqual([a.id]);
    expect(status(r, b.id)).toBe('open');
    await r.close();
  });

  it('a change from sync moves the wake: the timer follows the replica', async () => {
    const r = rig();
    const c = await mine(r);
    await r.call('conversations.snooze', { conversationId: c.id, until: FIXED_NOW + 5 * 60_000 });
    // As a pull would write it: another device of mine moved the snooze to later.
    r.core.context.sqlite
      .prepare('UPDATE conversations SET snoozed_until = ? WHERE id = ?')
      .run(FIXED_NOW + 30 * 60_000, c.id);
    r.core.notifications.refresh();
    r.clock.advance(5 * 60_000);
    r.timers.fire();
    expect(status(r, c.id)).toBe('snoozed');
    expect(r.shown).toEqual([]);
    r.clock.advance(25 * 60_000);
    r.timers.fire();
    expect(status(r, c.id)).toBe('open');
    expect(r.shown.map((n) => n.id)).toEqual([`snoozeDue:${c.id}:${FIXED_NOW + 30 * 60_000}`]);
    await r.close();
  });

  it('the server woke it first (its history row arrives): the local timer does not notify again', async () => {
    const r = rig();
    const c = await mine(r);
    const until = FIXED_NOW + H;
    await r.call('conversations.snooze', { conversationId: c.id, until });
    r.clock.advance(H);
    // A pull applies the server's wake before the local timer fires.
    const s = r.core.context.sqlite;
    s.prepare("UPDATE conversations SET status = 'open', snoozed_until = NULL WHERE id = ?").run(c.id);
    s.prepare(
      `INSERT INTO audit_log (id, workspace_id, actor_id, actor_kind, action, entity, entity_id, conversation_id, "before", "after", at)
       VALUES ('019d0000-0000-7000-8000-0000000000aa', ?, NULL, 'system', 'conversation.snoozeWoke', 'conversation', ?, ?, ?, ?, ?)`,
    ).run(
      r.core.context.workspaceId,
      c.id,
      c.id,
      JSON.stringify({ status: 'snoozed', until }),
      '{"status":"open"}',
      until,
    );
    r.core.notifications.refresh();
    r.timers.fire();
    expect(r.shown.map((n) => n.id)).toEqual([`snoozeDue:${c.id}:${until}`]);
    expect(
      q(r, "SELECT count(*) AS n FROM notifications WHERE kind = 'snoozeDue' AND conversation_id = ?", c.id),
    ).toEqual({ n: 1 });
    await r.close();
  });

  it('what fell due while the app was closed is summarized once at the next start', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const clock = testClock();
    const first = rig({ dir: dir.dir, clock });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await mine(first, i);
      ids.push(c.id);
      await first.call('conversations.snooze', { conversationId: c.id, until: FIXED_NOW + (i + 1) * H });
    }
    await first.close();
    clock.advance(5 * H);
    const second = rig({ dir: dir.dir, clock });
    expect(second.shown).toEqual([
      {
        id: `summary:${clock.now()}`,
        title: 'Mientras Bandeja estaba cerrada',
        body: '3 conversaciones pospuestas vencieron',
        conversationId: null,
      },
    ]);
    for (const id of ids) expect(status(second, id)).toBe('open');
    expect((await second.call<{ unread: number }>('notifications.list')).unread).toBe(3);
    await second.close();
    // And never again on the start after.
    const third = rig({ dir: dir.dir, clock });
    expect(third.shown).toEqual([]);
    await third.close();
  });
});

describe('follow-ups, tasks, preferences', () => {
  it('a follow-up on a pending conversation brings it back when the customer has not answered', async () => {
    const r = rig();
    const c = await mine(r);
    await r.call('conversations.setStatus', { conversationId: c.id, status: 'pending' });
    await r.call('conversations.setFollowUp', { conversationId: c.id, at: FIXED_NOW + 4 * H });
    r.clock.advance(4 * H);
    r.timers.fire();
    expect(status(r, c.id)).toBe('open');
    expect(r.shown.map((n) => n.title)).toEqual([`Sin respuesta del cliente: ${c.contact} · ${c.tray}`]);
    await r.close();
  });

  it('a task assigned to me notifies at its due time', async () => {
    const r = rig();
    const c = await mine(r);
    await r.call('tasks.create', {
      conversationId: c.id,
      title: 'Enviar la póliza firmada',
      dueAt: FIXED_NOW + 30 * 60_000,
      assigneeId: r.core.context.meId,
    });
    r.clock.advance(30 * 60_000);
    r.timers.fire();
    expect(r.shown).toEqual([
      expect.objectContaining({ title: 'Tarea vencida: Enviar la póliza firmada', conversationId: c.id }),
    ]);
    await r.close();
  });

  it('a kind switched off, or quiet hours, keep it in-app only; English when the agent chose English', async () => {
    const r = rig();
    const [a, b] = [await mine(r), await mine(r, 1)];
    const prefs = await r.call<Prefs>('prefs.get');
    await r.call('prefs.set', {
      locale: 'en',
      notifications: { ...prefs.notifications, types: { ...prefs.notifications.types, taskDue: false } },
    });
    await r.call('tasks.create', {
      conversationId: a.id,
      title: 'Llamar',
      dueAt: FIXED_NOW + H,
      assigneeId: r.core.context.meId,
    });
    await r.call('conversations.snooze', { conversationId: b.id, until: FIXED_NOW + H });
    r.clock.advance(H);
    r.timers.fire();
    expect(r.shown.map((n) => n.title)).toEqual([`Back in Open: ${b.contact} · ${b.tray}`]);
    expect((await r.call<{ unread: number }>('notifications.list')).unread).toBe(2);
    await r.close();
  });
});

describe('quiet hours on the agent wall clock', () => {
  const dnd = { enabled: true, from: '19:00', to: '08:00' };
  it.each([
    ['2026-11-25T21:59:00Z', 'America/Santiago', false], // 18:59 local
    ['2026-11-25T22:00:00Z', 'America/Santiago', true], // 19:00
    ['2026-11-26T10:59:00Z', 'America/Santiago', true], // 07:59
    ['2026-11-26T11:00:00Z', 'America/Santiago', false], // 08:00
    // The night clocks went forward in Madrid (01:00Z): the same UTC hour reads one hour later.
    ['2026-03-29T05:30:00Z', 'Europe/Madrid', true], // 07:30 CEST
    ['2026-03-29T06:30:00Z', 'Europe/Madrid', false], // 08:30 CEST (07:30 the day before)
    ['2026-03-28T06:30:00Z', 'Europe/Madrid', true], // 07:30 CET
  ] as const)('%s in %s → quiet %s', (iso, tz, expected) => {
    expect(inQuietHours(dnd, Date.parse(iso), tz)).toBe(expected);
  });
  it('disabled, or an empty span, is never quiet', () => {
    expect(inQuietHours({ ...dnd, enabled: false }, FIXED_NOW, 'UTC')).toBe(false);
    expect(inQuietHours({ enabled: true, from: '10:00', to: '10:00' }, FIXED_NOW, 'UTC')).toBe(false);
  });
});

// Pospuestas (seed 002) on the server-less demo replica, through the host:
//   - s opens "Posponer": the quick choices show the wall-clock time they resolve to in the agent's zone,
//     number keys and arrows choose, focus stays inside, Escape changes nothing;
//   - the header clock with a private note: the row leaves Abiertas, Pospuestas shows "mañana 9:00", the
//     details say when it comes back, "Abrir ahora" brings it back;
//   - a snooze of a few seconds: the desktop notice (web Notification API, replaced by a recorder) names the
//     contact, once; the conversation is back in Abiertas on screen without reloading; clicking the notice
//     opens it; the window title counts my open conversations;
//   - bulk snooze of 3 to a custom date and time reports 3 changed; Pospuestas is ordered by wake time and
//     stays so when one is re-snoozed live;
//   - the follow-up reminder of a pending conversation: set, removed, and dropped (and said) on leaving
//     Pendientes; Ajustes › Avisos saves the per-kind switches and the do-not-disturb span;
//   - the browser is asked for notices only when the agent presses "Activar avisos de escritorio".
import type { Locator, Page } from '@playwright/test';
import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format } from 'date-fns';
import { es } from 'date-fns/locale';
import {
  epochToWallClock,
  snoozePresets,
  wallClockToEpoch,
  type SnoozePreset,
} from '../../src/shared/rules/snooze-presets';
import { expect, re, shot, test, type CoreClient } from './fixtures';

/** The browser's zone (playwright.config.ts): the agent's wall clock. */
const TZ = 'America/Santiago';

/** What the dialog writes next to a choice: "hoy 16:42", "mañana 9:00", "lun 1 dic 9:00". */
function clock(at: number, now: number): string {
  const when = new TZDate(at, TZ);
  const time = format(when, 'H:mm');
  const days = differenceInCalendarDays(when, new TZDate(now, TZ));
  if (days === 0) return `hoy ${time}`;
  if (days === 1) return `mañana ${time}`;
  const sameYear = when.getFullYear() === new TZDate(now, TZ).getFullYear();
  return `${format(when, sameYear ? 'EEE d MMM' : 'd MMM yyyy', { locale: es })} ${time}`;
}

const PRESET_LABEL: Record<SnoozePreset['key'], string> = {
  inOneHour: 'En 1 hora',
  thisAfternoon: 'Esta tarde 15:00',
  tomorrowMorning: 'Mañana 9:00',
  nextMonday: 'El lunes 9:00',
};

const list = (page: Page) => page.getByRole('listbox', { name: 'Conversaciones' });
const rowOf = (page: Page, id: string) => list(page).locator(`#conv-${id}`);
const details = (page: Page) => page.getByRole('complementary', { name: 'Detalles' });
const thread = (page: Page, name: string) => page.getByRole('region', { name: `Conversación: ${name}` });
const toasts = (page: Page) => page.getByRole('region', { name: 'Avisos', exact: true });
const tabs = (page: Page) => page.getByRole('tablist', { name: 'Filtrar por estado' });

async function mineOpen(core: CoreClient, limit = 6) {
  const { items } = await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit });
  expect(items.length).toBeGreaterThanOrEqual(Math.min(limit, 4));
  return items;
}

async function openRow(page: Page, c: { id: string; contactName: string }): Promise<Locator> {
  await rowOf(page, c.id).click();
  const region = thread(page, c.contactName);
  await expect(region).toBeVisible();
  return region;
}

/**
 * A recorder in place of the web Notification API, before any page script runs. `permission` is what the
 * browser answers at first; asking for it (counted) grants it.
 */
async function recordNotices(page: Page, permission: 'granted' | 'default' = 'granted'): Promise<void> {
  await page.addInitScript((initial) => {
    const notices: { title: string; body?: string; tag?: string; onclick: ((e: Event) => void) | null }[] = [];
    const w = window as unknown as { __notices: typeof notices; __asked: number };
    w.__asked = 0;
    class RecordedNotification {
      static permission: string = initial;
      static requestPermission = async () => {
        w.__asked += 1;
        RecordedNotification.permission = 'granted';
        return 'granted';
      };
      title: string;
      body?: string;
      tag?: string;
      onclick: ((e: Event) => void) | null = null;
      constructor(title: string, options: { body?: string; tag?: string } = {}) {
        this.title = title;
        this.body = options.body;
        this.tag = options.tag;
        notices.push(this);
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true, writable: true });
    w.__notices = notices;
  }, permission);
}

const noticesOf = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __notices: { title: string; body?: string; tag?: string }[] }).__notices.map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
    })),
  );

test('s opens Posponer: presets with their wall-clock times, number keys, focus kept inside, Escape changes nothing', async ({
  page,
  core,
}, testInfo) => {
  const [target] = await mineOpen(core);
  await page.goto('/');
  await openRow(page, target!);
  const before = await core.call('thread.page', { conversationId: target!.id, limit: 200 });

  const t0 = Date.now();
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: `Posponer conversación con ${target!.contactName}` });
  await expect(dialog).toBeVisible();
  const t1 = Date.now();
  const radios = dialog.getByRole('radio');
  await expect(radios.first()).toBeFocused();

  // Each quick choice says the wall-clock time it resolves to (computed by the shared presets, in Santiago).
  // One choice per time (on a Sunday "El lunes 9:00" is tomorrow 9:00 and is not repeated).
  const presets = snoozePresets(t1, TZ).filter((p, i, all) => all.findIndex((q) => q.at === p.at) === i);
  const earlier = new Map(snoozePresets(t0, TZ).map((p) => [p.key, p.at]));
  await expect(radios).toHaveCount(presets.length + 1);
  for (const [i, p] of presets.entries()) {
    const names = [p.at, earlier.get(p.key) ?? p.at].map((at) => `${PRESET_LABEL[p.key]} · ${clock(at, t1)}`);
    await expect(radios.nth(i)).toHaveAccessibleName(new RegExp(`^(${names.map(re).join('|')})$`));
  }
  await expect(radios.last()).toHaveAccessibleName(/^Otra fecha y hora · /);
  await expect(dialog).toContainText('Horas de Santiago');
  await shot(page, testInfo, '01-dialog', 'reminders-01-snooze-dialog');

  // Number keys choose (and say so on the confirm button); arrows move; Tab never leaves the dialog.
  const tomorrow = presets.findIndex((p) => p.key === 'tomorrowMorning');
  await page.keyboard.press(String(tomorrow + 1));
  await expect(radios.nth(tomorrow)).toHaveAttribute('aria-checked', 'true');
  await expect(radios.nth(tomorrow)).toBeFocused();
  const confirm = dialog.getByRole('button', { name: /^Posponer hasta / });
  await expect(confirm).toHaveText(`Posponer hasta ${clock(presets[tomorrow]!.at, t1)}`);
  await page.keyboard.press('ArrowDown');
  await expect(radios.nth(tomorrow + 1)).toHaveAttribute('aria-checked', 'true');
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
  }

  // Escape: nothing changed, the list keeps the focus it had.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(list(page)).toBeFocused();
  const after = await core.call('conversations.get', { id: target!.id });
  expect(after.status).toBe('open');
  expect(after.snoozedUntil).toBeNull();
  expect((await core.call('thread.page', { conversationId: target!.id, limit: 200 })).items).toHaveLength(
    before.items.length,
  );

  // The shortcut card and the command palette know it too.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
  await expect(help.getByRole('definition').filter({ hasText: /^s$/ })).toHaveCount(1);
  await expect(help).toContainText('Posponer');
  await expect(help).toContainText('Ir a Mis tareas');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Paleta de comandos' });
  await page.keyboard.type('posponer');
  await palette.getByRole('option', { name: /^Posponer conversación…/ }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // g t goes to Mis tareas, g i back to the conversations.
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mis tareas');
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mías');
});

test('the header clock snoozes with a private note; Pospuestas and the details say when it comes back; Abrir ahora', async ({
  page,
  core,
}, testInfo) => {
  const [, target] = await mineOpen(core);
  await page.goto('/');
  const region = await openRow(page, target!);
  await region
    .getByRole('toolbar', { name: 'Acciones de la conversación' })
    .getByRole('button', { name: 'Posponer' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Posponer conversación con ${target!.contactName}` });
  await expect(dialog).toBeVisible();

  const now = Date.now();
  const tomorrow = snoozePresets(now, TZ).find((p) => p.key === 'tomorrowMorning')!;
  const when = clock(tomorrow.at, now);
  await dialog.getByRole('radio', { name: `Mañana 9:00 · ${when}` }).click();
  const note = `Cliente de vacaciones, retomar la renovación a su vuelta (${now.toString(36)})`;
  await dialog.getByRole('textbox', { name: /^Nota privada/ }).fill(note);
  await shot(page, testInfo, '02-note', 'reminders-02-snooze-note');
  await dialog.getByRole('button', { name: `Posponer hasta ${when}` }).click();
  await expect(dialog).toBeHidden();
  await expect(
    toasts(page)
      .getByRole('status')
      .filter({ hasText: `${target!.contactName} vuelve ${when}` }),
  ).toBeVisible();

  // The core: snoozed until tomorrow 9:00 in Santiago, the note saved first.
  const snoozed = await core.call('conversations.get', { id: target!.id });
  expect(snoozed.status).toBe('snoozed');
  expect(snoozed.snoozedUntil).toBe(tomorrow.at);
  const { items } = await core.call('thread.page', { conversationId: target!.id, limit: 200 });
  expect(items.filter((i) => i.type === 'note' && i.body === note)).toHaveLength(1);

  // On screen: out of Abiertas, the note in the thread, the wake time in the header and the details.
  await expect(rowOf(page, target!.id)).toHaveCount(0);
  await expect(region.getByRole('article', { name: /^Nota privada · / }).filter({ hasText: note })).toHaveCount(1);
  await expect(region.locator('.status-pill')).toHaveText(`Pospuesta · ${when}`);
  const card = details(page).getByRole('region', { name: 'Pospuesta' });
  await expect(card).toContainText(`Vuelve a Abiertas ${when}`);
  await expect(card).toContainText('La pospuso Ana Torres');

  // Pospuestas: the row says when it comes back.
  await tabs(page)
    .getByRole('tab', { name: /^Pospuestas/ })
    .click();
  const row = rowOf(page, target!.id);
  await expect(row).toHaveAccessibleName(new RegExp(` · Pospuesta hasta ${re(when)}$`));
  await expect(row.locator('.row-snooze')).toHaveText(when);
  await shot(page, testInfo, '03-pospuestas', 'reminders-03-pospuestas');

  // Abrir ahora: back to Abiertas at once.
  await card.getByRole('button', { name: 'Abrir ahora' }).click();
  await expect(row).toHaveCount(0);
  await expect(region.locator('.status-pill')).toHaveText('Abierta');
  await expect(details(page).getByRole('region', { name: 'Pospuesta' })).toHaveCount(0);
  const woken = await core.call('conversations.get', { id: target!.id });
  expect(woken.status).toBe('open');
  expect(woken.snoozedUntil).toBeNull();
});

test('a snooze of a few seconds wakes on time: one desktop notice with the contact, back in Abiertas on screen', async ({
  page,
  core,
}, testInfo) => {
  await recordNotices(page);
  const [target, other] = await mineOpen(core);
  await page.goto('/');
  const region = await openRow(page, target!);
  // Permission granted: no banner asking for it.
  await expect(page.getByRole('button', { name: 'Activar avisos de escritorio' })).toHaveCount(0);

  const until = Date.now() + 3_000;
  await core.call('conversations.snooze', { conversationId: target!.id, until });
  // Live: the row leaves Abiertas and the details say it is snoozed.
  await expect(rowOf(page, target!.id)).toHaveCount(0);
  await expect(details(page).getByRole('region', { name: 'Pospuesta' })).toBeVisible();
  expect(await noticesOf(page)).toHaveLength(0);

  // At the due time: one notice naming the contact, tagged with the wake's dedupe key.
  await expect.poll(async () => (await noticesOf(page)).length, { timeout: 15_000 }).toBe(1);
  const [notice] = await noticesOf(page);
  expect(notice!.title).toContain(target!.contactName);
  expect(notice!.title).toMatch(/^Volvió a Abiertas: /);
  expect(notice!.tag).toBe(`snoozeDue:${target!.id}:${until}`);

  // Back in Abiertas on screen, without reloading: the row, the header, the details.
  await expect(rowOf(page, target!.id)).toBeVisible();
  await expect(region.locator('.status-pill')).toHaveText('Abierta');
  await expect(details(page).getByRole('button', { name: 'Abierta', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(details(page).getByRole('region', { name: 'Pospuesta' })).toHaveCount(0);
  expect((await core.call('conversations.get', { id: target!.id })).status).toBe('open');
  // The bell has it too, and the window title counts my open conversations.
  const bell = page.getByRole('navigation', { name: 'Navegación' }).getByRole('button', { name: /^Notificaciones/ });
  await expect(bell).toHaveAccessibleName(/^Notificaciones, \d+ sin leer$/);
  const mine = (await core.call('conversations.counts', {})).views.mine.open;
  await expect(page).toHaveTitle(`(${mine}) Bandeja`);
  await shot(page, testInfo, '04-woken', 'reminders-04-woken');

  // Clicking the notice brings its conversation up (from another one) and marks it read in the bell.
  await openRow(page, other!);
  await page.evaluate(() => {
    const n = (window as unknown as { __notices: { onclick: ((e: Event) => void) | null }[] }).__notices[0];
    n?.onclick?.(new Event('click'));
  });
  await expect(thread(page, target!.contactName)).toBeVisible();
  await expect
    .poll(async () => {
      const { items } = await core.call('notifications.list', { limit: 50 });
      return items.find((n) => n.id === `snoozeDue:${target!.id}:${until}`)?.readAt ?? null;
    })
    .not.toBeNull();

  // Still exactly one, a while later.
  await page.waitForTimeout(2_000);
  expect(await noticesOf(page)).toHaveLength(1);
});

test('bulk snooze of 3 to a custom date and time: 3 changed, Pospuestas ordered by wake time, also live', async ({
  page,
  core,
}, testInfo) => {
  // Pospuestas holds only this test's five (the demo's own snoozes are brought back first), so all of them
  // are on screen at once in the virtualized list, whatever the demo's wake times.
  const demoSnoozed = await core.call('conversations.list', { view: { kind: 'mine' }, status: 'snoozed', limit: 200 });
  for (const x of demoSnoozed.items)
    await core.call('conversations.setStatus', { conversationId: x.id, status: 'open' });
  const rows = await mineOpen(core, 6);
  expect(rows.length).toBeGreaterThanOrEqual(5);
  const [a, b, c, early, late] = rows;
  const now = Date.now();
  // Two more snoozed around the bulk time, so the order has something to prove.
  const dayAfter = new TZDate(now, TZ);
  dayAfter.setDate(dayAfter.getDate() + 2);
  const at = (h: number, m: number) => {
    const d = new TZDate(dayAfter.getTime(), TZ);
    d.setHours(h, m, 0, 0);
    return d.getTime();
  };
  await core.call('conversations.snooze', { conversationId: early!.id, until: at(8, 0) });
  await core.call('conversations.snooze', { conversationId: late!.id, until: at(17, 45) });

  await page.goto('/');
  for (const x of [a, b, c]) {
    await expect(rowOf(page, x!.id)).toBeVisible();
    await list(page)
      .getByRole('checkbox', { name: `Seleccionar conversación con ${x!.contactName}` })
      .click();
  }
  const bar = page.getByRole('toolbar', { name: 'Acciones en lote' });
  await expect(bar).toContainText('3 seleccionadas');
  await bar.getByRole('button', { name: 'Posponer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Posponer 3 conversaciones' });
  await expect(dialog).toBeVisible();

  // Any date and time: the day after tomorrow at 10:30, on the agent's wall clock.
  const local = epochToWallClock(at(10, 30), TZ);
  const until = wallClockToEpoch(local, TZ)!;
  await dialog.getByLabel('Fecha y hora en que vuelve').fill(local);
  await expect(dialog.getByRole('radio', { name: /^Otra fecha y hora/ })).toHaveAttribute('aria-checked', 'true');
  const confirm = dialog.getByRole('button', { name: `Posponer hasta ${clock(until, Date.now())}` });
  await shot(page, testInfo, '05-bulk', 'reminders-05-bulk-snooze');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(
    toasts(page).getByRole('status').filter({ hasText: '3 cambiadas, 0 sin cambios, 0 con error' }),
  ).toBeVisible();
  for (const x of [a, b, c]) {
    const got = await core.call('conversations.get', { id: x!.id });
    expect(got.status).toBe('snoozed');
    expect(got.snoozedUntil).toBe(until);
  }

  // Pospuestas: soonest first, as the core lists it.
  await tabs(page)
    .getByRole('tab', { name: /^Pospuestas/ })
    .click();
  const order = async () =>
    list(page)
      .locator('[role="option"]')
      .evaluateAll((els) => els.map((e) => e.id.slice(5)));
  // The core's order (checked to be by wake time), as far as the screen shows it (the list is virtualized).
  const sameOrder = async () => {
    const { items } = await core.call('conversations.list', { view: { kind: 'mine' }, status: 'snoozed', limit: 50 });
    const wakes = items.map((i) => i.snoozedUntil ?? 0);
    expect(wakes).toEqual([...wakes].sort((x, y) => x - y));
    const shown = await order();
    return shown.length > 0 && shown.every((id, i) => id === items[i]?.id);
  };
  await expect(rowOf(page, late!.id)).toBeVisible();
  await expect.poll(sameOrder).toBe(true);
  const ids = await order();
  expect(ids.indexOf(early!.id)).toBeLessThan(ids.indexOf(a!.id));
  expect(ids.indexOf(c!.id)).toBeLessThan(ids.indexOf(late!.id));
  await expect(rowOf(page, a!.id).locator('.row-snooze')).toHaveText(clock(until, Date.now()));
  await shot(page, testInfo, '06-order', 'reminders-06-pospuestas-order');

  // Live: "late" re-snoozed to tomorrow morning jumps to its place, without reloading.
  const sooner = snoozePresets(Date.now(), TZ).find((p) => p.key === 'tomorrowMorning')!.at;
  await core.call('conversations.snooze', { conversationId: late!.id, until: sooner });
  await expect.poll(sameOrder).toBe(true);
  expect((await order()).indexOf(late!.id)).toBeLessThan((await order()).indexOf(early!.id));
});

test('follow-up reminder on a pending conversation: set, removed, and dropped on leaving Pendientes', async ({
  page,
  core,
}, testInfo) => {
  const [target] = await mineOpen(core);
  await page.goto('/');
  await openRow(page, target!);
  const status = details(page).getByRole('group', { name: 'Estado' });
  await status.getByRole('button', { name: 'Pendiente', exact: true }).click();
  const card = details(page).getByRole('region', { name: 'Seguimiento' });
  await expect(card).toContainText('Recordarme si el cliente no responde en…');
  const choices = card.getByRole('group', { name: 'Recordarme en' });

  const t0 = Date.now();
  await choices.getByRole('button', { name: /^4 h · hoy|^4 h · mañana/ }).click();
  await expect(card).toContainText(`Si ${target!.contactName} no responde, vuelve a Abiertas`);
  let got = await core.call('conversations.get', { id: target!.id });
  expect(got.status).toBe('pending');
  expect(got.followUpAt! - t0).toBeGreaterThanOrEqual(4 * 3600_000 - 1_000);
  expect(got.followUpAt! - Date.now()).toBeLessThanOrEqual(4 * 3600_000 + 1_000);
  await shot(page, testInfo, '07-follow-up', 'reminders-07-follow-up');

  await card.getByRole('button', { name: 'Quitar recordatorio' }).click();
  await expect(card).toContainText('Recordarme si el cliente no responde en…');
  expect((await core.call('conversations.get', { id: target!.id })).followUpAt).toBeNull();

  // Tomorrow 9:00, then back to Abierta: the core drops it, and the screen says so.
  await choices.getByRole('button', { name: /^Mañana 9:00 · / }).click();
  await expect(card).toContainText('vuelve a Abiertas mañana 9:00');
  await expect(thread(page, target!.contactName).locator('.status-pill')).toHaveText(
    'Pendiente · seguimiento mañana 9:00',
  );
  got = await core.call('conversations.get', { id: target!.id });
  expect(got.followUpAt).toBe(snoozePresets(Date.now(), TZ).find((p) => p.key === 'tomorrowMorning')!.at);
  await status.getByRole('button', { name: 'Abierta', exact: true }).click();
  await expect(
    toasts(page)
      .getByRole('status')
      .filter({ hasText: `Se quitó el recordatorio de seguimiento de ${target!.contactName}` }),
  ).toBeVisible();
  await expect(details(page).getByRole('region', { name: 'Seguimiento' })).toHaveCount(0);
  got = await core.call('conversations.get', { id: target!.id });
  expect(got.status).toBe('open');
  expect(got.followUpAt).toBeNull();
});

test('Ajustes › Avisos: per-kind desktop switches and do-not-disturb are saved for the agent', async ({
  page,
  core,
}, testInfo) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Navegación' }).getByRole('button', { name: 'Ajustes' }).click();
  const settings = page.getByRole('dialog', { name: 'Ajustes' });
  const prefs = settings.getByRole('group', { name: 'Avisos' });
  await expect(prefs).toContainText('siempre quedan en la campana');
  const mention = prefs.getByRole('switch', { name: 'Menciones' });
  await expect(mention).toHaveAttribute('aria-checked', 'true');
  for (const name of ['Asignaciones', 'Pospuestas que vencen', 'Seguimientos', 'Tareas que vencen'])
    await expect(prefs.getByRole('switch', { name })).toHaveAttribute('aria-checked', 'true');
  await mention.click();
  await expect(mention).toHaveAttribute('aria-checked', 'false');
  await expect.poll(async () => (await core.call('prefs.get', {})).notifications.types.mention).toBe(false);

  const dnd = prefs.getByRole('switch', { name: 'No molestar' });
  await dnd.click();
  await prefs.getByLabel('Desde').fill('20:30');
  await prefs.getByLabel('Hasta').fill('07:15');
  await expect(prefs).toContainText('Cruza la medianoche');
  await shot(page, testInfo, '08-prefs', 'reminders-08-prefs');
  await expect
    .poll(async () => (await core.call('prefs.get', {})).notifications.doNotDisturb)
    .toEqual({ enabled: true, from: '20:30', to: '07:15' });
  const saved = await core.call('prefs.get', {});
  expect(saved.notifications.types).toEqual({
    mention: false,
    assigned: true,
    snoozeDue: true,
    followUpDue: true,
    taskDue: true,
  });
});

test('desktop notices are asked for only when the agent presses the button; "Ahora no" is remembered', async ({
  page,
}, testInfo) => {
  await recordNotices(page, 'default');
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Navegación' });
  const banner = nav.getByRole('note', { name: 'Avisos de escritorio' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Activar avisos de escritorio' })).toBeVisible();
  // Never a prompt at load.
  expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
  await shot(page, testInfo, '09-banner', 'reminders-09-banner');

  // "Ahora no": gone, and still gone after a reload (the browser was never asked).
  await banner.getByRole('button', { name: 'Ahora no' }).click();
  await expect(banner).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mías');
  await expect(nav.getByRole('note', { name: 'Avisos de escritorio' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);

  // Ajustes › Avisos still offers it; pressing it asks once and says it is on.
  await nav.getByRole('button', { name: 'Ajustes' }).click();
  const prefs = page.getByRole('dialog', { name: 'Ajustes' }).getByRole('group', { name: 'Avisos' });
  await prefs.getByRole('button', { name: 'Activar avisos de escritorio' }).click();
  await expect(prefs).toContainText('Activados en este navegador.');
  expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(1);
});

// A snooze drafted offline still wakes once (issue 5). Ana's replica reaches the real server through a TCP
// proxy; with the proxy cut (only her replica offline) a conversation of hers is snoozed for a few seconds:
//   - at the due time the core's own timer shows the desktop notice (web Notification API, replaced by a
//     recorder) naming the contact, and the conversation is back in Abiertas on screen — still offline;
//   - back online the snooze syncs (its time has passed: the server applies it and its wake-up job wakes
//     it), the replica follows, and in total exactly one desktop notice was shown and the conversation's
//     history (the server's, synced) has exactly one wake.
import type { BrowserContext, Page } from '@playwright/test';
import { connectCore, shot, type CoreClient } from './fixtures';
import {
  DEMO_CREDENTIALS,
  expect,
  startServerHost,
  startTcpProxy,
  test,
  type HostProcess,
  type TcpProxy,
} from './server-fixtures';

test.describe.configure({ timeout: 150_000 });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navegación' });
const indicator = (page: Page) => nav(page).getByRole('status');
const details = (page: Page) => page.getByRole('complementary', { name: 'Detalles' });

/** A recorder in place of the web Notification API, in every page of the context (permission granted). */
async function recordNotices(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const notices: { title: string; body?: string; tag?: string }[] = [];
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      title: string;
      body?: string;
      tag?: string;
      onclick: ((e: Event) => void) | null = null;
      constructor(title: string, options: { body?: string; tag?: string } = {}) {
        this.title = title;
        this.body = options.body;
        this.tag = options.tag;
        notices.push({ title, body: options.body, tag: options.tag });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true, writable: true });
    (window as unknown as { __notices: typeof notices }).__notices = notices;
  });
}

const noticesOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __notices: { title: string; tag?: string }[] }).__notices.slice());

/** How many times the conversation's history says it woke from its snooze. */
async function wakes(core: CoreClient, conversationId: string): Promise<number> {
  const { items } = await core.call('audit.timeline', { conversationId, limit: 200 });
  return items.filter((e) => e.action === 'conversation.snoozeWoke').length;
}

test('a snooze made offline: the local notice fires on time offline, the server wakes it once, one notice in all', async ({
  browser,
  server,
}, testInfo) => {
  await server.start();
  let proxy: TcpProxy | null = null;
  let host: HostProcess | null = null;
  let core: CoreClient | null = null;
  let context: BrowserContext | null = null;
  try {
    proxy = await startTcpProxy(server.url);
    host = await startServerHost(proxy.url);
    core = await connectCore(host.url);
    await core.call('auth.signIn', { serverUrl: proxy.url, ...DEMO_CREDENTIALS });
    context = await browser.newContext({
      baseURL: host.url,
      viewport: { width: 1280, height: 800 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await recordNotices(context);
    const page = await context.newPage();
    await page.goto('/');
    await expect(indicator(page)).toContainText('En línea', { timeout: 30_000 });

    // One of Ana's open conversations (Mías › Abiertas), opened on screen.
    const { items } = await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 5 });
    const target = items[0];
    if (!target) throw new Error('Ana has no open conversation');
    const row = page.getByRole('listbox', { name: 'Conversaciones' }).locator(`#conv-${target.id}`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.click();
    const thread = page.getByRole('region', { name: `Conversación: ${target.contactName}` });
    await expect(thread).toBeVisible();
    expect(await wakes(core, target.id)).toBe(0);

    // Offline: only this replica (the proxy is cut, the server keeps running).
    proxy.cut();
    const until = Date.now() + 8_000;
    await core.call('conversations.snooze', { conversationId: target.id, until });
    await expect(row).toHaveCount(0);
    await expect(details(page).getByRole('region', { name: 'Pospuesta' })).toBeVisible();
    // The push that follows finds no server: the change waits.
    await expect(indicator(page)).toContainText('Sin conexión', { timeout: 20_000 });
    await expect(indicator(page)).toContainText('1 cambio pendiente');
    await shot(page, testInfo, '01-offline-snoozed', 'reminders-offline-01-snoozed');

    // At the due time, still offline: the notice (once, naming the contact) and the conversation back in Abiertas.
    await expect.poll(async () => (await noticesOf(page)).length, { timeout: 20_000 }).toBe(1);
    const [notice] = await noticesOf(page);
    expect(notice!.title).toContain(target.contactName);
    expect(notice!.tag).toBe(`snoozeDue:${target.id}:${until}`);
    await expect(row).toBeVisible();
    await expect(thread.locator('.status-pill')).toHaveText('Abierta');
    await expect(details(page).getByRole('region', { name: 'Pospuesta' })).toHaveCount(0);
    await expect(indicator(page)).toContainText('Sin conexión');
    await shot(page, testInfo, '02-offline-woken', 'reminders-offline-02-woken');

    // Back online: the snooze syncs; its time has passed, so the server applies it and its job wakes it.
    proxy.restore();
    await page
      .getByRole('button', { name: 'Reintentar' })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect(indicator(page)).toContainText('En línea', { timeout: 40_000 });
    await expect(indicator(page)).not.toContainText('pendiente');
    await expect
      .poll(
        async () => {
          await core!.call('sync.now', {});
          return wakes(core!, target.id);
        },
        { timeout: 30_000, intervals: [1_000] },
      )
      .toBe(1);
    const synced = await core.call('conversations.get', { id: target.id });
    expect(synced.status).toBe('open');
    expect(synced.snoozedUntil).toBeNull();
    expect(synced.assigneeId).toBe(target.assigneeId);
    await expect(row).toBeVisible();
    await expect(thread.locator('.status-pill')).toHaveText('Abierta');

    // A few more rounds later: still one wake in the history, one notice on the desktop, one in the bell.
    await page.waitForTimeout(3_000);
    await core.call('sync.now', {});
    expect(await wakes(core, target.id)).toBe(1);
    expect(await noticesOf(page)).toHaveLength(1);
    const { items: inApp } = await core.call('notifications.list', { limit: 200 });
    expect(inApp.filter((n) => n.kind === 'snoozeDue' && n.conversationId === target.id)).toHaveLength(1);
    await shot(page, testInfo, '03-online', 'reminders-offline-03-online');
  } finally {
    await context?.close();
    core?.close();
    await host?.stop();
    await proxy?.close();
  }
});

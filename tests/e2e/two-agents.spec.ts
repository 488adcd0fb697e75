// Two agents of the demo workspace who share the Ventas tray (Ana Torres and Diego Fernández), each in
// her own browser context through her own host and replica, against one real server:
//   (a) Ana assigns a conversation to herself and writes a private note: Diego's open conversation shows
//       the new assignee and the note without reloading, and Ana as "En línea" (assignee dot, Equipo);
//   (b) only Diego goes offline (a TCP proxy between his host and the server is cut; the server stays up),
//       writes a private note that waits as "1 cambio pendiente", comes back, and Ana sees it exactly once.
import type { Locator, Page } from '@playwright/test';
import { type AgentWindow, openAgent, salesAgent } from './agent-window';
import { lookup, re, shot, type CoreClient } from './fixtures';
import { expect, startTcpProxy, test, type TcpProxy } from './server-fixtures';

// Two hosts per test, each signing in and downloading its replica: slower than the one-host specs.
test.describe.configure({ timeout: 150_000 });

const ANA = salesAgent('Ana Torres');
const DIEGO = salesAgent('Diego Fernández');

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navegación' });
const indicator = (page: Page) => nav(page).getByRole('status');
const details = (page: Page) => page.getByRole('complementary', { name: 'Detalles' });
const team = (page: Page) => nav(page).getByRole('list', { name: /^Equipo\b/ });
/** Rows of "Equipo": "<name> <status>" (the dot is an image named by the status word). */
const teamRow = (page: Page, name: string): Locator => team(page).getByRole('listitem').filter({ hasText: name });

/** Ventas in column 1, then the conversation's row (near the top: the test picks it there). */
async function openInVentas(page: Page, id: string, contactName: string): Promise<Locator> {
  await nav(page)
    .getByRole('region', { name: 'Bandejas' })
    .getByRole('button', { name: /^Ventas( \d+)?$/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ventas');
  // The second replica may still be downloading: its row appears once that page has arrived.
  const row = page.getByRole('listbox', { name: 'Conversaciones' }).locator(`#conv-${id}`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const thread = page.getByRole('region', { name: `Conversación: ${contactName}` });
  await expect(thread).toBeVisible();
  return thread;
}

/** An open conversation of Ventas at the top of the list, not Ana's yet (so "assign to me" changes it). */
async function pickConversation(core: CoreClient) {
  const l = await lookup(core);
  const ventas = l.tray('Ventas');
  const { items } = await core.call('conversations.list', {
    view: { kind: 'tray', trayId: ventas.id },
    status: 'open',
    limit: 8,
  });
  const target = items.find((c) => c.assigneeId !== l.me.id);
  if (!target) throw new Error('no open conversation at the top of Ventas that is not Ana’s');
  return target;
}

async function writeNote(thread: Locator, text: string): Promise<void> {
  const composer = thread.getByRole('form', { name: 'Redactar' });
  await composer.getByRole('button', { name: 'Nota privada', exact: true }).click();
  const field = composer.getByRole('textbox', { name: 'Nota privada para el equipo' });
  await field.fill(text);
  await field.press('Control+Enter');
  await expect(field).toHaveValue('');
}

const notesWith = (thread: Locator, author: string, text: string) =>
  thread.getByRole('article', { name: `Nota privada · ${author}` }).filter({ hasText: text });

test('A assigns herself and writes a note: B sees both live, with A online', async ({ browser, server }, testInfo) => {
  // A spec before this one may have left the shared server stopped.
  await server.start();
  const windows: AgentWindow[] = [];
  try {
    const a = await openAgent(browser, server.url, ANA);
    windows.push(a);
    const b = await openAgent(browser, server.url, DIEGO);
    windows.push(b);
    const target = await pickConversation(a.core);
    const anaId = (await lookup(a.core)).me.id;
    const threadA = await openInVentas(a.page, target.id, target.contactName);
    const threadB = await openInVentas(b.page, target.id, target.contactName);
    // Not Ana's yet on B's screen: what follows can only come live.
    await expect(details(b.page).getByRole('combobox', { name: 'Responsable', exact: true })).not.toHaveValue(anaId);

    // Each sees the other online in Equipo (B's window has just connected; A's too).
    await expect(teamRow(a.page, DIEGO.name).getByRole('img', { name: 'En línea' })).toBeVisible({ timeout: 20_000 });
    await expect(teamRow(b.page, ANA.name).getByRole('img', { name: 'En línea' })).toBeVisible({ timeout: 20_000 });

    // A: "a" opens the assign picker (with presence dots), she picks herself.
    await a.page.keyboard.press('a');
    const picker = a.page.getByRole('dialog', { name: 'Asignar conversación' });
    // Options say each agent's presence after the name (the dot on the avatar is its picture).
    const me = picker.getByRole('option', { name: new RegExp(`^${re(ANA.name)} \\(yo\\) · En línea`) });
    await expect(me).toBeVisible();
    const diego = picker.getByRole('option', { name: new RegExp(`^${re(DIEGO.name)} · En línea`) });
    await expect(diego).toContainText(DIEGO.email);
    // Online colleagues come first, right after "me" and "Sin asignar"; offline ones at the end.
    await expect(picker.getByRole('option').nth(2)).toHaveAccessibleName(/ · En línea/);
    await expect(picker.getByRole('option').last()).toHaveAccessibleName(/ · Desconectado/);
    await shot(a.page, testInfo, 'a-assign-picker', 'presence-assign-picker');
    await me.click();
    await expect(picker).toBeHidden();
    await expect(details(a.page).getByRole('combobox', { name: 'Responsable', exact: true })).toHaveValue(anaId);

    const noteText = `Cliente pide cuotas, lo veo yo (${Date.now().toString(36)})`;
    await writeNote(threadA, noteText);
    await expect(notesWith(threadA, ANA.name, noteText)).toHaveCount(1);

    // B, without reloading: the assignee, A's presence next to it, and the note.
    await expect(details(b.page).getByRole('combobox', { name: 'Responsable', exact: true })).toHaveValue(anaId, {
      timeout: 20_000,
    });
    await expect(details(b.page).getByRole('img', { name: `${ANA.name}: En línea` })).toBeVisible();
    await expect(notesWith(threadB, ANA.name, noteText)).toHaveCount(1, { timeout: 20_000 });
    // The row's avatar in B's list is Ana's now (its dot says so in the tooltip).
    const rowB = b.page.getByRole('listbox', { name: 'Conversaciones' }).locator(`#conv-${target.id}`);
    await expect(rowB.locator('.presence-dot')).toHaveAttribute('title', /^En línea · desde /);
    await shot(b.page, testInfo, 'b-sees-a', 'presence-two-agents');
  } finally {
    for (const w of windows.reverse()) await w.close();
  }
});

test('only B goes offline: his note waits as a pending change, then A sees it exactly once', async ({
  browser,
  server,
}, testInfo) => {
  await server.start();
  const windows: AgentWindow[] = [];
  let proxy: TcpProxy | null = null;
  try {
    proxy = await startTcpProxy(server.url);
    const a = await openAgent(browser, server.url, ANA);
    windows.push(a);
    // B reaches the server only through the proxy: cutting it takes B, and only B, offline.
    const b = await openAgent(browser, proxy.url, DIEGO);
    windows.push(b);
    const target = await pickConversation(a.core);
    const threadA = await openInVentas(a.page, target.id, target.contactName);
    const threadB = await openInVentas(b.page, target.id, target.contactName);

    proxy.cut();
    const noteText = `Llamé al cliente sin conexión (${Date.now().toString(36)})`;
    await writeNote(threadB, noteText);
    // Local first: the note is on B's screen at once, and waits in the outbox.
    await expect(notesWith(threadB, DIEGO.name, noteText)).toHaveCount(1);
    await expect(indicator(b.page)).toContainText('Sin conexión', { timeout: 20_000 });
    await expect(indicator(b.page)).toContainText('1 cambio pendiente', { timeout: 20_000 });
    // A stays online all along and has not seen it.
    await expect(indicator(a.page)).toContainText('En línea');
    await expect(indicator(a.page)).not.toContainText('Sin conexión');
    await expect(notesWith(threadA, DIEGO.name, noteText)).toHaveCount(0);
    await shot(b.page, testInfo, 'b-offline', 'two-agents-b-offline');

    proxy.restore();
    // "Reintentar" now, unless the automatic retry got there first and the button is already gone.
    await b.page
      .getByRole('button', { name: 'Reintentar' })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect(indicator(b.page)).toContainText('En línea', { timeout: 40_000 });
    await expect(indicator(b.page)).not.toContainText('pendiente');

    // A, without reloading: the note once — and still once after further rounds.
    await expect(notesWith(threadA, DIEGO.name, noteText)).toHaveCount(1, { timeout: 20_000 });
    await a.core.call('sync.now', {});
    await b.core.call('sync.now', {});
    await expect(notesWith(threadA, DIEGO.name, noteText)).toHaveCount(1);
    expect((await b.core.call('sync.status', {})).pendingChanges).toBe(0);
    const { items } = await a.core.call('thread.page', { conversationId: target.id, limit: 200 });
    expect(items.filter((i) => i.type === 'note' && i.body === noteText)).toHaveLength(1);
    await shot(a.page, testInfo, 'a-sees-note', 'two-agents-a-sees-note');
  } finally {
    for (const w of windows.reverse()) await w.close();
    await proxy?.close();
  }
});

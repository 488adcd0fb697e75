// In-app notifications between two agents of the demo workspace, each through her own host and replica
// against one real server (as in two-agents.spec.ts): A (Ana Torres) mentions B (Diego Fernández) in a
// private note of a Ventas conversation → B's bell says 1 unread, the popover names A and the contact,
// clicking it opens the conversation in column 3 and marks it read; "Marcar todo como leído" empties the
// count. A's note is written through A's own core (the mention picker of the composer has its own spec).
import type { Page } from '@playwright/test';
import { type AgentWindow, openAgent, salesAgent } from './agent-window';
import { lookup, shot } from './fixtures';
import { expect, test } from './server-fixtures';

test.describe.configure({ timeout: 150_000 });

const ANA = salesAgent('Ana Torres');
const DIEGO = salesAgent('Diego Fernández');

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navegación' });
const bell = (page: Page) => nav(page).getByRole('button', { name: /^Notificaciones/ });

test('A mentions B in a private note: B’s bell shows it, names A, and opens the conversation', async ({
  browser,
  server,
}, testInfo) => {
  await server.start();
  const windows: AgentWindow[] = [];
  try {
    const a = await openAgent(browser, server.url, ANA);
    windows.push(a);
    const b = await openAgent(browser, server.url, DIEGO);
    windows.push(b);
    const la = await lookup(a.core);
    const diegoId = la.session.agents.find((x) => x.email === DIEGO.email)!.id;
    const { items } = await a.core.call('conversations.list', {
      view: { kind: 'tray', trayId: la.tray('Ventas').id },
      status: 'open',
      limit: 5,
    });
    const target = items[0];
    if (!target) throw new Error('no open conversation in Ventas');

    // B starts with nothing unread (the demo has no notifications for him).
    const before = await b.core.call('notifications.list', { limit: 50 });
    await expect(bell(b.page)).toHaveAccessibleName(
      before.unread > 0 ? `Notificaciones, ${before.unread} sin leer` : 'Notificaciones',
    );

    const text = `Diego, ¿puedes revisar la cotización de este cliente? (${Date.now().toString(36)})`;
    await a.core.call('notes.add', { conversationId: target.id, body: `@${DIEGO.name} ${text}`, mentions: [diegoId] });

    // B's bell, live: one more unread.
    await expect(bell(b.page)).toHaveAccessibleName(`Notificaciones, ${before.unread + 1} sin leer`, {
      timeout: 30_000,
    });
    await shot(b.page, testInfo, '01-bell', 'admin-notifications-01-bell');
    await bell(b.page).click();
    const popover = b.page.getByRole('dialog', { name: 'Notificaciones' });
    await expect(popover).toBeVisible();
    const item = popover.getByRole('button', {
      name: new RegExp(`^${ANA.name} te mencionó en ${target.contactName}\\b`),
    });
    await expect(item).toBeVisible();
    await expect(item).toContainText(text);
    await expect(item).toContainText('Sin leer');
    await shot(b.page, testInfo, '02-popover', 'admin-notifications-02-popover');

    // Clicking it opens the conversation in column 3 and marks it read.
    await item.click();
    await expect(popover).toBeHidden();
    await expect(b.page.getByRole('region', { name: `Conversación: ${target.contactName}` })).toBeVisible();
    await expect(bell(b.page)).toHaveAccessibleName(
      before.unread > 0 ? `Notificaciones, ${before.unread} sin leer` : 'Notificaciones',
    );
    const after = await b.core.call('notifications.list', { limit: 50 });
    const mine = after.items.find((n) => n.kind === 'mention' && n.conversationId === target.id);
    expect(mine?.readAt).not.toBeNull();
    expect(mine?.actorId).toBe(la.me.id);

    // A second mention, then "Marcar todo como leído" from the popover (Escape closes it, focus back on the bell).
    await a.core.call('notes.add', {
      conversationId: target.id,
      body: `@${DIEGO.name} otra cosa`,
      mentions: [diegoId],
    });
    await expect(bell(b.page)).toHaveAccessibleName(/^Notificaciones, \d+ sin leer$/, { timeout: 30_000 });
    await bell(b.page).click();
    await popover.getByRole('button', { name: 'Marcar todo como leído' }).click();
    await expect(bell(b.page)).toHaveAccessibleName('Notificaciones');
    await expect(popover.getByRole('button', { name: 'Marcar todo como leído' })).toBeDisabled();
    await b.page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await expect(bell(b.page)).toBeFocused();
    expect((await b.core.call('notifications.list', { limit: 50 })).unread).toBe(0);
  } finally {
    for (const w of windows.reverse()) await w.close();
  }
});

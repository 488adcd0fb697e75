// The app against a real server: the login screen (wrong then right password), the sync indicator
// (offline with pending changes, "Reintentar", back to 0), a refused change explained next to its
// conversation (Ana takes one offline that a supervisor gave to Diego meanwhile), sign-out asking before
// it throws away changes that have not been sent, and a session the server ended: back to the login
// screen with a notice, and the unsent change survives signing in again. The offline change is a snooze
// from the keyboard (s, Enter).
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_AGENTS } from '../../src/shared/demo/scripts';
import { connectCore, shot, type CoreClient } from './fixtures';
import {
  DEMO_CREDENTIALS,
  expect,
  revokeHostSession,
  signInDemo,
  startServerHost,
  startTcpProxy,
  test,
  type HostProcess,
  type TcpProxy,
} from './server-fixtures';

// Each test starts a host and may restart the server: slower than the inbox specs, above all on a busy CI.
test.describe.configure({ timeout: 120_000 });

const SUPERVISOR = DEMO_AGENTS.find((a) => a.role === 'supervisor')!;
const DIEGO = DEMO_AGENTS.find((a) => a.name === 'Diego Fernández')!;

const indicator = (page: Page) => page.getByRole('navigation', { name: 'Navegación' }).getByRole('status');

/** Opens the first conversation of the list (Mías › Abiertas): its contact name and id. */
async function openFirst(page: Page): Promise<{ name: string; id: string }> {
  const first = page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').first();
  await first.click();
  const name = (await first.locator('.row-name').textContent()) ?? '';
  const id = ((await first.getAttribute('id')) ?? '').replace(/^conv-/, '');
  await expect(page.getByRole('region', { name: `Conversación: ${name}` })).toBeVisible();
  return { name, id };
}

/** A local change from the keyboard: s (Posponer), Enter on the first choice ("En 1 hora"). */
async function snoozeOneHour(page: Page): Promise<void> {
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: /^Posponer conversación con / });
  await expect(dialog.getByRole('radio').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}

test('login: a wrong password is explained in Spanish, the right one opens the inbox', async ({
  page,
  server,
}, testInfo) => {
  await page.goto('/');
  const login = page.getByRole('main', { name: 'Bandeja' });
  await expect(login.getByRole('heading', { level: 1, name: 'Bandeja' })).toBeVisible();
  // The host's replica knows its server: the field comes pre-filled.
  await expect(login.getByLabel('Servidor')).toHaveValue(server.url);
  await shot(page, testInfo, 'login', 'login');

  // Everything by keyboard: type, Tab, Enter.
  await login.getByLabel('Correo').fill(DEMO_CREDENTIALS.email);
  await login.getByLabel('Correo').press('Tab');
  await page.keyboard.type('no-es-la-clave');
  await page.keyboard.press('Enter');
  await expect(login.getByRole('alert')).toHaveText('Correo o contraseña incorrectos.');
  await expect(login.getByLabel('Contraseña')).toBeFocused();
  await expect(login.getByLabel('Contraseña')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, testInfo, 'login-error', 'login-error');

  // The workspace field opens on demand; the slug is accepted.
  await login.getByRole('button', { name: 'Espacio de trabajo' }).click();
  await expect(login.getByLabel('Espacio de trabajo')).toBeFocused();
  await page.keyboard.type(DEMO_CREDENTIALS.workspace);
  await login.getByLabel('Contraseña').fill(DEMO_CREDENTIALS.password);
  await login.getByLabel('Contraseña').press('Enter');

  const nav = page.getByRole('navigation', { name: 'Navegación' });
  await expect(nav).toBeVisible();
  await expect(login).toHaveCount(0);
  await expect(page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').first()).toBeVisible();
  await expect(indicator(page)).toContainText('En línea');
  await expect(nav.getByText(/^sincronizado /)).toBeVisible();
  await shot(page, testInfo, 'signed-in', 'sync-online');
});

test('sync indicator: offline with a pending change, then Reintentar sends it and it goes back to 0', async ({
  page,
  core,
  server,
}, testInfo) => {
  await signInDemo(core, server.url);
  await page.goto('/');
  await expect(indicator(page)).toContainText('En línea');
  const { id } = await openFirst(page);

  await server.stop();
  await snoozeOneHour(page); // applied at once, waits in the outbox
  await expect(indicator(page)).toContainText('Sin conexión', { timeout: 20_000 });
  await expect(indicator(page)).toContainText('1 cambio pendiente', { timeout: 20_000 });
  await expect(indicator(page)).toContainText('No se pudo contactar al servidor');
  const retry = page.getByRole('button', { name: 'Reintentar' });
  await expect(retry).toBeVisible();
  await shot(page, testInfo, 'offline', 'sync-offline');

  await server.start();
  await retry.click();
  await expect(indicator(page)).toContainText('En línea', { timeout: 30_000 });
  await expect(indicator(page)).not.toContainText('pendiente');
  await expect(page.getByRole('button', { name: 'Reintentar' })).toHaveCount(0);
  expect((await core.call('sync.status', {})).pendingChanges).toBe(0);
  expect((await core.call('conversations.get', { id })).status).toBe('snoozed');
});

test('a change the server refuses is explained next to its conversation until "Entendido"', async ({
  browser,
  server,
}, testInfo) => {
  // Ana (through a proxy that can take only her replica offline) and the supervisor Carlos (direct).
  await server.start();
  let proxy: TcpProxy | null = null;
  const hosts: HostProcess[] = [];
  const cores: CoreClient[] = [];
  let context: BrowserContext | null = null;
  try {
    proxy = await startTcpProxy(server.url);
    const anaHost = await startServerHost(proxy.url);
    hosts.push(anaHost);
    const ana = await connectCore(anaHost.url);
    cores.push(ana);
    await ana.call('auth.signIn', { serverUrl: proxy.url, ...DEMO_CREDENTIALS });
    const carlosHost = await startServerHost(server.url);
    hosts.push(carlosHost);
    const carlos = await connectCore(carlosHost.url);
    cores.push(carlos);
    await carlos.call('auth.signIn', { serverUrl: server.url, ...DEMO_CREDENTIALS, email: SUPERVISOR.email });

    // An open conversation of Ventas nobody has yet (Carlos makes it so if needed), and Diego's id.
    const session = await carlos.call('session.get', {});
    const ventas = session.trays.find((t) => t.name === 'Ventas')!;
    const diego = session.agents.find((a) => a.email === DIEGO.email)!;
    const { items } = await carlos.call('conversations.list', {
      view: { kind: 'tray', trayId: ventas.id },
      status: 'open',
      limit: 5,
    });
    const target = items[0]!;
    if (target.assigneeId !== null) {
      await carlos.call('conversations.assign', { conversationId: target.id, assigneeId: null });
      await expect.poll(async () => (await carlos.call('sync.now', {})).pendingChanges).toBe(0);
    }

    context = await browser.newContext({
      baseURL: anaHost.url,
      viewport: { width: 1280, height: 800 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const page = await context.newPage();
    await page.goto('/');
    await expect(indicator(page)).toContainText('En línea', { timeout: 30_000 });
    await page
      .getByRole('navigation', { name: 'Navegación' })
      .getByRole('region', { name: 'Bandejas' })
      .getByRole('button', { name: /^Ventas( \d+)?$/ })
      .click();
    const row = page.getByRole('listbox', { name: 'Conversaciones' }).locator(`#conv-${target.id}`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.click();
    const thread = page.getByRole('region', { name: `Conversación: ${target.contactName}` });
    await expect(thread).toBeVisible();

    // Offline, Ana takes it (applied at once on her screen); meanwhile Carlos gives it to Diego, online.
    proxy.cut();
    await page.keyboard.press('a');
    await page
      .getByRole('dialog', { name: 'Asignar conversación' })
      .getByRole('option', { name: /^Ana Torres \(yo\)/ })
      .click();
    await expect(indicator(page)).toContainText('1 cambio pendiente', { timeout: 20_000 });
    await carlos.call('conversations.assign', { conversationId: target.id, assigneeId: diego.id });
    await expect.poll(async () => (await carlos.call('sync.now', {})).pendingChanges).toBe(0);

    // Back online: the server refuses Ana's (it was Diego's by then), and her screen explains it.
    proxy.restore();
    await page
      .getByRole('button', { name: 'Reintentar' })
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    const banner = thread.getByRole('group', { name: 'No se aplicó: asignar la conversación' });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText(
      `No se aplicó: asignar la conversación — Mientras tanto, ${DIEGO.name} tomó esta conversación`,
    );
    await expect(indicator(page)).toContainText('1 cambio no se aplicó');
    // Undone, not silently: Diego is the owner on her screen too, and the list row carries the hint.
    await expect(
      page.getByRole('complementary', { name: 'Detalles' }).getByRole('combobox', { name: 'Responsable', exact: true }),
    ).toHaveValue(diego.id);
    await expect(row).toHaveAccessibleName(/Un cambio no se aplicó$/);
    await shot(page, testInfo, 'refused', 'sync-refused');

    await banner.getByRole('button', { name: 'Entendido' }).click();
    await expect(banner).toHaveCount(0);
    await expect(indicator(page)).not.toContainText('no se aplicó');
    expect((await ana.call('sync.rejections', {})).items).toEqual([]);
  } finally {
    await context?.close();
    for (const c of cores) c.close();
    for (const h of hosts.reverse()) await h.stop();
    await proxy?.close();
  }
});

test('sign-out asks before discarding changes that have not been sent; Escape keeps the session', async ({
  page,
  core,
  server,
}, testInfo) => {
  await signInDemo(core, server.url);
  await page.goto('/');
  await openFirst(page);
  await server.stop();
  await snoozeOneHour(page);
  await expect(indicator(page)).toContainText('1 cambio pendiente', { timeout: 20_000 });

  const signOut = async () => {
    await page.getByRole('button', { name: 'Ajustes' }).click();
    const settings = page.getByRole('dialog', { name: 'Ajustes' });
    await expect(settings.getByText(DEMO_CREDENTIALS.email)).toBeVisible();
    await settings.getByRole('button', { name: 'Cerrar sesión' }).click();
  };

  await signOut();
  const confirm = page.getByRole('alertdialog', { name: '¿Cerrar sesión con cambios sin enviar?' });
  await expect(confirm).toContainText('Hay 1 cambio sin enviar al servidor. Si cierras sesión ahora, se perderá.');
  await shot(page, testInfo, 'confirm', 'signout-confirm');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect((await core.call('auth.status', {})).mode).toBe('signedIn');
  await expect(page.getByRole('navigation', { name: 'Navegación' })).toBeVisible();

  await signOut();
  await confirm.getByRole('button', { name: 'Cerrar sesión y descartar' }).click();
  const login = page.getByRole('main', { name: 'Bandeja' });
  await expect(login.getByRole('button', { name: 'Iniciar sesión' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navegación' })).toHaveCount(0);
  expect((await core.call('auth.status', {})).mode).toBe('signedOut');
});

test('a session the server ended shows the login with a notice; signing in again sends the kept change', async ({
  page,
  core,
  host,
  server,
}, testInfo) => {
  await signInDemo(core, server.url);
  await page.goto('/');
  const { name, id } = await openFirst(page);
  // The dialog opens before the server ends the session, and Enter comes right after: once the server's
  // socket tells the replica, the inbox (and the dialog) are gone — the change must be made before that.
  await page.keyboard.press('s');
  const snooze = page.getByRole('dialog', { name: /^Posponer conversación con / });
  await expect(snooze.getByRole('radio').first()).toBeFocused();
  await revokeHostSession(host, server.url);
  await page.keyboard.press('Enter'); // the push that follows is refused: the token is no longer valid
  const login = page.getByRole('main', { name: 'Bandeja' });
  await expect(login.getByRole('status')).toHaveText(/^Tu sesión terminó\./, { timeout: 20_000 });
  // Nothing of the inbox stays on screen, and the form is pre-filled with who was signed in.
  await expect(page.getByRole('navigation', { name: 'Navegación' })).toHaveCount(0);
  await expect(page.getByText(name)).toHaveCount(0);
  await expect(login.getByLabel('Correo')).toHaveValue(DEMO_CREDENTIALS.email);
  await expect(login.getByLabel('Contraseña')).toBeFocused();
  await shot(page, testInfo, 'expired', 'login-expired');

  // fill, not key by key: a late re-render of the form while typing once doubled a character here.
  await login.getByLabel('Contraseña').fill(DEMO_CREDENTIALS.password);
  await login.getByLabel('Contraseña').press('Enter');
  await expect(indicator(page)).toContainText('En línea', { timeout: 30_000 });
  await expect(indicator(page)).not.toContainText('pendiente');
  expect((await core.call('sync.status', {})).pendingChanges).toBe(0);
  // Sent, not dropped: the server's answer (pulled back) still has it snoozed.
  expect((await core.call('conversations.get', { id })).status).toBe('snoozed');
});

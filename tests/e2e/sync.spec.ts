// The app against a real server: the login screen (wrong then right password), the sync indicator
// (offline with pending changes, "Reintentar", back to 0), a refused change explained next to its
// conversation, sign-out asking before it throws away changes that have not been sent, and a session the
// server ended: back to the login screen with a notice, and the unsent change survives signing in again.
import type { Page } from '@playwright/test';
import { shot } from './fixtures';
import { DEMO_CREDENTIALS, expect, revokeHostSession, signInDemo, test } from './server-fixtures';

// Each test starts a host and may restart the server: slower than the inbox specs, above all on a busy CI.
test.describe.configure({ timeout: 120_000 });

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
  await page.keyboard.press('e'); // resolve: applied at once, waits in the outbox
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
  expect((await core.call('conversations.get', { id })).status).toBe('resolved');
});

test('a change the server refuses is explained next to its conversation until "Entendido"', async ({
  page,
  core,
  server,
}, testInfo) => {
  await signInDemo(core, server.url);
  await page.goto('/');
  const { name } = await openFirst(page);

  // Ana is an agent outside "Servicio y Soporte": the replica moves it at once, the server refuses.
  await page.keyboard.press('m');
  const picker = page.getByRole('dialog', { name: 'Mover a bandeja o categoría' });
  await picker.getByRole('combobox').fill('Servicio y Soporte');
  await expect(picker.getByRole('option', { name: /^Servicio y Soporte/ }).first()).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await picker.getByRole('combobox').press('Enter');
  await expect(picker).toBeHidden();

  const thread = page.getByRole('region', { name: `Conversación: ${name}` });
  const banner = thread.getByRole('group', { name: 'No se aplicó: mover a otra bandeja' });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(/No se aplicó: mover a otra bandeja — No perteneces a (esa|la) bandeja/);
  await expect(indicator(page)).toContainText('1 cambio no se aplicó');
  // The list row carries the hint too.
  await expect(
    page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option', { name: /Un cambio no se aplicó$/ }),
  ).toHaveCount(1);
  await shot(page, testInfo, 'refused', 'sync-refused');

  await banner.getByRole('button', { name: 'Entendido' }).click();
  await expect(banner).toHaveCount(0);
  await expect(indicator(page)).not.toContainText('no se aplicó');
  expect((await core.call('sync.rejections', {})).items).toEqual([]);
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
  await page.keyboard.press('e');
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
  await revokeHostSession(host, server.url);

  await page.keyboard.press('e'); // the push that follows is refused: the token is no longer valid
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
  // Sent, not dropped: the server's answer (pulled back) still has it resolved.
  expect((await core.call('conversations.get', { id })).status).toBe('resolved');
});

// The quickstart's demo account on the login screen: after signing out of the embedded server's demo
// workspace, a discreet box names the demo account and "Usar cuenta demo" fills the form (workspace
// too) — signing in is still the agent's own Enter. A team server (`--server`) shows no such box.
import { connectCore, shot } from './fixtures';
import { DEMO_CREDENTIALS, expect, startQuickstartHost, test } from './server-fixtures';

// The quickstart host starts an embedded PGlite server and writes the demo workspace first.
test.describe.configure({ timeout: 150_000 });

test('login: the quickstart names its demo account, and "Usar cuenta demo" fills the form', async ({
  browser,
}, testInfo) => {
  const host = await startQuickstartHost();
  const core = await connectCore(host.url);
  const context = await browser.newContext({
    baseURL: host.url,
    viewport: { width: 1280, height: 800 },
    locale: 'es-CL',
    timezoneId: 'America/Santiago',
  });
  try {
    const signedOut = await core.call('auth.signOut', { discardPending: true });
    expect(signedOut).toMatchObject({ mode: 'signedOut', demo: DEMO_CREDENTIALS });
    const page = await context.newPage();
    await page.goto('/');
    const login = page.getByRole('main', { name: 'Bandeja' });
    const demo = login.getByRole('region', { name: 'Cuenta de demostración' });
    await expect(demo).toHaveText(
      new RegExp(`Cuenta de demostración: ${DEMO_CREDENTIALS.email} · contraseña ${DEMO_CREDENTIALS.password}`),
    );
    await login.getByLabel('Correo').fill('otra.persona@ejemplo.cl');
    await shot(page, testInfo, 'demo-hint', 'login-demo');

    await demo.getByRole('button', { name: 'Usar cuenta demo' }).click();
    await expect(login.getByLabel('Correo')).toHaveValue(DEMO_CREDENTIALS.email);
    await expect(login.getByLabel('Contraseña')).toHaveValue(DEMO_CREDENTIALS.password);
    await expect(login.getByLabel('Espacio de trabajo')).toHaveValue(DEMO_CREDENTIALS.workspace);
    // Focus waits on the password: Enter signs in.
    await expect(login.getByLabel('Contraseña')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Navegación' })).toBeVisible({ timeout: 30_000 });
    await expect(login).toHaveCount(0);
  } finally {
    await context.close();
    core.close();
    await host.stop();
  }
});

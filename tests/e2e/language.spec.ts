// Language: Spanish by default; English from Ajustes applies at once (no reload), is persisted in the
// core's prefs (so it survives a reload), and switching back works. Theme goes the same way.
import { expect, shot, test } from './fixtures';

test('language: Spanish by default, English from settings without reload, persisted, and back', async ({
  page,
  core,
}, testInfo) => {
  expect((await core.call('prefs.get', {})).locale).toBe('es');
  await page.goto('/');

  // Spanish by default.
  const navEs = page.getByRole('navigation', { name: 'Navegación' });
  await expect(navEs.getByRole('button', { name: /^Mías\b/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Abiertas\b/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').first().click();
  await expect(page.getByRole('textbox', { name: 'Respuesta al cliente' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Conversación: / })).toBeVisible();
  await shot(page, testInfo, '01-spanish', 'language-01-es');

  // A marker on window proves the switch happens without a reload.
  await page.evaluate(() => Object.assign(window, { __noReload: true }));

  await navEs.getByRole('button', { name: 'Ajustes' }).click();
  const settings = page.getByRole('dialog', { name: 'Ajustes' });
  await expect(settings.getByRole('button', { name: 'Español' })).toHaveAttribute('aria-pressed', 'true');
  await settings.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();

  // The open dialog itself re-renders in English.
  const settingsEn = page.getByRole('dialog', { name: 'Settings' });
  await expect(
    settingsEn.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await shot(page, testInfo, '02-settings-english', 'language-02-settings');
  await settingsEn.getByRole('button', { name: 'Close settings' }).click();
  await expect(settingsEn).toBeHidden();

  const navEn = page.getByRole('navigation', { name: 'Navigation' });
  await expect(navEn.getByRole('button', { name: /^Mine\b/ })).toBeVisible();
  await expect(navEn.getByRole('button', { name: /^Unassigned\b/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Open\b/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /^Pending\b/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Reply to the customer' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Conversation: / })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Conversations' })).toBeVisible();
  await expect(navEn.getByRole('button', { name: /^Mías\b/ })).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
  await expect.poll(async () => (await core.call('prefs.get', {})).locale).toBe('en');
  await shot(page, testInfo, '03-english', 'language-03-en');

  // Reload: English comes back from the core's prefs.
  await page.reload();
  await expect(navEn.getByRole('button', { name: /^Mine\b/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Open\b/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBeUndefined();

  // Theme from the same dialog, also persisted.
  await navEn.getByRole('button', { name: 'Settings' }).click();
  await settingsEn.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await core.call('prefs.get', {})).theme).toBe('dark');

  // Back to Spanish.
  await settingsEn.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
  await expect(
    settings.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'Español' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(navEs.getByRole('button', { name: /^Mías\b/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Abiertas\b/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect.poll(async () => (await core.call('prefs.get', {})).locale).toBe('es');
  await page.reload();
  await expect(navEs.getByRole('button', { name: /^Mías\b/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, testInfo, '04-back-to-spanish-dark');
});

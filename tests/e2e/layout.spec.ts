// Layout: columns resize by dragging (and by arrow keys), the widths are saved in the core's prefs and
// come back after a reload; the details column can be hidden and that is remembered too.
import { expect, shot, test } from './fixtures';

test('layout: resized columns and the hidden details column are remembered across a reload', async ({
  page,
  core,
}, testInfo) => {
  const [navWidth, listWidth] = (await core.call('prefs.get', {})).columnWidths;
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Navegación' });
  await expect(nav).toBeVisible();

  // Hide the details column first: at 1280 px with it open the thread's minimum width leaves the
  // other columns no room to grow (the shell takes the space back from them, by design).
  await page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').first().click();
  const details = page.getByRole('complementary', { name: 'Detalles' });
  await expect(details).toBeVisible();
  await page.getByRole('button', { name: 'Mostrar u ocultar detalles' }).click();
  await expect(details).toBeHidden();
  await expect.poll(async () => (await core.call('prefs.get', {})).detailsCollapsed).toBe(true);
  // Drag the handle after column 1 by +60 px.
  const navHandle = page.getByRole('separator').first();
  const box = (await navHandle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2, { steps: 3 });
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => (await core.call('prefs.get', {})).columnWidths[0]).toBe(navWidth + 60);
  await expect.poll(async () => Math.round((await nav.boundingBox())!.width)).toBe(navWidth + 60);

  // The list's handle answers the keyboard: two steps left.
  const listHandle = page.getByRole('separator').nth(1);
  await listHandle.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await core.call('prefs.get', {})).columnWidths[1]).toBe(listWidth - 32);

  await shot(page, testInfo, '01-resized', 'layout-01-resized');

  await page.reload();
  await expect(nav).toBeVisible();
  await expect.poll(async () => Math.round((await nav.boundingBox())!.width)).toBe(navWidth + 60);
  await expect(page.getByRole('complementary', { name: 'Detalles' })).toBeHidden();
  await shot(page, testInfo, '02-after-reload', 'layout-02-after-reload');
});

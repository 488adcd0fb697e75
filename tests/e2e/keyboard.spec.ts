// Keyboard first: Enter, j/k, r/n/Escape in the composer (j/k typed there do not move), a/m/t pickers,
// x selection, ? shortcuts, e (the resolve dialog: arrows, focus kept inside, Escape) and the Ctrl+K
// palette finding a conversation by contact name.
import { expect, lookup, re, shot, test } from './fixtures';

test('keyboard: j/k/Enter, r/n/Escape, a/m/t pickers, x, ? and Ctrl+K', async ({ page, core }, testInfo) => {
  const l = await lookup(core);
  const mine = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 5 })).items;
  expect(mine.length).toBeGreaterThanOrEqual(3);
  const names = mine.map((c) => c.contactName);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mías');
  const list = page.getByRole('listbox', { name: 'Conversaciones' });
  const row = (i: number) => list.getByRole('option', { name: new RegExp(`^${re(names[i]!)} · `) });
  const openRows = list.locator('[role="option"][aria-current="true"]');
  const thread = (i: number) => page.getByRole('region', { name: `Conversación: ${names[i]}` });
  await expect(row(0)).toBeVisible();
  await expect(openRows).toHaveCount(0);

  // Enter opens the row under the cursor (the first one after load).
  await page.keyboard.press('Enter');
  await expect(row(0)).toHaveAttribute('aria-current', 'true');
  await expect(thread(0)).toBeVisible();

  // j / k move the open conversation down / up.
  await page.keyboard.press('j');
  await expect(row(1)).toHaveAttribute('aria-current', 'true');
  await expect(thread(1)).toBeVisible();
  await page.keyboard.press('j');
  await expect(row(2)).toHaveAttribute('aria-current', 'true');
  await expect(thread(2)).toBeVisible();
  await page.keyboard.press('k');
  await expect(row(1)).toHaveAttribute('aria-current', 'true');
  await expect(openRows).toHaveCount(1);
  await expect(thread(1)).toBeVisible();

  // r: composer focused in reply mode; j/k typed there are text, not navigation.
  const composer = thread(1).getByRole('form', { name: 'Redactar' });
  await page.keyboard.press('r');
  const replyField = composer.getByRole('textbox', { name: 'Respuesta al cliente' });
  await expect(replyField).toBeFocused();
  await expect(composer.getByRole('button', { name: 'Responder' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.type('jkjk');
  await expect(replyField).toHaveValue('jkjk');
  await expect(row(1)).toHaveAttribute('aria-current', 'true');
  await expect(thread(1)).toBeVisible();
  await shot(page, testInfo, '01-reply-mode', 'keyboard-01-reply');

  // Escape leaves the composer (draft kept); n switches to note mode and focuses it.
  await page.keyboard.press('Escape');
  await expect(replyField).not.toBeFocused();
  await page.keyboard.press('n');
  const noteField = composer.getByRole('textbox', { name: 'Nota privada para el equipo' });
  await expect(noteField).toBeFocused();
  await expect(noteField).toHaveValue('jkjk');
  await expect(composer.getByRole('button', { name: 'Nota privada', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(composer.getByRole('textbox', { name: 'Respuesta al cliente' })).toHaveCount(0);
  await noteField.fill('');
  await page.keyboard.press('Escape');
  await expect(noteField).not.toBeFocused();
  await shot(page, testInfo, '02-note-mode');

  // a: assign picker; Escape closes it.
  await page.keyboard.press('a');
  const assign = page.getByRole('dialog', { name: 'Asignar conversación' });
  await expect(assign).toBeVisible();
  await expect(assign.getByRole('option', { name: 'Ana Torres (yo)' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(assign).toBeHidden();

  // t: tag picker.
  await page.keyboard.press('t');
  const tags = page.getByRole('dialog', { name: 'Etiquetas' });
  await expect(tags).toBeVisible();
  await expect(tags.getByRole('option', { name: 'VIP' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tags).toBeHidden();

  // m: move picker — type to filter (without accents), Enter to choose. Another category of the same team
  // (or out of Global: classification), so no descriptive note is due; guide-notes covers hand-offs.
  const current = await core.call('conversations.get', { id: mine[1]!.id });
  const ownTray = l.session.trays.find((t) => t.id === current.trayId)!;
  const pool = ownTray.categories.length ? ownTray.categories : l.tray('Servicio y Soporte').categories;
  const others = pool.filter((c) => c.id !== current.categoryId);
  const category = others.find((c) => /[áéíóúñ]/.test(c.name)) ?? others[0]!;
  const typed = category.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  await page.keyboard.press('m');
  const move = page.getByRole('dialog', { name: 'Mover a bandeja o categoría' });
  await expect(move.getByRole('combobox')).toBeFocused();
  await page.keyboard.type(typed);
  await expect(move.getByRole('option')).toHaveCount(1);
  await shot(page, testInfo, '03-move-picker', 'keyboard-03-move-picker');
  await page.keyboard.press('Enter');
  await expect(move).toBeHidden();
  const details = page.getByRole('complementary', { name: 'Detalles' });
  await expect(details.getByRole('combobox', { name: 'Categoría' })).toHaveValue(category.id);
  await expect
    .poll(async () => (await core.call('conversations.get', { id: mine[1]!.id })).categoryId)
    .toBe(category.id);

  // x selects the row under the cursor (aria-selected); Escape clears the selection.
  await page.keyboard.press('x');
  await expect(row(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('toolbar', { name: 'Acciones en lote' })).toContainText('1 seleccionada');
  await page.keyboard.press('Escape');
  await expect(row(1)).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByRole('toolbar', { name: 'Acciones en lote' })).toBeHidden();

  // ?: every shortcut on one card.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Siguiente conversación');
  await expect(help).toContainText('Paleta de comandos');
  await shot(page, testInfo, '04-shortcuts', 'keyboard-04-shortcuts');
  await expect(help).toContainText('Elegir calificación al resolver');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // e: the resolve dialog (never a bare status change). ↓ moves through the calificaciones, Tab stays
  // inside the dialog, Escape cancels and nothing changes.
  await page.keyboard.press('e');
  const resolve = page.getByRole('dialog', { name: `Resolver conversación con ${names[1]}` });
  await expect(resolve).toBeVisible();
  const radios = resolve.getByRole('radio');
  await expect(radios.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(radios.nth(1)).toBeFocused();
  await expect(radios.nth(1)).toHaveAttribute('aria-checked', 'true');
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
  }
  await shot(page, testInfo, '04b-resolve', 'keyboard-04b-resolve');
  await page.keyboard.press('Escape');
  await expect(resolve).toBeHidden();
  expect((await core.call('conversations.get', { id: mine[1]!.id })).status).toBe('open');

  // Ctrl+K: find a conversation that is not in this view by its contact name, Enter opens it.
  const global = l.tray('Global');
  const other = (
    await core.call('conversations.list', { view: { kind: 'tray', trayId: global.id }, status: 'open', limit: 20 })
  ).items.find((c) => c.assigneeId !== l.me.id && !names.includes(c.contactName));
  if (!other) throw new Error('no conversation outside Mías in Global');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Paleta de comandos' });
  await expect(palette.getByRole('combobox')).toBeFocused();
  await page.keyboard.type(other.contactName);
  const hit = palette.getByRole('option', { name: new RegExp(`^${re(other.contactName)}`) }).first();
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await shot(page, testInfo, '05-palette', 'keyboard-05-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('region', { name: `Conversación: ${other.contactName}` })).toBeVisible();
  await expect(details.getByRole('heading', { name: other.contactName })).toBeVisible();
});

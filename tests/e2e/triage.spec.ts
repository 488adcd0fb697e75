// The triage flow of the operating guide, end to end: Global → open → move to Ventas › Cotizaciones →
// assign to me → tag → private note → reply → Pendiente. Every step is checked on screen and in the core.
import type { Locator, Page } from '@playwright/test';
import { expect, lookup, re, shot, test } from './fixtures';

/** A column-1 item shows "<name> <count>" (no number when the count is 0). */
function navItem(scope: Locator, name: string): Locator {
  return scope.getByRole('button', { name: new RegExp(`^${re(name)}( \\d+)?$`) });
}
async function expectCount(item: Locator, name: string, count: number): Promise<void> {
  await expect(item).toHaveAccessibleName(count > 0 ? `${name} ${count}` : name);
}

function regions(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Navegación' });
  return {
    nav,
    views: nav.getByRole('region', { name: 'Vistas' }),
    trays: nav.getByRole('region', { name: 'Bandejas' }),
    list: page.getByRole('listbox', { name: 'Conversaciones' }),
    details: page.getByRole('complementary', { name: 'Detalles' }),
    history: page.getByRole('region', { name: 'Historial' }),
  };
}

test('triage: Global → Ventas › Cotizaciones, assign, tag, note, reply, Pendiente', async ({
  page,
  core,
}, testInfo) => {
  const l = await lookup(core);
  const global = l.tray('Global');
  const ventas = l.tray('Ventas');
  const cotizaciones = l.category('Ventas', 'Cotizaciones');
  const vip = l.tag('VIP');
  const me = l.me;

  // The conversation to triage: the newest open, unassigned, untagged one in Global (top of the list).
  const globalOpen = await core.call('conversations.list', {
    view: { kind: 'tray', trayId: global.id },
    status: 'open',
  });
  const target = globalOpen.items.slice(0, 6).find((c) => c.assigneeId === null && c.tagIds.length === 0);
  if (!target) throw new Error('demo workspace has no open, unassigned, untagged conversation at the top of Global');
  const name = target.contactName;
  const c0 = await core.call('conversations.counts', {});
  const open0 = {
    global: c0.trays[global.id]!.open,
    ventas: c0.trays[ventas.id]!.open,
    cotizaciones: c0.categories[cotizaciones.id]!.open,
    mine: c0.views.mine.open,
  };

  const ui = regions(page);
  await page.goto('/');

  // 1. Global in column 1.
  await navItem(ui.trays, 'Global').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Global');
  await expect(navItem(ui.trays, 'Global')).toHaveAttribute('aria-current', 'page');
  await expectCount(navItem(ui.trays, 'Global'), 'Global', open0.global);
  await ui.trays.getByRole('button', { name: 'Expandir Ventas' }).click();
  await expectCount(navItem(ui.trays, 'Cotizaciones'), 'Cotizaciones', open0.cotizaciones);

  // 2. Open the conversation.
  const row = ui.list.getByRole('option', { name: new RegExp(`^${re(name)} · `) });
  await row.click();
  await expect(row).toHaveAttribute('aria-current', 'true');
  const thread = page.getByRole('region', { name: `Conversación: ${name}` });
  await expect(thread).toBeVisible();
  await expect(ui.details.getByRole('combobox', { name: 'Bandeja' })).toHaveValue(global.id);
  await expect(ui.details.getByRole('combobox', { name: 'Responsable', exact: true })).toHaveValue('');
  await shot(page, testInfo, '01-opened', 'triage-01-opened');

  // 3. Move to Ventas › Cotizaciones (picker from the thread toolbar: type to filter, Enter).
  await thread.getByRole('button', { name: 'Mover' }).click();
  const movePicker = page.getByRole('dialog', { name: 'Mover a bandeja o categoría' });
  await movePicker.getByRole('combobox').fill('Cotizaciones');
  await expect(movePicker.getByRole('option', { name: /Cotizaciones/ })).toHaveAttribute('aria-selected', 'true');
  await movePicker.getByRole('combobox').press('Enter');
  await expect(movePicker).toBeHidden();
  await expect(ui.details.getByRole('combobox', { name: 'Bandeja' })).toHaveValue(ventas.id);
  await expect(ui.details.getByRole('combobox', { name: 'Categoría' })).toHaveValue(cotizaciones.id);
  await expect(ui.history.getByRole('listitem').first()).toContainText('Ana Torres movió a Ventas › Cotizaciones');
  await expect(thread).toContainText('Ventas › Cotizaciones');
  // Counts in column 1 follow at once: Global −1, Ventas and Cotizaciones +1; the row leaves Global.
  await expectCount(navItem(ui.trays, 'Global'), 'Global', open0.global - 1);
  await expectCount(navItem(ui.trays, 'Ventas'), 'Ventas', open0.ventas + 1);
  await expectCount(navItem(ui.trays, 'Cotizaciones'), 'Cotizaciones', open0.cotizaciones + 1);
  await expect(row).toHaveCount(0);
  let conv = await core.call('conversations.get', { id: target.id });
  expect(conv).toMatchObject({ trayId: ventas.id, categoryId: cotizaciones.id, assigneeId: null, status: 'open' });
  await shot(page, testInfo, '02-moved');

  // 4. Assign to me.
  await ui.details.getByRole('button', { name: 'Asignarme' }).click();
  await expect(ui.details.getByRole('combobox', { name: 'Responsable', exact: true })).toHaveValue(me.id);
  await expect(ui.details.getByRole('button', { name: 'Asignarme' })).toHaveCount(0);
  await expect(ui.history.getByRole('listitem').first()).toContainText('Ana Torres se asignó');
  await expectCount(navItem(ui.views, 'Mías'), 'Mías', open0.mine + 1);
  conv = await core.call('conversations.get', { id: target.id });
  expect(conv.assigneeId).toBe(me.id);

  // 5. Add a tag.
  await ui.details.getByRole('combobox', { name: 'Agregar etiqueta' }).selectOption({ label: 'VIP' });
  await expect(ui.details.getByRole('button', { name: 'Quitar etiqueta VIP' })).toBeVisible();
  await expect(ui.history.getByRole('listitem').first()).toContainText('Ana Torres agregó la etiqueta VIP');
  conv = await core.call('conversations.get', { id: target.id });
  expect(conv.tagIds).toContain(vip.id);
  await shot(page, testInfo, '03-classified', 'triage-03-classified');

  // 6. Private note: the composer mode is unmistakable, and the note looks different from messages.
  const composer = thread.getByRole('form', { name: 'Redactar' });
  await composer.getByRole('button', { name: 'Nota privada', exact: true }).click();
  await expect(composer.getByRole('button', { name: 'Nota privada', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(composer.getByRole('button', { name: 'Responder' })).toHaveAttribute('aria-pressed', 'false');
  await expect(composer).toContainText('Solo la ve tu equipo');
  const noteText = 'Cliente pide cuotas, validar con Carlos';
  const noteField = composer.getByRole('textbox', { name: 'Nota privada para el equipo' });
  await noteField.fill(noteText);
  await noteField.press('Control+Enter');
  const note = thread.getByRole('article', { name: 'Nota privada · Ana Torres' });
  await expect(note).toContainText(noteText);
  await expect(noteField).toHaveValue('');
  await expect(ui.history.getByRole('listitem').first()).toContainText('Ana Torres agregó una nota privada');
  // Distinct look: a tinted card of its own, not a message bubble.
  await expect(note).toHaveClass(/\bnote\b/);
  await expect(note).not.toHaveClass(/\bmsg\b/);
  const noteBg = await note.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(noteBg).not.toBe('rgba(0, 0, 0, 0)');
  await shot(page, testInfo, '04-note', 'triage-04-note');

  // 7. Reply to the customer.
  await composer.getByRole('button', { name: 'Responder' }).click();
  const replyField = composer.getByRole('textbox', { name: 'Respuesta al cliente' });
  await expect(replyField).toBeVisible();
  const replyText = `¡Hola ${name.split(' ')[0]}! Te preparo la cotización hoy mismo.`;
  await replyField.fill(replyText);
  await replyField.press('Control+Enter');
  const reply = thread.getByRole('article').filter({ hasText: replyText });
  await expect(reply).toHaveClass(/\bmsg-out\b/);
  await expect(reply).toContainText('Ana Torres');
  await expect(reply).toContainText('Enviando');
  await expect(replyField).toHaveValue('');
  await expect(ui.history.getByRole('listitem').first()).toContainText('Ana Torres respondió al cliente');
  await expect(note).toBeVisible();

  const items = (await core.call('thread.page', { conversationId: target.id })).items;
  const noteIdx = items.findIndex((i) => i.type === 'note' && i.body === noteText);
  const replyIdx = items.findIndex((i) => i.type === 'message' && i.text === replyText);
  expect(noteIdx).toBeGreaterThanOrEqual(0);
  expect(replyIdx).toBeGreaterThan(noteIdx);
  expect(items[noteIdx]).toMatchObject({ type: 'note', authorAgentId: me.id });
  expect(items[replyIdx]).toMatchObject({ direction: 'outbound', authorAgentId: me.id, deliveryStatus: 'pending' });

  // 8. Pendiente.
  const statusGroup = ui.details.getByRole('group', { name: 'Estado' });
  await statusGroup.getByRole('button', { name: 'Pendiente' }).click();
  await expect(statusGroup.getByRole('button', { name: 'Pendiente' })).toHaveAttribute('aria-pressed', 'true');
  await expect(statusGroup.getByRole('button', { name: 'Abierta' })).toHaveAttribute('aria-pressed', 'false');
  await expect(ui.history.getByRole('listitem').first()).toContainText('Ana Torres cambió el estado a Pendiente');
  // Column 1 shows open counts: it leaves the open piles of Ventas, Cotizaciones and Mías.
  await expectCount(navItem(ui.trays, 'Ventas'), 'Ventas', open0.ventas);
  await expectCount(navItem(ui.trays, 'Cotizaciones'), 'Cotizaciones', open0.cotizaciones);
  await expectCount(navItem(ui.views, 'Mías'), 'Mías', open0.mine);
  await shot(page, testInfo, '05-pending', 'triage-05-pending');

  conv = await core.call('conversations.get', { id: target.id });
  expect(conv).toMatchObject({
    trayId: ventas.id,
    categoryId: cotizaciones.id,
    assigneeId: me.id,
    status: 'pending',
  });
  expect(conv.tagIds).toContain(vip.id);
  const c1 = await core.call('conversations.counts', {});
  expect(c1.trays[global.id]!.open).toBe(open0.global - 1);
  expect(c1.categories[cotizaciones.id]!.pending).toBe(c0.categories[cotizaciones.id]!.pending + 1);

  // The history, oldest → newest, is exactly the flow, every step by Ana.
  const audit = (await core.call('audit.timeline', { conversationId: target.id })).items.slice().reverse();
  const mine = audit.filter((e) => e.actorId === me.id);
  expect(mine.map((e) => e.action)).toEqual([
    'conversation.moved',
    'conversation.assigned',
    'conversation.tagAdded',
    'note.added',
    'message.sent',
    'conversation.statusChanged',
  ]);
  expect(mine[0]!.after).toMatchObject({ trayId: ventas.id, categoryId: cotizaciones.id });
  expect(mine[1]!.after).toMatchObject({ assigneeId: me.id });
  expect(mine[2]!.after).toMatchObject({ tagId: vip.id });
  expect(mine[5]!.after).toMatchObject({ status: 'pending' });
  // On screen, newest first.
  await expect(ui.history.getByRole('listitem')).toHaveText([
    /cambió el estado a Pendiente/,
    /respondió al cliente/,
    /agregó una nota privada/,
    /agregó la etiqueta VIP/,
    /se asignó/,
    /movió a Ventas › Cotizaciones/,
    /creó la conversación/,
  ]);
});

// Descriptive notes, contacts outside the CRM and @mentions: moving a conversation to another team's
// tray demands the guide's descriptive note first (a one-word field is rejected, a real one passes, then
// the move happens); an outside contact logged shows in the thread as its own card; a private note's
// @mention is offered, sent and highlighted.
import type { Page } from '@playwright/test';
import type { ConversationSummary } from '../../src/shared';
import { type CoreClient, expect, lookup, shot, test } from './fixtures';

/** An open conversation of Mías (with its row index) whose contact data is complete. */
async function mineWithCompleteContact(core: CoreClient, where: (c: ConversationSummary) => boolean) {
  const mine = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 12 })).items;
  for (const [index, conv] of mine.entries()) {
    if (!where(conv)) continue;
    const detail = await core.call('conversations.get', { id: conv.id });
    if (!detail.contactGaps.some((g) => g !== 'company')) return { index, conv };
  }
  throw new Error('no suitable conversation in Mías');
}

async function openRow(page: Page, index: number, name: string) {
  await page.goto('/');
  await page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').nth(index).click();
  const thread = page.getByRole('region', { name: `Conversación: ${name}` });
  await expect(thread).toBeVisible();
  return thread;
}

test('notes: moving to another team’s tray demands the descriptive note; one word is rejected, then it moves', async ({
  page,
  core,
}, testInfo) => {
  const l = await lookup(core);
  const support = l.tray('Servicio y Soporte');
  const fromTrays = new Set([l.tray('Marketing').id, l.tray('Ventas').id]);
  const { index, conv } = await mineWithCompleteContact(core, (c) => fromTrays.has(c.trayId));
  const fromTray = l.session.trays.find((t) => t.id === conv.trayId)!;

  // The core asks for it and refuses the move without it.
  const check = await core.call('conversations.check', {
    conversationId: conv.id,
    action: { type: 'move', trayId: support.id },
  });
  expect(check.note).toMatchObject({ reasons: ['moveToOtherTeam'], fields: ['context', 'actions', 'nextSteps'] });
  await expect(
    core.call('conversations.move', { conversationId: conv.id, trayId: support.id, categoryId: null }),
  ).rejects.toThrow(/rule_violation/);

  const thread = await openRow(page, index, conv.contactName);
  // m → Servicio y Soporte: the note dialog opens instead of moving.
  await page.keyboard.press('m');
  const picker = page.getByRole('dialog', { name: 'Mover a bandeja o categoría' });
  await picker.getByRole('combobox').fill('Servicio y Soporte');
  await picker.getByRole('combobox').press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Nota descriptiva antes de mover a Servicio y Soporte' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('vas a pasarla a la bandeja de otro equipo');
  const context = dialog.getByRole('textbox', { name: /^Contexto/ });
  const actionsField = dialog.getByRole('textbox', { name: /^Acciones realizadas/ });
  const nextSteps = dialog.getByRole('textbox', { name: /^Próximos pasos/ });
  for (const f of [context, actionsField, nextSteps]) await expect(f).toHaveAttribute('aria-required', 'true');
  await expect(context).toBeFocused();
  // The optional fields are one click away, not in the way.
  await expect(dialog.getByRole('textbox', { name: /^Canal externo/ })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Agregar Datos faltantes, Canal externo' })).toBeVisible();

  // One word in Contexto: refused on the spot, nothing written, nothing moved.
  await context.fill('Cotización');
  await actionsField.fill('Se revisó la póliza y se confirmó la cobertura solicitada');
  await nextSteps.fill('Soporte debe revisar la falla del equipo GPS y responder al cliente');
  await dialog.getByRole('button', { name: 'Guardar nota y mover' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Completa Contexto: una palabra no basta.');
  await expect(context).toHaveAttribute('aria-invalid', 'true');
  await expect(context).toBeFocused();
  await shot(page, testInfo, '01-one-word', 'guide-notes-01-one-word');
  expect((await core.call('conversations.get', { id: conv.id })).trayId).toBe(fromTray.id);
  // The core says the same of a one-word note.
  await expect(
    core.call('notes.addDescriptive', {
      conversationId: conv.id,
      fields: { context: 'Cotización', actions: 'Se revisó la póliza del cliente' },
    }),
  ).rejects.toThrow(/rule_violation/);

  // A real one passes: the note is written, then the move happens.
  await context.fill('Cliente reporta que el GPS del auto asegurado no marca ubicación');
  await expect(context).toHaveAttribute('aria-invalid', 'false');
  await context.press('Control+Enter');
  await expect(dialog).toBeHidden();
  const details = page.getByRole('complementary', { name: 'Detalles' });
  await expect(details.getByRole('combobox', { name: 'Bandeja' })).toHaveValue(support.id);
  const note = thread.getByRole('article', { name: 'Nota descriptiva · Ana Torres' });
  await expect(note).toContainText('Contexto');
  await expect(note).toContainText('Cliente reporta que el GPS del auto asegurado no marca ubicación');
  await expect(note).toContainText('Próximos pasos');
  await expect(note).toHaveClass(/\bnote\b/);
  await expect(details.getByRole('region', { name: 'Historial' }).getByRole('listitem').first()).toContainText(
    `Ana Torres movió a Servicio y Soporte · antes: ${fromTray.name}`,
  );
  await shot(page, testInfo, '02-moved', 'guide-notes-02-moved');

  const after = await core.call('conversations.get', { id: conv.id });
  expect(after.trayId).toBe(support.id);
  const items = (await core.call('thread.page', { conversationId: conv.id })).items;
  const written = items.filter((i) => i.type === 'note' && i.kind === 'descriptive');
  expect(written).toHaveLength(1);
  expect(written[0]).toMatchObject({
    fields: {
      context: 'Cliente reporta que el GPS del auto asegurado no marca ubicación',
      actions: 'Se revisó la póliza y se confirmó la cobertura solicitada',
      nextSteps: 'Soporte debe revisar la falla del equipo GPS y responder al cliente',
    },
  });
  const audit = (await core.call('audit.timeline', { conversationId: conv.id })).items.map((e) => e.action);
  expect(audit.indexOf('conversation.moved')).toBeLessThan(audit.indexOf('note.added'));
});

test('notes: a contact outside the CRM is logged and shows in the thread as its own card', async ({
  page,
  core,
}, testInfo) => {
  const mine = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 5 })).items;
  const conv = mine[0]!;
  const thread = await openRow(page, 0, conv.contactName);

  await thread.getByRole('button', { name: 'Contacto externo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar contacto externo' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'Llamada' }).check();
  const summary = dialog.getByRole('textbox', { name: 'Resumen' });
  // One word does not document anything.
  await summary.fill('Llamó');
  await dialog.getByRole('button', { name: 'Registrar contacto' }).click();
  await expect(dialog).toContainText('Escribe al menos dos palabras');
  await expect(summary).toHaveAttribute('aria-invalid', 'true');
  const text = 'El cliente llamó para confirmar la fecha de la inspección del vehículo';
  await summary.fill(text);
  await shot(page, testInfo, '01-external-form', 'guide-notes-03-external-form');
  await dialog.getByRole('button', { name: 'Registrar contacto' }).click();
  await expect(dialog).toBeHidden();

  const card = thread.getByRole('article', { name: 'Contacto externo · Llamada · registrado por Ana Torres' });
  await expect(card).toContainText(text);
  await expect(card).toContainText('Ocurrió el');
  await expect(card).toHaveClass(/\bnote-external\b/);
  await expect(page.getByRole('region', { name: 'Historial' }).getByRole('listitem').first()).toContainText(
    'Ana Torres registró un contacto externo (Llamada)',
  );
  await shot(page, testInfo, '02-external-card', 'guide-notes-04-external-card');

  const items = (await core.call('thread.page', { conversationId: conv.id })).items;
  const logged = items.find((i) => i.type === 'note' && i.kind === 'external');
  expect(logged).toMatchObject({ body: text, external: { channel: 'phone' } });
});

test('notes: @ in a private note suggests teammates; the mention is sent and highlighted', async ({
  page,
  core,
}, testInfo) => {
  const l = await lookup(core);
  const carlos = l.session.agents.find((a) => a.name === 'Carlos Muñoz')!;
  const mine = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 5 })).items;
  const conv = mine[0]!;
  const thread = await openRow(page, 0, conv.contactName);

  await page.keyboard.press('n');
  const composer = thread.getByRole('form', { name: 'Redactar' });
  const field = composer.getByRole('textbox', { name: 'Nota privada para el equipo' });
  await expect(field).toBeFocused();
  await page.keyboard.type('Revisar con @Car');
  const suggestions = composer.getByRole('listbox', { name: 'Mencionar a' });
  await expect(suggestions.getByRole('option', { name: /Carlos Muñoz/ })).toHaveAttribute('aria-selected', 'true');
  await shot(page, testInfo, '01-mention', 'guide-notes-05-mention');
  await page.keyboard.press('Enter');
  await expect(suggestions).toBeHidden();
  await expect(field).toHaveValue('Revisar con @Carlos Muñoz ');
  await page.keyboard.type('la cobertura del siniestro');
  await page.keyboard.press('Control+Enter');
  await expect(field).toHaveValue('');

  const note = thread.getByRole('article', { name: 'Nota privada · Ana Torres' }).last();
  await expect(note.locator('mark.mention')).toHaveText('@Carlos Muñoz');
  await shot(page, testInfo, '02-mention-note', 'guide-notes-06-mention-note');
  const items = (await core.call('thread.page', { conversationId: conv.id })).items;
  const sent = items.findLast((i) => i.type === 'note');
  expect(sent).toMatchObject({ body: expect.stringContaining('@Carlos Muñoz la cobertura'), mentions: [carlos.id] });
});

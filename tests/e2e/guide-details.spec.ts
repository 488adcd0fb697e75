// The details column of the guide: a task and a ticket created from it (done, status, linking an
// existing ticket), the company of an orphan conversation's contact, and merging a duplicate.
import type { Page } from '@playwright/test';
import type { ConversationDetail } from '../../src/shared';
import { type CoreClient, expect, shot, test } from './fixtures';

/** The first open conversation of Mías (and its row) that matches. */
async function mineWhere(core: CoreClient, where: (d: ConversationDetail) => boolean) {
  const mine = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 12 })).items;
  for (const [index, c] of mine.entries()) {
    const detail = await core.call('conversations.get', { id: c.id });
    if (where(detail)) return { index, detail };
  }
  throw new Error('no suitable conversation in Mías');
}

async function openRow(page: Page, index: number, name: string) {
  await page.goto('/');
  await page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').nth(index).click();
  await expect(page.getByRole('region', { name: `Conversación: ${name}` })).toBeVisible();
  return page.getByRole('complementary', { name: 'Detalles' });
}

test('details: a task and a ticket created from the details column', async ({ page, core }, testInfo) => {
  const { index, detail } = await mineWhere(core, () => true);
  const otherConv = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 12 }))
    .items[index + 1]!;
  // An existing ticket of another conversation, to link to this one.
  const existing = await core.call('tickets.create', {
    conversationId: otherConv.id,
    subject: 'Falla masiva del portal de pagos',
    priority: 'high',
  });
  const tasksBefore = (
    await core.call('tasks.list', { scope: 'conversation', conversationId: detail.id, includeDone: true })
  ).items;
  const ticketsBefore = (await core.call('tickets.forConversation', { conversationId: detail.id })).items;

  const details = await openRow(page, index, detail.contactName);

  // ── Task: title, due date, assignee; then done.
  const tasks = details.getByRole('region', { name: 'Tareas' });
  await tasks.getByRole('button', { name: 'Nueva tarea' }).click();
  const taskForm = tasks.getByRole('form', { name: 'Nueva tarea' });
  await taskForm.getByRole('button', { name: 'Crear tarea' }).click();
  await expect(taskForm).toContainText('Escribe qué hay que hacer.');
  await taskForm.getByRole('textbox', { name: 'Tarea' }).fill('Enviar cotización renovada');
  await taskForm.getByLabel('Fecha límite').fill('2031-03-12T09:00');
  await taskForm.getByRole('combobox', { name: 'Responsable' }).selectOption({ label: 'Carlos Muñoz' });
  await taskForm.getByRole('button', { name: 'Crear tarea' }).click();
  await expect(taskForm).toBeHidden();
  const done = tasks.getByRole('checkbox', { name: 'Marcar como hecha: Enviar cotización renovada' });
  await expect(done).toBeVisible();
  await expect(tasks.getByRole('listitem').filter({ hasText: 'Enviar cotización renovada' })).toContainText(
    'Carlos Muñoz',
  );
  let created = (await core.call('tasks.list', { scope: 'conversation', conversationId: detail.id })).items.find(
    (x) => x.title === 'Enviar cotización renovada',
  );
  expect(created).toMatchObject({ conversationId: detail.id, done: false, dueAt: expect.any(Number) });
  expect(created!.assigneeId).toBe(
    (await core.call('session.get', {})).agents.find((a) => a.name === 'Carlos Muñoz')!.id,
  );
  await done.click();
  await expect(tasks.getByRole('checkbox', { name: 'Marcar como hecha: Enviar cotización renovada' })).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (
          await core.call('tasks.list', { scope: 'conversation', conversationId: detail.id, includeDone: true })
        ).items.find((x) => x.id === created!.id)?.done,
    )
    .toBe(true);
  created = undefined;
  expect(
    (await core.call('tasks.list', { scope: 'conversation', conversationId: detail.id, includeDone: true })).items,
  ).toHaveLength(tasksBefore.length + 1);

  // ── Ticket: created from the conversation (number pending until the server hands one out).
  const tickets = details.getByRole('region', { name: 'Tickets' });
  await tickets.getByRole('button', { name: 'Crear ticket' }).click();
  const ticketForm = tickets.getByRole('form', { name: 'Nuevo ticket' });
  await ticketForm.getByRole('textbox', { name: 'Asunto' }).fill('Revisión de cobro duplicado');
  await ticketForm.getByRole('combobox', { name: 'Prioridad' }).selectOption({ label: 'Alta' });
  await ticketForm.getByRole('button', { name: 'Crear ticket' }).click();
  await expect(ticketForm).toBeHidden();
  const row = tickets.getByRole('listitem', { name: /Revisión de cobro duplicado/ });
  await expect(row).toContainText('#— pendiente de sincronizar');
  await expect(row.getByRole('combobox', { name: 'Prioridad' })).toHaveValue('high');
  await row.getByRole('combobox', { name: 'Estado del ticket' }).selectOption({ label: 'En curso' });
  await expect
    .poll(async () => (await core.call('tickets.forConversation', { conversationId: detail.id })).items[0]?.status)
    .toBe('inProgress');

  // ── Link an existing ticket found by its subject.
  await tickets.getByRole('button', { name: 'Vincular', exact: true }).click();
  const search = tickets.getByRole('combobox', { name: 'Buscar ticket por número o asunto' });
  await search.fill('portal de pagos');
  await expect(tickets.getByRole('option', { name: /Falla masiva del portal de pagos/ })).toBeVisible();
  await search.press('Enter');
  await expect(tickets.getByRole('listitem', { name: /Falla masiva del portal de pagos/ })).toBeVisible();
  await shot(page, testInfo, '01-task-ticket', 'guide-details-01-task-ticket');

  const linked = (await core.call('tickets.forConversation', { conversationId: detail.id })).items;
  expect(linked).toHaveLength(ticketsBefore.length + 2);
  expect(linked.map((x) => x.subject)).toEqual(
    expect.arrayContaining(['Falla masiva del portal de pagos', 'Revisión de cobro duplicado']),
  );
  expect(linked.find((x) => x.id === existing.ticket.id)!.conversationIds.sort()).toEqual(
    [detail.id, otherConv.id].sort(),
  );
  expect(linked.find((x) => x.subject === 'Revisión de cobro duplicado')).toMatchObject({
    priority: 'high',
    status: 'inProgress',
    number: null,
  });

  // Linked work is closing justification c): the resolve dialog says so.
  await page
    .getByRole('region', { name: `Conversación: ${detail.contactName}` })
    .getByRole('button', { name: 'Resolver' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Resolver conversación con ${detail.contactName}` });
  await dialog.getByRole('radio', { name: /^Consulta resuelta/ }).click();
  await expect(dialog.getByRole('status')).toContainText('Tarea o ticket asociado');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('details: an orphan conversation gets its company (created on the spot)', async ({ page, core }, testInfo) => {
  const { index, detail } = await mineWhere(core, (d) => d.contactGaps.includes('company'));
  const details = await openRow(page, index, detail.contactName);

  const warnings = details.getByRole('region', { name: 'Avisos de la conversación' });
  await expect(warnings).toContainText('Conversación huérfana: el contacto no tiene empresa');
  const contact = details.getByRole('region', { name: 'Contacto' });
  await expect(contact).toContainText('Sin empresa');

  await contact.getByRole('button', { name: 'Asociar empresa' }).click();
  const search = contact.getByRole('combobox', { name: 'Buscar o crear empresa' });
  await expect(search).toBeFocused();
  await search.fill('Transportes Cordillera SpA');
  const create = contact.getByRole('option', { name: 'Crear «Transportes Cordillera SpA»' });
  await expect(create).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expect(contact).toContainText('Transportes Cordillera SpA');
  await expect(warnings.getByText('Conversación huérfana')).toHaveCount(0);
  await shot(page, testInfo, '02-company', 'guide-details-02-company');

  const c = await core.call('contacts.get', { id: detail.contactId });
  expect(c.company?.name).toBe('Transportes Cordillera SpA');
  expect((await core.call('conversations.get', { id: detail.id })).contactGaps).not.toContain('company');
  // The new company is found by the next search.
  expect((await core.call('companies.search', { query: 'cordillera' })).items.map((x) => x.name)).toContain(
    'Transportes Cordillera SpA',
  );
});

test('details: a duplicate conversation of the same contact is merged after confirmation', async ({
  page,
  core,
}, testInfo) => {
  const { index, detail } = await mineWhere(core, (d) => d.duplicateIds.length === 1);
  const sourceId = detail.duplicateIds[0]!;
  const source = await core.call('conversations.get', { id: sourceId });
  const details = await openRow(page, index, detail.contactName);

  const warnings = details.getByRole('region', { name: 'Avisos de la conversación' });
  await expect(warnings).toContainText('Hay otra conversación abierta de este contacto');
  await warnings.getByRole('button', { name: 'Fusionar' }).click();
  const confirm = page.getByRole('alertdialog', { name: '¿Fusionar con esta conversación?' });
  await expect(confirm).toContainText('No se puede deshacer');
  await expect(confirm).toContainText(`${source.messageCount} mensajes`);
  await expect(confirm.getByRole('button', { name: 'Fusionar' })).toBeFocused();
  await shot(page, testInfo, '03-merge-confirm', 'guide-details-03-merge-confirm');
  // Escape cancels: nothing merged.
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  expect((await core.call('conversations.get', { id: detail.id })).duplicateIds).toEqual([sourceId]);

  await warnings.getByRole('button', { name: 'Fusionar' }).click();
  await confirm.getByRole('button', { name: 'Fusionar' }).click();
  await expect(confirm).toBeHidden();
  await expect(warnings.getByText('Hay otra conversación abierta de este contacto')).toHaveCount(0);
  await expect(details.getByRole('region', { name: 'Historial' }).getByRole('listitem').first()).toContainText(
    'Ana Torres fusionó otra conversación en esta',
  );

  const merged = await core.call('conversations.get', { id: detail.id });
  expect(merged.duplicateIds).toEqual([]);
  expect(merged.messageCount).toBe(detail.messageCount + source.messageCount);
  await expect(core.call('conversations.get', { id: sourceId })).rejects.toThrow(/not_found/);
  const audit = (await core.call('audit.timeline', { conversationId: detail.id })).items;
  expect(audit.find((e) => e.action === 'conversation.merged')?.after).toMatchObject({ sourceId });
});

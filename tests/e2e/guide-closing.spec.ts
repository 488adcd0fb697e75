// The closing policy of the operating guide, end to end: resolving an unanswered conversation is refused
// with the reason on screen (and by the core); replying then resolving with a calificación succeeds and
// says it used "El cliente recibió respuesta"; a follow-up calificación demands a dated task; a bulk
// resolve of 10 with exactly 3 unanswered resolves 7 and refuses 3, each with its reason.
import type { Page } from '@playwright/test';
import type { ConversationSummary, Disposition } from '../../src/shared';
import { type CoreClient, expect, lookup, shot, test } from './fixtures';

async function dispositions(core: CoreClient) {
  const { session } = await lookup(core);
  const byName = (name: string): Disposition => {
    const d = session.dispositions.find((x) => x.name === name);
    if (!d) throw new Error(`no disposition ${name}`);
    return d;
  };
  return { consulta: byName('Consulta resuelta'), seguimiento: byName('Seguimiento requerido') };
}

/**
 * Open conversations of Mías that nothing justifies closing yet (no reply, task, ticket, note or
 * confirmation) and whose contact is complete (so resolving after a reply needs no descriptive note).
 */
async function unjustifiedMine(core: CoreClient, dispositionId: string) {
  const mine = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 12 })).items;
  const out: { index: number; conv: ConversationSummary }[] = [];
  for (const [index, conv] of mine.entries()) {
    const check = await core.call('conversations.check', {
      conversationId: conv.id,
      action: { type: 'resolve', dispositionId },
    });
    const detail = await core.call('conversations.get', { id: conv.id });
    if (check.justification === null && !detail.contactGaps.some((g) => g !== 'company')) out.push({ index, conv });
  }
  return out;
}

const toasts = (page: Page) => page.getByRole('region', { name: 'Avisos' });

test('closing: an unanswered conversation is refused with the reason; after a reply it resolves by "respuesta"', async ({
  page,
  core,
}, testInfo) => {
  const { consulta } = await dispositions(core);
  const [pick] = await unjustifiedMine(core, consulta.id);
  if (!pick) throw new Error('demo workspace has no unanswered conversation with complete contact data in Mías');
  const { conv } = pick;
  const name = conv.contactName;

  await page.goto('/');
  const list = page.getByRole('listbox', { name: 'Conversaciones' });
  await list.getByRole('option').nth(pick.index).click();
  const thread = page.getByRole('region', { name: `Conversación: ${name}` });
  await expect(thread).toBeVisible();

  // e: the resolve dialog, focus on the calificaciones; 1 picks the first one.
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: `Resolver conversación con ${name}` });
  await expect(dialog).toBeVisible();
  const consultaRadio = dialog.getByRole('radio', { name: /^Consulta resuelta/ });
  await expect(consultaRadio).toBeFocused();
  await page.keyboard.press('1');
  await expect(consultaRadio).toHaveAttribute('aria-checked', 'true');
  // Refused, with the reason and the ways to fix it; Resolver stays disabled and Enter does nothing.
  await expect(dialog.getByRole('status')).toContainText('Todavía no se puede resolver');
  const missing = dialog.getByRole('list', { name: 'Qué falta para resolver' });
  await expect(missing).toContainText('El cliente no tiene respuesta');
  await expect(missing.getByRole('button', { name: 'Responder al cliente' })).toBeVisible();
  await expect(missing.getByRole('button', { name: 'Crear tarea' })).toBeVisible();
  await expect(missing.getByRole('button', { name: 'Registrar contacto externo' })).toBeVisible();
  const resolveBtn = dialog.getByRole('button', { name: 'Resolver', exact: true });
  await expect(resolveBtn).toBeDisabled();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await shot(page, testInfo, '01-refused', 'guide-closing-01-refused');
  // The core refuses it too, with the same reason.
  await expect(
    core.call('conversations.resolve', { conversationId: conv.id, dispositionId: consulta.id }),
  ).rejects.toThrow(/rule_violation.*no tiene respuesta/);
  expect((await core.call('conversations.get', { id: conv.id })).status).toBe('open');

  // "Responder al cliente" closes the dialog and puts the agent in the reply box.
  await missing.getByRole('button', { name: 'Responder al cliente' }).click();
  await expect(dialog).toBeHidden();
  const composer = thread.getByRole('form', { name: 'Redactar' });
  const replyField = composer.getByRole('textbox', { name: 'Respuesta al cliente' });
  await expect(replyField).toBeFocused();
  await replyField.fill('Hola, ya quedó resuelto tu requerimiento. ¡Que tengas buen día!');
  await replyField.press('Control+Enter');
  await expect(replyField).toHaveValue('');
  await replyField.press('Escape');

  // e again: now it resolves by a) and says so; Enter confirms.
  await page.keyboard.press('e');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('1');
  await expect(dialog.getByRole('status')).toContainText('Se resolverá por: El cliente recibió respuesta');
  await expect(resolveBtn).toBeEnabled();
  await shot(page, testInfo, '02-allowed', 'guide-closing-02-allowed');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(toasts(page).getByRole('status').filter({ hasText: 'Conversación resuelta' })).toContainText(
    'Consulta resuelta — El cliente recibió respuesta',
  );

  const resolved = await core.call('conversations.get', { id: conv.id });
  expect(resolved.status).toBe('resolved');
  expect(resolved.cycles[0]).toMatchObject({ dispositionId: consulta.id, justification: 'answered' });

  // The details column and the history tell the same.
  const details = page.getByRole('complementary', { name: 'Detalles' });
  const closure = details.getByRole('region', { name: 'Cierre' });
  await expect(closure).toContainText('Consulta resuelta');
  await expect(closure).toContainText('El cliente recibió respuesta');
  const history = details.getByRole('region', { name: 'Historial' });
  await expect(history.getByRole('listitem').first()).toContainText(
    'Ana Torres resolvió · Consulta resuelta (El cliente recibió respuesta)',
  );
  await shot(page, testInfo, '03-resolved', 'guide-closing-03-resolved');

  // Reabrir starts a new cycle; the first closure stays on record.
  await thread.getByRole('button', { name: 'Reabrir' }).click();
  await expect(history.getByRole('listitem').first()).toContainText('reabrió la conversación (ciclo 2)');
  const reopened = await core.call('conversations.get', { id: conv.id });
  expect(reopened.status).toBe('open');
  expect(reopened.cycle).toBe(2);
  expect(reopened.cycles[1]).toMatchObject({ number: 1, justification: 'answered', dispositionId: consulta.id });
  await expect(closure.getByRole('list', { name: 'Ciclos de la conversación' }).getByRole('listitem')).toHaveCount(2);
});

test('closing: a follow-up calificación demands an open task with a due date', async ({ page, core }, testInfo) => {
  const { consulta, seguimiento } = await dispositions(core);
  const [pick] = await unjustifiedMine(core, consulta.id);
  if (!pick) throw new Error('demo workspace has no unanswered conversation with complete contact data in Mías');
  const { conv } = pick;
  // The customer got an answer (a): only the follow-up task is missing.
  await core.call('messages.sendReply', { conversationId: conv.id, text: 'Te llamo mañana para confirmar.' });
  const index = (
    await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 12 })
  ).items.findIndex((c) => c.id === conv.id);

  await page.goto('/');
  await page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').nth(index).click();
  const thread = page.getByRole('region', { name: `Conversación: ${conv.contactName}` });
  await expect(thread).toBeVisible();
  await thread.getByRole('button', { name: 'Resolver' }).click();
  const dialog = page.getByRole('dialog', { name: `Resolver conversación con ${conv.contactName}` });
  await dialog.getByRole('radio', { name: /^Seguimiento requerido/ }).click();
  await expect(dialog.getByRole('radio', { name: /^Seguimiento requerido/ })).toContainText('requiere seguimiento');
  await expect(dialog.getByRole('status')).toContainText('Regla de cierre que se cumple: El cliente recibió respuesta');
  const missing = dialog.getByRole('list', { name: 'Qué falta para resolver' });
  await expect(missing).toContainText('«Seguimiento requerido» requiere una tarea abierta con fecha de seguimiento.');
  await expect(dialog.getByRole('button', { name: 'Resolver', exact: true })).toBeDisabled();
  await expect(
    core.call('conversations.resolve', { conversationId: conv.id, dispositionId: seguimiento.id }),
  ).rejects.toThrow(/rule_violation/);

  // The fix: a task with a due date, right there. Without the date it is not accepted.
  await missing.getByRole('button', { name: 'Crear tarea con fecha' }).click();
  const form = dialog.getByRole('form', { name: 'Nueva tarea' });
  await expect(form.getByRole('textbox', { name: 'Tarea' })).toHaveValue(`Seguimiento con ${conv.contactName}`);
  const due = form.getByLabel(/Fecha límite/);
  await due.fill('');
  await form.getByRole('button', { name: 'Crear tarea' }).click();
  await expect(form).toContainText('Esta calificación necesita una fecha de seguimiento.');
  await shot(page, testInfo, '01-followup-needs-date', 'guide-closing-04-followup');
  const dueAt = new Date();
  dueAt.setDate(dueAt.getDate() + 2);
  const pad = (n: number) => String(n).padStart(2, '0');
  await due.fill(`${dueAt.getFullYear()}-${pad(dueAt.getMonth() + 1)}-${pad(dueAt.getDate())}T10:30`);
  await form.getByRole('button', { name: 'Crear tarea' }).click();
  await expect(form).toBeHidden();
  await expect(dialog.getByRole('status')).toContainText('Se resolverá por: El cliente recibió respuesta');
  await dialog.getByRole('button', { name: 'Resolver', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(toasts(page).getByRole('status').filter({ hasText: 'Conversación resuelta' })).toContainText(
    'Seguimiento requerido',
  );

  const tasks = (await core.call('tasks.list', { scope: 'conversation', conversationId: conv.id })).items;
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ title: `Seguimiento con ${conv.contactName}`, done: false });
  // The date the agent typed, in the agent's zone (the browser's, America/Santiago).
  const inZone = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'America/Santiago',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(tasks[0]!.dueAt!);
  expect(inZone).toBe(`${dueAt.getFullYear()}-${pad(dueAt.getMonth() + 1)}-${pad(dueAt.getDate())} 10:30`);
  const resolved = await core.call('conversations.get', { id: conv.id });
  expect(resolved.status).toBe('resolved');
  expect(resolved.cycles[0]).toMatchObject({ dispositionId: seguimiento.id, justification: 'answered' });
  await expect(
    page.getByRole('complementary', { name: 'Detalles' }).getByRole('region', { name: 'Tareas' }),
  ).toContainText(`Seguimiento con ${conv.contactName}`);
});

test('closing: bulk resolve of 10 with exactly 3 unanswered → 7 resolved, 3 refused with reasons', async ({
  page,
  core,
}, testInfo) => {
  const { consulta } = await dispositions(core);
  const { tray } = await lookup(core);
  const global = tray('Global');
  const listGlobal = async (limit: number) =>
    (await core.call('conversations.list', { view: { kind: 'tray', trayId: global.id }, status: 'open', limit })).items;
  const check = (conversationId: string) =>
    core.call('conversations.check', { conversationId, action: { type: 'resolve', dispositionId: consulta.id } });

  // The top ten of Global: the first three that nothing justifies stay unanswered; the other seven get
  // what the policy asks (a reply, and the descriptive note when the contact's data is incomplete).
  const top = await listGlobal(10);
  expect(top).toHaveLength(10);
  const refused: ConversationSummary[] = [];
  for (const c of top) if (refused.length < 3 && (await check(c.id)).justification === null) refused.push(c);
  expect(refused).toHaveLength(3);
  const accepted = top.filter((c) => !refused.includes(c));
  for (const c of accepted) {
    let chk = await check(c.id);
    if (chk.justification === null) {
      await core.call('messages.sendReply', {
        conversationId: c.id,
        text: 'Listo, quedó resuelto. Gracias por escribir.',
      });
      chk = await check(c.id);
    }
    if (!chk.allowed && chk.note)
      await core.call('notes.addDescriptive', {
        conversationId: c.id,
        fields: {
          context: 'Consulta del cliente sobre su póliza vigente',
          actions: 'Se respondió por este mismo canal con la información',
          nextSteps: 'Nada pendiente, el cliente quedó conforme',
          missingData: 'Falta el correo del cliente, se le pidió por WhatsApp',
          externalChannel: 'Sin contacto fuera del CRM en este caso',
        },
      });
    expect((await check(c.id)).allowed, c.contactName).toBe(true);
  }
  for (const c of refused) expect((await check(c.id)).missing).toContain('noJustification');
  // Replies moved the seven to the top: the ten are still the first ten rows of Global.
  const again = await listGlobal(10);
  expect(new Set(again.map((c) => c.id))).toEqual(new Set(top.map((c) => c.id)));

  await page.goto('/');
  const trays = page.getByRole('navigation', { name: 'Navegación' }).getByRole('region', { name: 'Bandejas' });
  await trays.getByRole('button', { name: /^Global\b/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Global');
  const list = page.getByRole('listbox', { name: 'Conversaciones' });
  const checkbox = (c: ConversationSummary) =>
    list.getByRole('checkbox', { name: `Seleccionar conversación con ${c.contactName}` }).first();
  await checkbox(again[0]!).click();
  await checkbox(again[9]!).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('toolbar', { name: 'Acciones en lote' });
  await expect(bar).toContainText('10 seleccionadas');

  await bar.getByRole('button', { name: 'Resolver' }).click();
  const dialog = page.getByRole('dialog', { name: 'Resolver 10 conversaciones' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /^Consulta resuelta/ }).click();
  // The preview runs the policy per conversation before anything happens.
  await expect(dialog.getByRole('status')).toContainText('7 se pueden resolver');
  await expect(dialog.getByRole('status')).toContainText('3 no cumplen las reglas de cierre');
  await expect(dialog.getByRole('list', { name: 'Qué falta para resolver' }).getByRole('listitem')).toHaveCount(3);
  await shot(page, testInfo, '01-bulk-preview', 'guide-closing-05-bulk-preview');
  await dialog.getByRole('button', { name: 'Resolver 10' }).click();
  await expect(dialog).toBeHidden();

  const report = toasts(page).getByRole('status').filter({ hasText: '7 resueltas, 3 rechazadas: sin respuesta' });
  await expect(report).toBeVisible();
  // The refused ones are listed at once, each with its reason.
  const items = report.getByRole('listitem');
  await expect(items).toHaveCount(3);
  for (const c of refused)
    await expect(items.filter({ hasText: c.contactName })).toContainText(
      'Rechazada — No se puede resolver: el cliente no tiene respuesta.',
    );
  await shot(page, testInfo, '02-bulk-report', 'guide-closing-06-bulk-report');
  // Only the refused ones stay selected.
  await expect(bar).toContainText('3 seleccionadas');

  for (const c of accepted) {
    const d = await core.call('conversations.get', { id: c.id });
    expect(d.status, c.contactName).toBe('resolved');
    expect(d.cycles[0]!.dispositionId).toBe(consulta.id);
  }
  for (const c of refused) expect((await core.call('conversations.get', { id: c.id })).status).toBe('open');
});

test('closing: d) the customer confirmed — mark their message, write the note the guide asks for, resolve', async ({
  page,
  core,
}, testInfo) => {
  const { consulta } = await dispositions(core);
  const picks = await unjustifiedMine(core, consulta.id);
  // One whose last thread item is the customer's message (the one that can say "nada más").
  let pick: (typeof picks)[number] | undefined;
  for (const p of picks) {
    const items = (await core.call('thread.page', { conversationId: p.conv.id })).items;
    const last = items[items.length - 1];
    if (last?.type === 'message' && last.direction === 'inbound' && last.authorKind === 'contact') pick = p;
    if (pick) break;
  }
  if (!pick) throw new Error('no conversation in Mías ends with a customer message');
  const { conv } = pick;

  await page.goto('/');
  await page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').nth(pick.index).click();
  const thread = page.getByRole('region', { name: `Conversación: ${conv.contactName}` });
  const lastCustomer = thread.locator('article.msg-in').last();
  await lastCustomer.hover();
  await lastCustomer.getByRole('button', { name: 'El cliente confirmó que no necesita nada más' }).click();
  await expect(lastCustomer).toContainText('Confirmó que no necesita nada más');
  await expect(lastCustomer.getByRole('button', { name: 'Quitar marca' })).toBeVisible();
  const items = (await core.call('thread.page', { conversationId: conv.id })).items;
  expect(items[items.length - 1]).toMatchObject({ type: 'message', confirmsDone: true });

  // Resolving by d) needs the descriptive note (Contexto, Acciones realizadas): written right in the dialog.
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: `Resolver conversación con ${conv.contactName}` });
  await page.keyboard.press('1');
  await expect(dialog.getByRole('status')).toContainText('Regla de cierre que se cumple: El cliente confirmó');
  const missing = dialog.getByRole('list', { name: 'Qué falta para resolver' });
  await expect(missing).toContainText(
    'Falta la nota descriptiva (se resuelve porque el cliente confirmó): completa Contexto, Acciones realizadas.',
  );
  await missing.getByRole('button', { name: 'Escribir nota descriptiva' }).click();
  const form = dialog.getByRole('form', { name: 'Nota descriptiva' });
  await form.getByRole('textbox', { name: /^Contexto/ }).fill('Consulta por el pago de la cuota de este mes');
  await form
    .getByRole('textbox', { name: /^Acciones realizadas/ })
    .fill('Se confirmó el pago y el cliente dijo que no necesita nada más');
  await expect(form.getByRole('textbox', { name: /^Próximos pasos/ })).toHaveCount(0);
  await form.getByRole('button', { name: 'Guardar nota' }).click();
  await expect(form).toBeHidden();
  await expect(dialog.getByRole('status')).toContainText('Se resolverá por: El cliente confirmó');
  await shot(page, testInfo, '01-confirmed', 'guide-closing-07-confirmed');
  // Focus is back on the calificación: Enter resolves.
  await expect(dialog.getByRole('radio', { name: /^Consulta resuelta/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(toasts(page).getByRole('status').filter({ hasText: 'Conversación resuelta' })).toContainText(
    'El cliente confirmó',
  );
  const resolved = await core.call('conversations.get', { id: conv.id });
  expect(resolved.status).toBe('resolved');
  expect(resolved.cycles[0]).toMatchObject({ justification: 'customerConfirmed', dispositionId: consulta.id });
  await expect(thread.getByRole('article', { name: 'Nota descriptiva · Ana Torres' })).toContainText(
    'Se confirmó el pago',
  );
});

// "Mis tareas": column 1 counts my open tasks (the overdue ones said and highlighted); column 2 lists them
// overdue first, then by due date, with the due date in words and the linked conversation's contact;
// clicking one opens that conversation in column 3; the checkbox marks it done and it leaves the list
// (and the core's list); "Incluir hechas" brings it back, crossed out.
import type { Page } from '@playwright/test';
import { expect, lookup, re, shot, test } from './fixtures';

const HOUR = 3_600_000;

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navegación' });
const tasksItem = (page: Page) =>
  nav(page)
    .getByRole('region', { name: 'Vistas' })
    .getByRole('button', { name: /^Mis tareas\b/ });

test('Mis tareas lists my open tasks overdue first; marking one done removes it', async ({ page, core }, testInfo) => {
  const l = await lookup(core);
  const ventas = l.tray('Ventas');
  const { items: convs } = await core.call('conversations.list', {
    view: { kind: 'tray', trayId: ventas.id },
    status: 'open',
    limit: 4,
  });
  const [c1, c2] = convs;
  if (!c1 || !c2 || c1.contactName === c2.contactName) throw new Error('need two open conversations in Ventas');
  const stamp = Date.now().toString(36);
  const now = Date.now();
  const overdue = `Llamar para confirmar la póliza ${stamp}`;
  const tomorrow = `Enviar la cotización renovada ${stamp}`;
  const undated = `Revisar el reporte semanal ${stamp}`;
  const created = {
    overdue: await core.call('tasks.create', {
      conversationId: c1.id,
      title: overdue,
      dueAt: now - 2 * HOUR - 5 * 60_000,
      assigneeId: l.me.id,
    }),
    tomorrow: await core.call('tasks.create', {
      conversationId: c2.id,
      title: tomorrow,
      dueAt: now + 24 * HOUR,
      assigneeId: l.me.id,
    }),
    undated: await core.call('tasks.create', {
      conversationId: null,
      title: undated,
      dueAt: null,
      assigneeId: l.me.id,
    }),
  };
  const mine = async () => (await core.call('tasks.list', { scope: 'mine', includeDone: false })).items;
  const before = await mine();
  const overdueCount = before.filter((x) => x.dueAt !== null && x.dueAt < Date.now()).length;
  expect(overdueCount).toBeGreaterThan(0);

  await page.goto('/');
  // Column 1: the count of my open tasks, the overdue ones said (and shown in red).
  await expect(tasksItem(page)).toHaveAccessibleName(
    `Mis tareas ${before.length} (${overdueCount} ${overdueCount === 1 ? 'vencida' : 'vencidas'})`,
  );
  await tasksItem(page).click();
  await expect(tasksItem(page)).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mis tareas');

  const list = page.getByRole('listbox', { name: 'Mis tareas' });
  const options = list.getByRole('option');
  const rowOf = (title: string) => list.getByRole('option', { name: new RegExp(`^${re(title)} · `) });
  /** The list is virtualized: scroll down (wrapping to the top) until the task's row is rendered. */
  const reveal = async (title: string) => {
    await expect(async () => {
      if ((await rowOf(title).count()) === 0)
        await list.evaluate((el) => {
          const next = el.scrollTop + el.clientHeight * 0.8;
          el.scrollTop = next >= el.scrollHeight - el.clientHeight + 1 && el.scrollTop > 0 ? 0 : next;
        });
      await expect(rowOf(title)).toHaveCount(1, { timeout: 150 });
    }).toPass({ timeout: 15_000 });
    await rowOf(title).scrollIntoViewIfNeeded();
  };
  // Due dates in words, and the linked conversation's contact (or "sin conversación").
  await reveal(overdue);
  await expect(rowOf(overdue)).toHaveAccessibleName(
    `${overdue} · vencida hace 2 h · ${c1.contactName} · ${ventas.name}`,
  );
  await expect(rowOf(tomorrow)).toHaveAccessibleName(
    new RegExp(`^${re(tomorrow)} · vence mañana \\d{1,2}:\\d{2} · ${re(c2.contactName)}`),
  );

  // Overdue first, then by due date: every overdue task (of those rendered) before every task that is not.
  const names = await options.evaluateAll((els) =>
    els
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((e) => e.getAttribute('aria-label') ?? ''),
  );
  const firstNotOverdue = names.findIndex((n) => !n.includes(' · vencida '));
  const lastOverdue = names.map((n) => n.includes(' · vencida ')).lastIndexOf(true);
  expect(lastOverdue).toBeLessThan(firstNotOverdue === -1 ? Infinity : firstNotOverdue);
  const at = (title: string) => names.findIndex((n) => n.startsWith(`${title} · `));
  expect(at(overdue)).toBeGreaterThanOrEqual(0);
  expect(at(overdue)).toBeLessThan(at(tomorrow));
  await shot(page, testInfo, '01-mis-tareas', 'admin-tasks-01-list');

  // Clicking a task opens its conversation in column 3.
  await rowOf(overdue).click();
  await expect(page.getByRole('region', { name: `Conversación: ${c1.contactName}` })).toBeVisible();
  await expect(rowOf(overdue)).toHaveAttribute('aria-current', 'true');
  // j moves the cursor to the next task (and opens its conversation), as in the conversation list.
  const nextName = names[at(overdue) + 1];
  if (nextName) {
    await page.keyboard.press('j');
    await expect(list.getByRole('option', { name: nextName, exact: true })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('k');
    await expect(rowOf(overdue)).toHaveAttribute('aria-selected', 'true');
  }

  // Done inline: it leaves the list, the count and the core's list of my open tasks.
  await list.getByRole('checkbox', { name: `Marcar como hecha: ${overdue}` }).click();
  await expect(rowOf(overdue)).toHaveCount(0);
  await expect
    .poll(async () => (await mine()).some((x) => x.id === created.overdue.task.id), { timeout: 5000 })
    .toBe(false);
  await expect(tasksItem(page)).toHaveAccessibleName(new RegExp(`^Mis tareas ${before.length - 1}\\b`));
  const done = (await core.call('tasks.list', { scope: 'mine', includeDone: true })).items.find(
    (x) => x.id === created.overdue.task.id,
  );
  expect(done?.done).toBe(true);

  // "Incluir hechas": back, crossed out, and it can be reopened.
  await page.getByRole('checkbox', { name: 'Incluir hechas' }).check();
  await reveal(overdue);
  await expect(rowOf(overdue)).toBeVisible();
  await expect(list.getByRole('checkbox', { name: `Marcar como pendiente: ${overdue}` })).toBeChecked();
  await shot(page, testInfo, '02-with-done', 'admin-tasks-02-done');

  // The standalone task says it has no conversation.
  await page.getByRole('checkbox', { name: 'Incluir hechas' }).uncheck();
  await reveal(undated);
  await expect(rowOf(undated)).toHaveAccessibleName(`${undated} · sin fecha · Tarea sin conversación`);
  expect(created.undated.task.conversationId).toBeNull();

  // Back to the inbox from column 1.
  await nav(page)
    .getByRole('region', { name: 'Vistas' })
    .getByRole('button', { name: /^Mías\b/ })
    .click();
  await expect(page.getByRole('listbox', { name: 'Conversaciones' })).toBeVisible();
});

// Bulk actions: select with checkboxes, shift-click (range) and the x key; assign all to me (one already
// mine → "sin cambios"), then Estado → Pendiente; the per-item report, the counts and the core agree.
import { expect, lookup, re, shot, test } from './fixtures';

test('bulk: select by checkbox, shift-click and x; assign to me, then set Pendiente', async ({
  page,
  core,
}, testInfo) => {
  const { me, tray } = await lookup(core);
  const global = tray('Global');
  const listGlobal = async () =>
    (await core.call('conversations.list', { view: { kind: 'tray', trayId: global.id }, status: 'open', limit: 10 }))
      .items;

  // Setup through the core: exactly one of the top five is already assigned to Ana (index 3).
  let top = (await listGlobal()).slice(0, 5);
  for (const [i, c] of top.entries()) {
    const want = i === 3 ? me.id : c.assigneeId === me.id ? null : c.assigneeId;
    if (want !== c.assigneeId) await core.call('conversations.assign', { conversationId: c.id, assigneeId: want });
  }
  top = (await listGlobal()).slice(0, 5);
  const alreadyMine = top.filter((c) => c.assigneeId === me.id);
  expect(alreadyMine).toHaveLength(1);
  const unassignedBefore = top.filter((c) => c.assigneeId === null).length;
  const c0 = await core.call('conversations.counts', {});

  await page.goto('/');
  const trays = page.getByRole('navigation', { name: 'Navegación' }).getByRole('region', { name: 'Bandejas' });
  const views = page.getByRole('navigation', { name: 'Navegación' }).getByRole('region', { name: 'Vistas' });
  await trays.getByRole('button', { name: /^Global\b/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Global');
  const list = page.getByRole('listbox', { name: 'Conversaciones' });
  const rows = top.map((c) => list.getByRole('option', { name: new RegExp(`^${re(c.contactName)} · `) }));
  const check = (i: number) =>
    list.getByRole('checkbox', { name: `Seleccionar conversación con ${top[i]!.contactName}` });
  await expect(rows[0]!).toBeVisible();

  // Checkbox on row 0, checkbox on row 2, shift-click row 4 (range 2…4), then j + x selects row 1.
  await check(0).click();
  await expect(rows[0]!).toHaveAttribute('aria-selected', 'true');
  await check(2).click();
  await check(4).click({ modifiers: ['Shift'] });
  for (const i of [2, 3, 4]) await expect(rows[i]!).toHaveAttribute('aria-selected', 'true');
  await expect(rows[1]!).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('j');
  await expect(rows[1]!).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('x');
  for (const r of rows) await expect(r).toHaveAttribute('aria-selected', 'true');
  await expect(list.locator('[role="option"][aria-selected="true"]')).toHaveCount(5);

  const bar = page.getByRole('toolbar', { name: 'Acciones en lote' });
  await expect(bar).toContainText('5 seleccionadas');
  await shot(page, testInfo, '01-selected', 'bulk-01-selected');

  // Asignar → Ana Torres (yo): 4 changed, 1 unchanged (the one already hers).
  await bar.getByRole('button', { name: 'Asignar' }).click();
  const assignPicker = page.getByRole('dialog', { name: 'Asignar 5 conversaciones' });
  await assignPicker.getByRole('option', { name: 'Ana Torres (yo)' }).click();
  await expect(assignPicker).toBeHidden();
  const toasts = page.getByRole('region', { name: 'Avisos' });
  const report1 = toasts.getByRole('status').filter({ hasText: '4 cambiadas, 1 sin cambios, 0 con error' });
  await expect(report1).toBeVisible();
  await report1.getByRole('button', { name: 'Ver detalle' }).click();
  const items1 = report1.getByRole('listitem');
  await expect(items1).toHaveCount(5);
  await expect(items1.filter({ hasText: alreadyMine[0]!.contactName })).toContainText('Sin cambios');
  await expect(items1.filter({ hasText: 'Cambiada' })).toHaveCount(4);
  await shot(page, testInfo, '02-assigned-report', 'bulk-02-assign-report');

  await expect(views.getByRole('button', { name: /^Mías\b/ })).toHaveAccessibleName(`Mías ${c0.views.mine.open + 4}`);
  await expect(views.getByRole('button', { name: /^Sin asignar\b/ })).toHaveAccessibleName(
    `Sin asignar ${c0.views.unassigned.open - unassignedBefore}`,
  );
  for (const c of top) expect((await core.call('conversations.get', { id: c.id })).assigneeId).toBe(me.id);
  // Only failed items stay selected: none failed, so the selection is empty again.
  await expect(bar).toBeHidden();
  await expect(list.locator('[role="option"][aria-selected="true"]')).toHaveCount(0);

  // Select the same five again: row 0, then shift-click row 4.
  await check(0).click();
  await check(4).click({ modifiers: ['Shift'] });
  await expect(bar).toContainText('5 seleccionadas');
  for (const r of rows) await expect(r).toHaveAttribute('aria-selected', 'true');

  // Estado → Pendiente: all five change and leave the Abiertas list.
  await bar.getByRole('button', { name: 'Estado' }).click();
  const statusPicker = page.getByRole('dialog', { name: 'Cambiar estado' });
  await statusPicker.getByRole('option', { name: 'Pendiente' }).click();
  await expect(statusPicker).toBeHidden();
  await expect(toasts.getByRole('status').filter({ hasText: '5 cambiadas, 0 sin cambios, 0 con error' })).toBeVisible();
  for (const r of rows) await expect(r).toHaveCount(0);
  await expect(bar).toBeHidden();
  await expect(trays.getByRole('button', { name: /^Global\b/ })).toHaveAccessibleName(
    `Global ${c0.trays[global.id]!.open - 5}`,
  );
  await expect(page.getByRole('tab', { name: /^Pendientes\b/ })).toHaveAccessibleName(
    `Pendientes ${c0.trays[global.id]!.pending + 5}`,
  );
  await shot(page, testInfo, '03-pending', 'bulk-03-pending');

  for (const c of top) {
    const conv = await core.call('conversations.get', { id: c.id });
    expect(conv).toMatchObject({ status: 'pending', assigneeId: me.id, trayId: global.id });
  }
  const c1 = await core.call('conversations.counts', {});
  expect(c1.trays[global.id]!.open).toBe(c0.trays[global.id]!.open - 5);
  expect(c1.trays[global.id]!.pending).toBe(c0.trays[global.id]!.pending + 5);
  expect(c1.views.mine.open).toBe(c0.views.mine.open - 1);

  // And the Pendientes tab lists them.
  await page.getByRole('tab', { name: /^Pendientes\b/ }).click();
  for (const r of rows) await expect(r).toBeVisible();
});

// Ajustes for admins (issue 4, point 9), against a real server with the demo workspace:
//   (a) the admin creates a tray with a category, picks and removes its members (and is warned before a
//       tray with conversations is left without agents), reorders it (button and Alt+↑), renames and recolors a
//       tag, adds a disposition that needs follow-up, switches a descriptive-note rule off and changes the
//       reopen window — every change persisted in the core and shown at once in column 1 and the pickers;
//   (b) an agent sees no admin sections (and the core refuses her a settings change), and a change made by
//       the admin on another replica reaches her screen live, through sync (data.changed 'sync.reference').
import type { Page } from '@playwright/test';
import { DEMO_AGENTS } from '../../src/shared/demo/scripts';
import { connectCore, shot, type CoreClient } from './fixtures';
import { DEMO_CREDENTIALS, expect, startServerHost, test } from './server-fixtures';

test.describe.configure({ timeout: 150_000 });

const agent = (role: 'admin' | 'supervisor' | 'agent') => {
  const a = DEMO_AGENTS.find((x) => x.role === role);
  if (!a) throw new Error(`no demo ${role}`);
  return a;
};
const ADMIN = agent('admin');
const ANA = DEMO_AGENTS.find((a) => a.email === DEMO_CREDENTIALS.email)!;
const DIEGO = DEMO_AGENTS.find((a) => a.name === 'Diego Fernández' && a.role === 'agent')!;
const SUPERVISOR = agent('supervisor');

async function signIn(core: CoreClient, serverUrl: string, email: string): Promise<void> {
  await core.call('auth.signIn', {
    serverUrl,
    workspace: DEMO_CREDENTIALS.workspace,
    email,
    password: DEMO_CREDENTIALS.password,
  });
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navegación' });

async function openSettings(page: Page) {
  await nav(page).getByRole('button', { name: 'Ajustes', exact: true }).click();
  return page.getByRole('dialog', { name: 'Ajustes' });
}

test('an admin edits trays, categories, tags, dispositions and rules; all persisted and in the pickers', async ({
  page,
  core,
  server,
}, testInfo) => {
  await signIn(core, server.url, ADMIN.email);
  await page.goto('/');
  await expect(nav(page).getByRole('status')).toContainText('En línea', { timeout: 30_000 });
  const s0 = await core.call('session.get', {});
  expect(s0.me.role).toBe('admin');

  const dialog = await openSettings(page);
  const tabs = dialog.getByRole('tablist', { name: 'Secciones de ajustes' });
  await expect(tabs.getByRole('tab', { name: 'General' })).toHaveAttribute('aria-selected', 'true');
  // The general section stays where it was (theme, language).
  await expect(dialog.getByRole('group', { name: 'Idioma' })).toBeVisible();

  // ── Bandejas y categorías: a new tray of a new team, with its first category ──────────────────
  await tabs.getByRole('tab', { name: 'Bandejas y categorías' }).click();
  const panel = dialog.getByRole('tabpanel', { name: 'Bandejas y categorías' });
  await panel.getByRole('button', { name: 'Nueva bandeja' }).click();
  const newTray = panel.getByRole('form', { name: 'Nueva bandeja' });
  await newTray.getByRole('textbox', { name: 'Nombre de la bandeja' }).fill('Cobranza');
  await newTray.getByRole('combobox', { name: 'Equipo' }).selectOption({ label: 'Nuevo equipo…' });
  await newTray.getByRole('textbox', { name: 'Nombre del nuevo equipo' }).fill('cobranza');
  await newTray.getByRole('button', { name: 'Crear bandeja' }).click();
  // A new tray asks for its first category right away.
  const newCat = panel.getByRole('form', { name: 'Nueva categoría en Cobranza' });
  await newCat.getByRole('textbox', { name: 'Nombre de la categoría' }).fill('Morosos');
  await newCat.getByRole('textbox', { name: 'Nombre de la categoría' }).press('Enter');
  await expect(panel.getByRole('list', { name: 'Categorías de Cobranza' }).getByText('Morosos')).toBeVisible();

  const session = () => core.call('session.get', {});
  const membersOf = async (name: string) => (await session()).trays.find((t) => t.name === name)?.memberIds;
  const diegoId = s0.agents.find((a) => a.email === DIEGO.email)!.id;

  // ── Miembros: the new tray offers its members at once; only agents are listed ─────────────────
  const members = panel.getByRole('form', { name: 'Miembros de Cobranza' });
  await expect(members.getByText('Cobranza aún no tiene agentes: elige ahora quién la trabajará.')).toBeVisible();
  await expect(
    members.getByText('Los supervisores y administradores ven todas las bandejas', { exact: false }),
  ).toBeVisible();
  await expect(members.getByRole('checkbox', { name: SUPERVISOR.name })).toHaveCount(0);
  await expect(members.getByRole('checkbox', { name: ADMIN.name })).toHaveCount(0);
  await members.getByRole('checkbox', { name: DIEGO.name }).check();
  await members.getByRole('button', { name: 'Guardar miembros' }).click();
  await expect(members).toBeHidden();
  await expect.poll(() => membersOf('Cobranza')).toEqual([diegoId]);
  // The keyboard is back on the Miembros button, which counts her.
  const cobranzaMembers = panel.getByRole('button', { name: 'Miembros de Cobranza (1)' });
  await expect(cobranzaMembers).toBeFocused();
  await expect(cobranzaMembers).toHaveAttribute('aria-expanded', 'false');
  // Removing her works too; Cobranza has no conversations, so nothing to warn about.
  await cobranzaMembers.click();
  await expect(members.getByRole('checkbox', { name: DIEGO.name })).toBeChecked();
  await members.getByRole('checkbox', { name: DIEGO.name }).uncheck();
  await expect(members.locator('.adm-warn')).toHaveCount(0);
  await members.getByRole('button', { name: 'Guardar miembros' }).click();
  await expect(members).toBeHidden();
  await expect.poll(() => membersOf('Cobranza')).toEqual([]);
  await expect(panel.getByRole('button', { name: 'Miembros de Cobranza (0)' })).toBeVisible();

  // A tray with conversations left without agents: a warning before saving; Escape leaves it as it was.
  const ventasBefore = await membersOf('Ventas');
  await panel.getByRole('button', { name: /^Miembros de Ventas \(\d+\)$/ }).click();
  const ventas = panel.getByRole('form', { name: 'Miembros de Ventas' });
  await expect(ventas.getByRole('checkbox', { checked: true }).first()).toBeVisible();
  for (const box of await ventas.getByRole('checkbox').all()) await box.uncheck();
  await expect(
    ventas.getByText(
      'Ventas tiene conversaciones y se queda sin agentes: solo los supervisores y administradores podrán verlas.',
    ),
  ).toBeVisible();
  await shot(page, testInfo, '00-members', 'admin-settings-00-members');
  await ventas.getByRole('checkbox').first().focus();
  await page.keyboard.press('Escape');
  await expect(ventas).toBeHidden();
  await expect(dialog).toBeVisible();
  expect(await membersOf('Ventas')).toEqual(ventasBefore);
  const trayNames = async () => (await session()).trays.sort((a, b) => a.position - b.position).map((t) => t.name);
  await expect
    .poll(async () => {
      const tray = (await session()).trays.find((t) => t.name === 'Cobranza');
      return tray && { team: tray.team, active: tray.active, categories: tray.categories.map((c) => c.name) };
    })
    .toEqual({ team: 'cobranza', active: true, categories: ['Morosos'] });
  const order0 = await trayNames();
  expect(order0[order0.length - 1]).toBe('Cobranza');

  // Reorder: "Subir Cobranza", then Alt+↑ on its row: two places up.
  await panel.getByRole('button', { name: 'Subir Cobranza' }).click();
  await expect.poll(trayNames).toEqual([...order0.slice(0, -2), 'Cobranza', order0[order0.length - 2]!]);
  const oneUp = await trayNames();
  const editCobranza = panel.getByRole('button', { name: 'Editar Cobranza' });
  await editCobranza.focus();
  await page.keyboard.press('Alt+ArrowUp');
  const expected = [...order0.slice(0, -3), 'Cobranza', ...order0.slice(-3, -1)];
  await expect.poll(trayNames).toEqual(expected);
  // Down and up again by keyboard: the focus stays on the row being moved.
  await expect(editCobranza).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(trayNames).toEqual(oneUp);
  await expect(editCobranza).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(trayNames).toEqual(expected);
  // Column 1 follows at once, in the new order.
  const navTrays = nav(page).getByRole('region', { name: 'Bandejas' });
  await expect
    .poll(async () =>
      (await navTrays.locator('.nav-item .nav-label').allTextContents()).filter((n) => expected.includes(n)),
    )
    .toEqual(expected);
  // Global can never be deactivated.
  await expect(panel.getByRole('button', { name: 'Desactivar Global' })).toHaveCount(0);
  await expect(panel.getByText('Siempre activa')).toBeVisible();
  await shot(page, testInfo, '01-trays', 'admin-settings-01-trays');

  // ── Etiquetas: rename and recolor VIP ─────────────────────────────────────────────────────────
  await tabs.getByRole('tab', { name: 'Etiquetas' }).click();
  const tagsPanel = dialog.getByRole('tabpanel', { name: 'Etiquetas' });
  await tagsPanel.getByRole('button', { name: 'Editar etiqueta VIP' }).click();
  const tagForm = tagsPanel.getByRole('form', { name: 'Editar VIP' });
  await tagForm.getByRole('textbox', { name: 'Nombre de la etiqueta' }).fill('Cliente VIP');
  await tagForm.getByRole('radiogroup', { name: 'Color' }).getByRole('radio', { name: 'Violeta' }).click();
  await tagForm.getByRole('button', { name: 'Guardar' }).click();
  await expect(tagsPanel.getByRole('button', { name: 'Editar etiqueta Cliente VIP' })).toBeVisible();
  const vipId = s0.tags.find((t) => t.name === 'VIP')!.id;
  await expect
    .poll(async () => (await session()).tags.find((t) => t.id === vipId))
    .toMatchObject({ name: 'Cliente VIP', color: '#7c3aed' });

  // ── Calificaciones: a new one that needs follow-up ───────────────────────────────────────────
  await tabs.getByRole('tab', { name: 'Calificaciones' }).click();
  const dispPanel = dialog.getByRole('tabpanel', { name: 'Calificaciones' });
  await dispPanel.getByRole('button', { name: 'Nueva calificación' }).click();
  const dispForm = dispPanel.getByRole('form', { name: 'Nueva calificación' });
  await dispForm.getByRole('textbox', { name: 'Nombre de la calificación' }).fill('Llamar de vuelta');
  await dispForm.getByRole('checkbox', { name: 'Requiere seguimiento' }).check();
  await dispForm.getByRole('button', { name: 'Crear calificación' }).click();
  await expect(dispPanel.getByRole('switch', { name: 'Requiere seguimiento: Llamar de vuelta' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect
    .poll(async () => (await session()).dispositions.find((d) => d.name === 'Llamar de vuelta'))
    .toMatchObject({ needsFollowUp: true, active: true });

  // ── Reglas: a descriptive-note rule off, the reopen window to 48 h ───────────────────────────
  await tabs.getByRole('tab', { name: 'Reglas' }).click();
  const rules = dialog.getByRole('tabpanel', { name: 'Reglas' });
  const moveRule = rules.getByRole('switch', { name: 'Mover a una bandeja de otro equipo' });
  await expect(moveRule).toHaveAttribute('aria-checked', 'true');
  await moveRule.click();
  await expect(moveRule).toHaveAttribute('aria-checked', 'false');
  const hours = rules.getByRole('spinbutton', { name: 'Reabrir si el cliente escribe dentro de' });
  await expect(hours).toHaveValue(String(s0.settings.reopenWindowHours));
  await hours.fill('48');
  await hours.press('Enter');
  await expect(rules.getByText('Un mensaje hasta 48 horas después del cierre reabre la conversación.')).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('Cambios guardados');
  await expect
    .poll(async () => (await session()).settings)
    .toEqual({ reopenWindowHours: 48, noteRules: { ...s0.settings.noteRules, moveToOtherTeam: false } });
  await shot(page, testInfo, '02-rules', 'admin-settings-02-rules');

  // After a reload the screens read the same from the core.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(navTrays.getByRole('button', { name: /^Cobranza( \d+)?$/ })).toBeVisible();
  await expect(
    nav(page)
      .getByRole('region', { name: 'Etiquetas' })
      .getByRole('button', { name: /^Cliente VIP( \d+)?$/ }),
  ).toBeVisible();

  // ── In the pickers: Mover lists the new tray and category, Etiquetas the renamed tag ────────────
  const row = page.getByRole('listbox', { name: 'Conversaciones' }).getByRole('option').first();
  await row.click();
  await expect(page.getByRole('region', { name: /^Conversación: / })).toBeVisible();
  await page.keyboard.press('m');
  const movePicker = page.getByRole('dialog', { name: 'Mover a bandeja o categoría' });
  await expect(movePicker.getByRole('option', { name: /^Cobranza/ }).first()).toBeVisible();
  await expect(movePicker.getByRole('option', { name: /^Morosos/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(movePicker).toBeHidden();
  await page.keyboard.press('t');
  const tagPicker = page.getByRole('dialog', { name: 'Etiquetas' });
  await expect(tagPicker.getByRole('option', { name: /^Cliente VIP/ })).toBeVisible();
  await expect(tagPicker.getByRole('option', { name: /^VIP/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  // The disposition is there for the resolve dialog: active, with follow-up, in the session it reads.
  const sFinal = await session();
  expect(sFinal.dispositions.filter((d) => d.active).map((d) => d.name)).toContain('Llamar de vuelta');
});

test('an agent sees no admin sections, and an admin’s change on another replica reaches her live', async ({
  page,
  core,
  server,
}, testInfo) => {
  await signIn(core, server.url, ANA.email);
  await page.goto('/');
  await expect(nav(page).getByRole('status')).toContainText('En línea', { timeout: 30_000 });
  const s0 = await core.call('session.get', {});
  expect(s0.me.role).toBe('agent');

  const dialog = await openSettings(page);
  await expect(dialog.getByRole('group', { name: 'Tema' })).toBeVisible();
  await expect(dialog.getByRole('tablist')).toHaveCount(0);
  for (const name of ['Bandejas y categorías', 'Etiquetas', 'Calificaciones', 'Reglas'])
    await expect(dialog.getByRole('tab', { name })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Nueva bandeja' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  // No closure review for agents either.
  await expect(nav(page).getByRole('button', { name: 'Revisión de cierres' })).toHaveCount(0);
  // The core refuses her anyway.
  const tag = s0.tags[0]!;
  await expect(core.call('settings.saveTag', { tagId: tag.id, name: 'Hackeada', color: tag.color })).rejects.toThrow(
    /adminOnly|admin/i,
  );

  // The admin renames a tag on her own replica; Ana's column 1 shows the new name without a reload.
  const adminHost = await startServerHost(server.url);
  const adminCore = await connectCore(adminHost.url);
  try {
    await signIn(adminCore, server.url, ADMIN.email);
    const target = (await adminCore.call('session.get', {})).tags.find((t) => t.name === 'Reclamo')!;
    await page.evaluate(() => Object.assign(window, { __noReload: true }));
    await adminCore.call('settings.saveTag', { tagId: target.id, name: 'Reclamo formal', color: target.color });
    const tagsNav = nav(page).getByRole('region', { name: 'Etiquetas' });
    await expect(tagsNav.getByRole('button', { name: /^Reclamo formal( \d+)?$/ })).toBeVisible({ timeout: 30_000 });
    await expect(tagsNav.getByRole('button', { name: /^Reclamo( \d+)?$/ })).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
    await shot(page, testInfo, '03-agent-live-rename', 'admin-settings-03-agent');
  } finally {
    adminCore.close();
    await adminHost.stop();
  }
});

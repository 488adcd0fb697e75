// "Revisión de cierres" (guide §8): the supervisor (Carlos Muñoz, against a real server with the demo
// workspace) lists the resolved cycles, filters them by justification and then also by agent, and the
// numbers on screen are exactly what `reviews.closures` answers for the same filters; each row says the
// justification in words, and clicking one opens the conversation in column 3. The summary is the core's
// totals for the whole period (checked against every page); "Sin justificación" filters the defects.
import type { Page } from '@playwright/test';
import type { ClosureFilters } from '../../src/shared/contract';
import { DEMO_AGENTS } from '../../src/shared/demo/scripts';
import { shot, type CoreClient } from './fixtures';
import { DEMO_CREDENTIALS, expect, test } from './server-fixtures';

test.describe.configure({ timeout: 150_000 });

const SUPERVISOR = DEMO_AGENTS.find((a) => a.role === 'supervisor')!;

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navegación' });

/** Every closure the core has for these filters (all pages). */
async function closures(core: CoreClient, filters: ClosureFilters) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await core.call('reviews.closures', { filters, limit: 200, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The summary line as the screen writes it from the core's totals (the whole filtered period). */
async function summaryOf(core: CoreClient, filters: ClosureFilters): Promise<string> {
  const { totals } = await core.call('reviews.closures', { filters, limit: 1 });
  return (
    `${totals.closures} ${totals.closures === 1 ? 'cierre' : 'cierres'} · ${totals.unanswered} sin respuesta` +
    (totals.unjustified > 0 ? ` · ${totals.unjustified} sin respuesta ni justificación` : '')
  );
}

/** The same line counted from every closure (all pages): the totals must say the same. */
function summary(items: { answered: boolean; justification: string | null }[]): string {
  const n = items.length;
  const unanswered = items.filter((c) => !c.answered).length;
  const defects = items.filter((c) => !c.answered && c.justification === null).length;
  return (
    `${n} ${n === 1 ? 'cierre' : 'cierres'} · ${unanswered} sin respuesta` +
    (defects > 0 ? ` · ${defects} sin respuesta ni justificación` : '')
  );
}

test('the supervisor filters closures by justification and by agent; the numbers match the core', async ({
  page,
  core,
  server,
}, testInfo) => {
  await core.call('auth.signIn', {
    serverUrl: server.url,
    workspace: DEMO_CREDENTIALS.workspace,
    email: SUPERVISOR.email,
    password: DEMO_CREDENTIALS.password,
  });
  await page.goto('/');
  await expect(nav(page).getByRole('status')).toContainText('En línea', { timeout: 30_000 });
  const session = await core.call('session.get', {});
  expect(session.me.role).toBe('supervisor');

  await nav(page).getByRole('button', { name: 'Revisión de cierres' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Revisión de cierres');
  const column = page.getByRole('region', { name: 'Revisión de cierres' });
  const filters = column.getByRole('group', { name: 'Filtros de la revisión' });
  const status = column.getByRole('status', { name: 'Resumen de la revisión' });
  const list = column.getByRole('listbox', { name: 'Cierres' });
  await expect(filters.getByRole('combobox', { name: 'Periodo' })).toHaveValue('thisWeek');

  // The whole history, so the screen and the core read the same period whatever the day.
  await filters.getByRole('combobox', { name: 'Periodo' }).selectOption({ label: 'Todo el historial' });
  // The replica may still be downloading: the screen follows the core until they agree.
  await expect
    .poll(async () => (await status.textContent()) === summary(await closures(core, {})), {
      timeout: 30_000,
    })
    .toBe(true);
  expect(await summaryOf(core, {})).toBe(summary(await closures(core, {})));

  // By justification: "Derivada y documentada" (closing rule b).
  await filters.getByRole('combobox', { name: 'Filtrar por justificación' }).selectOption({
    label: 'Derivada y documentada',
  });
  const derived = await closures(core, { justification: 'derived' });
  expect(derived.length).toBeGreaterThan(0);
  await expect(status).toHaveText(summary(derived));
  const first = list.getByRole('option').first();
  await expect(first).toHaveAccessibleName(new RegExp(` · Derivada y documentada · (con respuesta|Sin respuesta)$`));
  await expect(first).toHaveAccessibleName(new RegExp(`^${derived[0]!.contactName} · `));
  await shot(page, testInfo, '01-derived', 'admin-review-01-derived');

  // And by agent: whoever resolved most of those.
  const byAgent = new Map<string, number>();
  for (const c of derived) if (c.resolvedBy) byAgent.set(c.resolvedBy, (byAgent.get(c.resolvedBy) ?? 0) + 1);
  const [agentId] = [...byAgent.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const agentName = session.agents.find((a) => a.id === agentId)!.name;
  await filters.getByRole('combobox', { name: 'Filtrar por agente' }).selectOption({
    label: agentId === session.me.id ? `${agentName} (yo)` : agentName,
  });
  const theirs = await closures(core, { justification: 'derived', agentId });
  expect(theirs.length).toBe(byAgent.get(agentId));
  await expect(status).toHaveText(summary(theirs));
  await expect(first).toHaveAccessibleName(new RegExp(` · resuelta por ${agentName} el `));

  // Only the unanswered ones among them (closed without a human reply: must be justified).
  await filters.getByRole('button', { name: 'Solo sin respuesta' }).click();
  await expect(filters.getByRole('button', { name: 'Solo sin respuesta' })).toHaveAttribute('aria-pressed', 'true');
  const unanswered = await closures(core, { justification: 'derived', agentId, unansweredOnly: true });
  await expect(status).toHaveText(summary(unanswered));
  await filters.getByRole('button', { name: 'Solo sin respuesta' }).click();
  await expect(status).toHaveText(summary(theirs));

  // Clicking a row opens the conversation in column 3.
  await first.click();
  await expect(page.getByRole('region', { name: `Conversación: ${theirs[0]!.contactName}` })).toBeVisible();
  await expect(first).toHaveAttribute('aria-current', 'true');
  await shot(page, testInfo, '02-open', 'admin-review-02-open');

  // "Quitar filtros" brings back the whole period.
  await filters.getByRole('button', { name: 'Quitar filtros' }).click();
  await expect(status).toHaveText(summary(await closures(core, {})));

  // "Sin justificación": closures recorded without one (older than the policy) — the defects to look at.
  await filters.getByRole('combobox', { name: 'Filtrar por justificación' }).selectOption({
    label: 'Sin justificación',
  });
  await expect(status).toHaveText(await summaryOf(core, { justification: 'none' }));
  const none = await closures(core, { justification: 'none' });
  expect(none.every((c) => c.justification === null)).toBe(true);
  if (none.length === 0) await expect(column).toContainText('Ningún cierre coincide con estos filtros.');
  else await expect(list.getByRole('option').first()).toHaveAccessibleName(/ · Sin justificación · /);
  await filters.getByRole('button', { name: 'Quitar filtros' }).click();
  await expect(status).toHaveText(await summaryOf(core, {}));
});

// The list follows changes row by row: a reply moves its conversation to the top, a status change takes
// it out of Abiertas, and a change made elsewhere (another client of the same core) shows up without a
// reload, even after scrolling down the list.
import { expect, re, shot, test } from './fixtures';

test('list: reply moves a row to the top, status change removes it, outside changes appear', async ({
  page,
  core,
}, testInfo) => {
  const first = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 8 })).items;
  const fifth = first[4]!;
  await page.goto('/');
  const list = page.getByRole('listbox', { name: 'Conversaciones' });
  const options = list.getByRole('option');
  await expect(options.first()).toHaveAccessibleName(new RegExp(`^${re(first[0]!.contactName)} · `));

  // Reply to the fifth row: it becomes the first.
  await list
    .getByRole('option', { name: new RegExp(`^${re(fifth.contactName)} · `) })
    .first()
    .click();
  const thread = page.getByRole('region', { name: `Conversación: ${fifth.contactName}` });
  await thread.getByRole('textbox', { name: 'Respuesta al cliente' }).fill('Hola, te confirmo la cotización hoy.');
  await page.keyboard.press('Control+Enter');
  await expect(options.first()).toHaveAccessibleName(new RegExp(`^${re(fifth.contactName)} · `));
  await expect(options.first()).toHaveAccessibleName(/te confirmo la cotización/);

  // Pendiente from the details column: it leaves Mías › Abiertas.
  await page.getByRole('complementary', { name: 'Detalles' }).getByRole('button', { name: 'Pendiente' }).click();
  await expect(
    list.getByRole('option', { name: new RegExp(`^${re(fifth.contactName)} · Hola, te confirmo`) }),
  ).toHaveCount(0);

  // Scroll a few pages deep, then assign a conversation to me from another client of the core.
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(options.first()).not.toHaveAccessibleName(new RegExp(`^${re(first[0]!.contactName)} · `));
  const other = (await core.call('conversations.list', { view: { kind: 'unassigned' }, status: 'open', limit: 1 }))
    .items[0]!;
  const session = await core.call('session.get', {});
  await core.call('conversations.assign', { conversationId: other.id, assigneeId: session.me.id });
  await list.evaluate((el) => (el.scrollTop = 0));
  await expect(list.getByRole('option', { name: new RegExp(`^${re(other.contactName)} · `) }).first()).toBeVisible();
  await shot(page, testInfo, '01-after-changes', 'list-01-after-changes');
});

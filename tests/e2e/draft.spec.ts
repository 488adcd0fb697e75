// Drafts live in the core (drafts.set): leaving a conversation and coming back, or reloading the page,
// brings back the text and the composer mode.
import { expect, re, shot, test } from './fixtures';

test('drafts: kept per conversation (with their mode) across switching and reload', async ({
  page,
  core,
}, testInfo) => {
  const [a, b] = (await core.call('conversations.list', { view: { kind: 'mine' }, status: 'open', limit: 2 })).items;
  if (!a || !b) throw new Error('need two conversations in Mías');
  const replyDraft = 'Hola, te escribo para confirmar la cotización';
  const noteDraft = 'Revisar con Carlos antes de responder';

  await page.goto('/');
  const list = page.getByRole('listbox', { name: 'Conversaciones' });
  const rowOf = (name: string) => list.getByRole('option', { name: new RegExp(`^${re(name)} · `) });
  const threadOf = (name: string) => page.getByRole('region', { name: `Conversación: ${name}` });

  // A: a reply draft.
  await rowOf(a.contactName).click();
  const replyA = threadOf(a.contactName).getByRole('textbox', { name: 'Respuesta al cliente' });
  await replyA.fill(replyDraft);
  await expect
    .poll(async () => core.call('drafts.get', { conversationId: a.id }))
    .toEqual({ text: replyDraft, mode: 'reply' });

  // B: a private-note draft.
  await rowOf(b.contactName).click();
  const composerB = threadOf(b.contactName).getByRole('form', { name: 'Redactar' });
  await expect(composerB.getByRole('textbox', { name: 'Respuesta al cliente' })).toHaveValue('');
  await composerB.getByRole('button', { name: 'Nota privada', exact: true }).click();
  await composerB.getByRole('textbox', { name: 'Nota privada para el equipo' }).fill(noteDraft);
  await shot(page, testInfo, '01-note-draft', 'draft-01-note');

  // Back to A straight away: the last keystrokes of B are flushed, A's draft comes back.
  await rowOf(a.contactName).click();
  await expect(replyA).toHaveValue(replyDraft);
  await expect(threadOf(a.contactName).getByRole('button', { name: 'Responder' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect
    .poll(async () => core.call('drafts.get', { conversationId: b.id }))
    .toEqual({ text: noteDraft, mode: 'note' });

  // Reload: both drafts are still there, each in its mode.
  await page.reload();
  await rowOf(a.contactName).click();
  await expect(threadOf(a.contactName).getByRole('textbox', { name: 'Respuesta al cliente' })).toHaveValue(replyDraft);
  await rowOf(b.contactName).click();
  const noteB = threadOf(b.contactName).getByRole('textbox', { name: 'Nota privada para el equipo' });
  await expect(noteB).toHaveValue(noteDraft);
  await expect(threadOf(b.contactName).getByRole('button', { name: 'Nota privada', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await shot(page, testInfo, '02-after-reload', 'draft-02-after-reload');

  // Sending clears the draft in the core.
  await noteB.press('Control+Enter');
  await expect(threadOf(b.contactName).getByRole('article', { name: 'Nota privada · Ana Torres' })).toContainText(
    noteDraft,
  );
  await expect(noteB).toHaveValue('');
  await expect.poll(async () => (await core.call('drafts.get', { conversationId: b.id })).text).toBe('');
});

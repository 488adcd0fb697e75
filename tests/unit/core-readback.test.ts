// notes.add and messages.sendReply answer with the item they wrote, read back from the thread. With a
// client clock days behind (sync tests skew it ±24 h) the new item is not among the newest of the thread:
// the read-back must find it wherever it sits.
import { afterAll, expect, it } from 'vitest';
import { makeTempCore, refs } from '../helpers/core';

const t = makeTempCore({ seedDemo: { conversations: 30 } });
afterAll(() => t.close());

it('returns what it wrote even when the clock is days behind the thread', async () => {
  const id = refs(t).conversations[7]!;
  const now = t.clock.now();
  // More than a page of newer items, so the new ones are not among the newest.
  for (let i = 0; i < 25; i++) await t.call('notes.add', { conversationId: id, body: `Nota ${i} a tiempo` });
  t.clock.set(now - 5 * 24 * 60 * 60 * 1000);
  const { note } = await t.call('notes.add', { conversationId: id, body: 'La última, con el reloj atrasado' });
  expect(note.body).toBe('La última, con el reloj atrasado');
  const { message } = await t.call('messages.sendReply', { conversationId: id, text: 'Respuesta atrasada' });
  expect(message.text).toBe('Respuesta atrasada');
});

// Guards that keep derived data honest: REPLACE keeps the live counts right, drafts need a conversation.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared';
import { bruteCounts } from '../helpers/brute';
import { makeTempCore, type TempCore } from '../helpers/core';

let t: TempCore | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

describe('integrity guards', () => {
  it('INSERT OR REPLACE of a conversation keeps the count buckets equal to GROUP BY', async () => {
    t = makeTempCore({ seedDemo: { conversations: 60 } });
    const { sqlite } = t;
    const row = sqlite.prepare("SELECT * FROM conversations WHERE status = 'open' LIMIT 1").get() as Record<
      string,
      unknown
    >;
    const cols = Object.keys(row);
    const replaced = { ...row, status: 'resolved', assignee_id: null };
    sqlite
      .prepare(
        `INSERT OR REPLACE INTO conversations (${cols.join(',')}) VALUES (${cols.map((c) => `@${c}`).join(',')})`,
      )
      .run(replaced);
    const me = t.core.context.meId;
    expect(await t.call('conversations.counts', {})).toEqual(bruteCounts(sqlite, me));
  });

  it('a draft for a conversation that does not exist is refused with not_found and nothing is written', async () => {
    t = makeTempCore({ seedDemo: { conversations: 10 } });
    const before = (t.sqlite.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n;
    const r = await t.core.dispatch('drafts.set', { conversationId: newId(), text: 'hola', mode: 'reply' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not_found');
    expect((t.sqlite.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number }).n).toBe(before);
  });

  it("conversation_tags' copies of status and activity follow replies, status changes and new tags", async () => {
    t = makeTempCore({ seedDemo: { conversations: 80 } });
    const { sqlite } = t;
    const session = await t.call('session.get', {});
    const tagged = sqlite
      .prepare(
        `SELECT DISTINCT t.conversation_id AS id FROM conversation_tags t JOIN conversations c ON c.id = t.conversation_id
          WHERE c.status <> 'resolved' LIMIT 5`,
      )
      .all() as {
      id: string;
    }[];
    for (const [i, { id }] of tagged.entries()) {
      t.clock.advance(60_000);
      await t.call('messages.sendReply', { conversationId: id, text: `Respuesta ${i}` });
      // Answered just above: resolving is allowed by the closing policy (a).
      if (i % 2) await t.call('conversations.setStatus', { conversationId: id, status: 'pending' });
      else await t.call('conversations.resolve', { conversationId: id, dispositionId: session.dispositions[0]!.id });
      await t.call('conversations.addTag', { conversationId: id, tagId: session.tags[i % session.tags.length]!.id });
    }
    const stale = sqlite
      .prepare(
        `SELECT count(*) AS n FROM conversation_tags d JOIN conversations c ON c.id = d.conversation_id
          WHERE d.status IS NOT c.status OR d.last_activity_at IS NOT c.last_activity_at`,
      )
      .get();
    expect(stale).toEqual({ n: 0 });
  });
});

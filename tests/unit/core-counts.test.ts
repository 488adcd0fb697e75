// conversations.counts (trigger-maintained buckets) equals a brute-force GROUP BY after random changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkAction } from '../../src/shared';
import { bruteCounts } from '../helpers/brute';
import { makeTempCore, prng, refs, type Ref, type TempCore } from '../helpers/core';

let t: TempCore;
let r: Ref;
let dispositions: string[];

beforeAll(() => {
  t = makeTempCore({ seedDemo: { conversations: 250 } });
  r = refs(t);
  dispositions = (t.sqlite.prepare('SELECT id FROM dispositions').all() as { id: string }[]).map((d) => d.id);
});
afterAll(() => t.close());

const counts = () => t.call('conversations.counts');

/**
 * One random user action through dispatch. Many are refused by the guide's rules (resolving without an
 * answer, a hand-off without its note, resolved → pending…): a refusal must leave the counts right too.
 */
async function randomMutation(rnd: ReturnType<typeof prng>): Promise<boolean> {
  const conversationId = rnd.pick(r.conversations);
  const tray = rnd.pick(r.trays);
  const statuses = ['open', 'pending'] as const;
  const dispositionId = rnd.pick(dispositions);
  const until = t.clock.now() + (1 + rnd.int(48)) * 3_600_000;
  const call = async (method: string, input: unknown) => (await t.core.dispatch(method, input)).ok;
  switch (rnd.int(10)) {
    case 0:
      return call('conversations.assign', { conversationId, assigneeId: rnd.next() < 0.3 ? null : rnd.pick(r.agents) });
    case 1:
      return call('conversations.move', {
        conversationId,
        trayId: tray.id,
        categoryId: tray.categories.length && rnd.next() < 0.7 ? rnd.pick(tray.categories) : null,
      });
    case 2:
      return call('conversations.setStatus', { conversationId, status: rnd.pick(statuses) });
    case 3:
      return call('conversations.addTag', { conversationId, tagId: rnd.pick(r.tags) });
    case 4:
      return call('conversations.removeTag', { conversationId, tagId: rnd.pick(r.tags) });
    case 5:
      return call('messages.sendReply', { conversationId, text: 'hola' });
    case 6: {
      const ids = Array.from({ length: 1 + rnd.int(20) }, () => rnd.pick(r.conversations));
      const action = rnd.pick<BulkAction>([
        { type: 'setStatus', status: rnd.pick(statuses) },
        { type: 'addTag', tagId: rnd.pick(r.tags) },
        { type: 'removeTag', tagId: rnd.pick(r.tags) },
        { type: 'assign', assigneeId: rnd.pick([null, ...r.agents]) },
        { type: 'move', trayId: tray.id, categoryId: tray.categories[0] ?? null },
        { type: 'resolve', dispositionId },
        { type: 'snooze', until },
      ]);
      return call('conversations.bulk', { conversationIds: ids, action });
    }
    case 7:
      return call('conversations.resolve', { conversationId, dispositionId });
    case 8:
      return call('conversations.snooze', { conversationId, until });
    default:
      return call('conversations.setStatus', { conversationId, status: rnd.pick(statuses) });
  }
}

describe('conversations.counts', () => {
  it('matches GROUP BY right after seeding', async () => {
    expect(await counts()).toEqual(bruteCounts(t.sqlite, r.meId));
  });

  it('matches GROUP BY after 600 random mutations (checked every 25)', async () => {
    const rnd = prng(42);
    let applied = 0;
    for (let i = 1; i <= 600; i++) {
      if (await randomMutation(rnd)) applied++;
      if (i % 25 === 0) expect(await counts(), `after ${i}`).toEqual(bruteCounts(t.sqlite, r.meId));
    }
    // Refusals are part of the mix, but most actions go through: the counts really moved.
    expect(applied).toBeGreaterThan(300);
  });

  it('stays right when sync-like raw SQL inserts and deletes conversations and tags', async () => {
    const s = t.sqlite;
    const [c1, c2] = r.conversations.slice(-2);
    // Insert: clone a conversation under a new id with a tag.
    const newId = '01900000-0000-7000-8000-00000000abcd';
    s.prepare(
      `INSERT INTO conversations (id, workspace_id, contact_id, channel_id, channel_kind, tray_id, category_id, status,
        assignee_id, priority, subject, snippet, snoozed_until, last_activity_at, waiting_since, first_response_at, cycle,
        cycle_started_at, created_at, updated_at, version)
       SELECT ?, workspace_id, contact_id, channel_id, channel_kind, tray_id, category_id, 'pending',
        NULL, priority, subject, snippet, snoozed_until, last_activity_at, waiting_since, first_response_at, cycle,
        cycle_started_at, created_at, updated_at, version FROM conversations WHERE id = ?`,
    ).run(newId, c1);
    s.prepare('INSERT INTO conversation_tags (conversation_id, tag_id, created_at) VALUES (?, ?, 0)').run(
      newId,
      r.tags[0],
    );
    expect(await counts()).toEqual(bruteCounts(s, r.meId));
    // Delete both ways round: tags first, then the conversation; and the conversation first.
    s.pragma('foreign_keys = OFF');
    s.prepare('DELETE FROM conversation_tags WHERE conversation_id = ?').run(newId);
    s.prepare('DELETE FROM conversations WHERE id = ?').run(newId);
    expect(await counts()).toEqual(bruteCounts(s, r.meId));
    s.prepare('INSERT OR IGNORE INTO conversation_tags (conversation_id, tag_id, created_at) VALUES (?, ?, 0)').run(
      c2,
      r.tags[1],
    );
    s.prepare('DELETE FROM conversations WHERE id = ?').run(c2);
    expect(await counts()).toEqual(bruteCounts(s, r.meId));
    s.prepare('DELETE FROM conversation_tags WHERE conversation_id = ?').run(c2);
    expect(await counts()).toEqual(bruteCounts(s, r.meId));
    s.pragma('foreign_keys = ON');
    r.conversations = r.conversations.filter((id) => id !== c2);
  });

  it('sums are consistent: all = unassigned + assigned, trays sum to all', async () => {
    const c = await counts();
    for (const st of ['open', 'pending', 'snoozed', 'resolved'] as const) {
      const trays = Object.values(c.trays as Record<string, Record<string, number>>).reduce((a, x) => a + x[st]!, 0);
      expect(trays).toBe(c.views.all[st]);
      expect(c.views.unassigned[st]).toBeLessThanOrEqual(c.views.all[st]);
      expect(c.views.mine[st]).toBeLessThanOrEqual(c.views.all[st] - c.views.unassigned[st]);
    }
  });
});

// The pure list rule (shared/list-match) must agree with the core's SQL for every view, status and
// filter: the renderer places changed rows with it instead of re-reading every loaded page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSES, listOrderFor, matchesListQuery, type ConversationSummary, type ListQuery } from '../../src/shared';
import { makeTempCore, type TempCore } from '../helpers/core';

let t: TempCore;
let everything: ConversationSummary[];

async function walk(query: ListQuery): Promise<ConversationSummary[]> {
  const out: ConversationSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: ConversationSummary[]; nextCursor: string | null } = await t.call('conversations.list', {
      ...query,
      filters: query.filters ?? {},
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  t = makeTempCore({ seedDemo: { conversations: 400 } });
  everything = await walk({ view: { kind: 'all' } });
});
afterAll(() => t.close());

describe('matchesListQuery + listOrderFor', () => {
  it('select and order exactly what conversations.list returns', async () => {
    const session = await t.call('session.get', {});
    const me = session.me.id;
    const views: ListQuery['view'][] = [
      { kind: 'mine' },
      { kind: 'unassigned' },
      { kind: 'all' },
      ...session.trays.map((tray) => ({ kind: 'tray' as const, trayId: tray.id })),
      ...session.trays.flatMap((tray) => tray.categories.map((c) => ({ kind: 'category' as const, categoryId: c.id }))),
      ...session.tags.slice(0, 3).map((tag) => ({ kind: 'tag' as const, tagId: tag.id })),
    ];
    const filters: ListQuery['filters'][] = [
      {},
      { channels: ['whatsapp', 'email'] },
      { assignees: ['none', me] },
      { tagIds: [session.tags[0]!.id] },
      { tagIds: [session.tags[1]!.id, session.tags[2]!.id], channels: ['webchat', 'whatsapp'] },
    ];
    let compared = 0;
    for (const view of views) {
      for (const status of [undefined, ...STATUSES]) {
        for (const f of filters) {
          const query: ListQuery = { view, status, filters: f };
          const expected = everything.filter((c) => matchesListQuery(c, query, me)).sort(listOrderFor(status));
          expect((await walk(query)).map((c) => c.id)).toEqual(expected.map((c) => c.id));
          compared++;
        }
      }
    }
    expect(compared).toBe(views.length * 5 * filters.length);
  });
});

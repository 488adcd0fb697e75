// conversations.list: every view × status × filter, keyset pages walked end to end vs a brute-force list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSES, type ListFilters, type Status, type View } from '../../src/shared';
import { bruteList, rawConversations } from '../helpers/brute';
import { makeTempCore, prng, refs, type Ref, type TempCore } from '../helpers/core';

let t: TempCore;
let r: Ref;

beforeAll(async () => {
  t = makeTempCore({ seedDemo: { conversations: 300 } });
  r = refs(t);
  // Give a few conversations identical activity times so the id tie-break is exercised.
  t.sqlite.prepare('UPDATE conversations SET last_activity_at = 1700000000000 WHERE rowid % 7 = 0').run();
});
afterAll(() => t.close());

async function walk(view: View, status: Status | undefined, filters: ListFilters, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await t.call('conversations.list', { view, status, filters, cursor, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i: { id: string }) => i.id));
    if (!page.nextCursor) return ids;
    expect(page.items.length).toBe(limit);
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

function views(): View[] {
  return [
    { kind: 'mine' },
    { kind: 'unassigned' },
    { kind: 'all' },
    ...r.trays.map((x) => ({ kind: 'tray' as const, trayId: x.id })),
    ...r.trays.flatMap((x) => x.categories.map((categoryId) => ({ kind: 'category' as const, categoryId }))),
    ...r.tags.map((tagId) => ({ kind: 'tag' as const, tagId })),
  ];
}

describe('conversations.list', () => {
  it('every view × status matches the brute-force list, walked with keyset pages', async () => {
    const all = rawConversations(t.sqlite);
    let nonEmpty = 0;
    for (const view of views()) {
      for (const status of [undefined, ...STATUSES]) {
        const expected = bruteList(all, view, status, {}, r.meId);
        const got = await walk(view, status, {}, 23);
        expect(got, JSON.stringify({ view, status })).toEqual(expected);
        expect(new Set(got).size).toBe(got.length);
        if (expected.length) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(60);
  });

  it('filters: channels, assignees (incl. none), tagIds, combined, against brute force', async () => {
    const all = rawConversations(t.sqlite);
    const rnd = prng(7);
    const other = r.agents.find((a) => a !== r.meId)!;
    const fixed: ListFilters[] = [
      {},
      { channels: ['whatsapp'] },
      { channels: ['email', 'instagram'] },
      { assignees: ['none'] },
      { assignees: [r.meId] },
      { assignees: ['none', other] },
      { tagIds: [r.tags[0]!] },
      { tagIds: [r.tags[1]!, r.tags[2]!] },
      { channels: ['whatsapp', 'webchat'], assignees: ['none', r.meId], tagIds: r.tags.slice(0, 4) },
      { channels: [], assignees: [], tagIds: [] },
    ];
    const randomFilters = Array.from({ length: 40 }, (): ListFilters => {
      const f: ListFilters = {};
      if (rnd.next() < 0.5)
        f.channels = (['whatsapp', 'email', 'webchat', 'facebook', 'instagram'] as const).filter(
          () => rnd.next() < 0.4,
        );
      if (rnd.next() < 0.5) f.assignees = [...r.agents, 'none'].filter(() => rnd.next() < 0.3);
      if (rnd.next() < 0.5) f.tagIds = r.tags.filter(() => rnd.next() < 0.3);
      return f;
    });
    for (const filters of [...fixed, ...randomFilters]) {
      const view = rnd.pick(views());
      const status = rnd.pick([undefined, ...STATUSES]);
      const limit = 1 + rnd.int(60);
      const got = await walk(view, status, filters, limit);
      expect(got, JSON.stringify({ view, status, filters, limit })).toEqual(
        bruteList(all, view, status, filters, r.meId),
      );
    }
  });

  it('summaries carry the row fields and tag ids', async () => {
    const page = await t.call('conversations.list', { view: { kind: 'all' }, limit: 200 });
    for (const s of page.items) {
      const row = t.sqlite.prepare('SELECT * FROM conversations WHERE id = ?').get(s.id) as Record<string, unknown>;
      expect(s.status).toBe(row.status);
      expect(s.trayId).toBe(row.tray_id);
      expect(s.assigneeId).toBe(row.assignee_id);
      expect(s.lastActivityAt).toBe(row.last_activity_at);
      const tags = (
        t.sqlite.prepare('SELECT tag_id FROM conversation_tags WHERE conversation_id = ?').all(s.id) as {
          tag_id: string;
        }[]
      ).map((x) => x.tag_id);
      expect([...s.tagIds].sort()).toEqual(tags.sort());
    }
  });

  it('limit defaults to 50, rejects 0 and 201, unknown view ids give empty pages', async () => {
    const page = await t.call('conversations.list', { view: { kind: 'all' } });
    expect(page.items).toHaveLength(50);
    for (const limit of [0, 201, 1.5]) {
      const res = await t.core.dispatch('conversations.list', { view: { kind: 'all' }, limit });
      expect(res.ok ? null : res.error.code).toBe('invalid_input');
    }
    const res = await t.core.dispatch('conversations.list', { view: { kind: 'nope' } });
    expect(res.ok ? null : res.error.code).toBe('invalid_input');
    const empty = await t.call('conversations.list', {
      view: { kind: 'tray', trayId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(empty).toEqual({ items: [], nextCursor: null });
  });

  it('a cursor past the end gives an empty page; a malformed cursor is invalid_input', async () => {
    const page = await t.call('conversations.list', {
      view: { kind: 'all' },
      cursor: '0:00000000-0000-0000-0000-000000000000',
    });
    expect(page).toEqual({ items: [], nextCursor: null });
    const bad = await t.core.dispatch('conversations.list', { view: { kind: 'all' }, cursor: 'abc' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
  });
});

// Read methods: session, conversation detail, search, thread pages (notes interleaved), contact, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_KINDS, DEFAULT_TRAYS } from '../../src/shared';
import { makeTempCore, refs, type Ref, type TempCore } from '../helpers/core';

let t: TempCore;
let r: Ref;
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(() => {
  t = makeTempCore({ seedDemo: { conversations: 120 } });
  r = refs(t);
});
afterAll(() => t.close());

const code = async (method: string, input: unknown) => {
  const res = await t.core.dispatch(method, input);
  return res.ok ? 'ok' : res.error.code;
};

describe('session.get', () => {
  it('returns the workspace, me, agents, the guide trays in order, 5 channels, tags', async () => {
    const s = await t.call('session.get');
    expect(s.me.id).toBe(r.meId);
    expect(s.agents.map((a: { id: string }) => a.id).sort()).toEqual(r.agents);
    expect(s.trays.map((x: { key: string }) => x.key)).toEqual(DEFAULT_TRAYS.map((x) => x.key));
    s.trays.forEach((tray: { categories: { key: string; trayId: string }[]; id: string }, i: number) => {
      expect(tray.categories.map((c) => c.key)).toEqual(DEFAULT_TRAYS[i]!.categories.map((c) => c.key));
      for (const c of tray.categories) expect(c.trayId).toBe(tray.id);
    });
    expect(s.channels.map((c: { kind: string }) => c.kind).sort()).toEqual([...CHANNEL_KINDS].sort());
    expect(s.tags).toHaveLength(r.tags.length);
    expect(await code('session.get', null)).toBe('ok');
    expect(await code('session.get', 'x')).toBe('invalid_input');
  });
});

describe('conversations.get', () => {
  it('returns detail with message and note counts; unknown → not_found', async () => {
    for (const id of r.conversations.slice(0, 20)) {
      const d = await t.call('conversations.get', { id });
      const n = (sql: string) => (t.sqlite.prepare(sql).get(id) as { n: number }).n;
      expect(d.id).toBe(id);
      expect(d.messageCount).toBe(n('SELECT count(*) AS n FROM messages WHERE conversation_id = ?'));
      expect(d.noteCount).toBe(n('SELECT count(*) AS n FROM notes WHERE conversation_id = ?'));
      expect(d.cycle).toBeGreaterThanOrEqual(1);
    }
    expect(await code('conversations.get', { id: MISSING })).toBe('not_found');
    expect(await code('conversations.get', { id: 'x' })).toBe('invalid_input');
  });
});

describe('conversations.search', () => {
  const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  it('finds by contact name, subject or snippet (case-insensitive ASCII), newest first, within limit', async () => {
    const rows = t.sqlite
      .prepare(
        'SELECT c.id, ct.name, c.subject, c.snippet, c.last_activity_at AS at FROM conversations c JOIN contacts ct ON ct.id = c.contact_id',
      )
      .all() as { id: string; name: string; subject: string | null; snippet: string; at: number }[];
    const sample = rows[3]!;
    for (const q of [sample.name.split(' ')[0]!, sample.snippet.slice(2, 9), 'SEGURO', 'a']) {
      const want = rows
        .filter((x) => [x.name, x.subject ?? '', x.snippet].some((f) => asciiLower(f).includes(asciiLower(q.trim()))))
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
        .map((x) => x.id);
      const got = await t.call('conversations.search', { query: q, limit: 50 });
      expect(
        got.map((x: { id: string }) => x.id),
        q,
      ).toEqual(want.slice(0, 50));
    }
  });

  it('treats % and _ literally, trims, rejects empty and > 200 chars', async () => {
    expect(await t.call('conversations.search', { query: '%' })).toEqual([]);
    expect(await t.call('conversations.search', { query: '_' })).toEqual([]);
    expect(await code('conversations.search', { query: '   ' })).toBe('invalid_input');
    expect(await code('conversations.search', { query: 'x'.repeat(201) })).toBe('invalid_input');
    expect(await code('conversations.search', { query: 'a', limit: 51 })).toBe('invalid_input');
    const def = await t.call('conversations.search', { query: 'a' });
    expect(def.length).toBeLessThanOrEqual(20);
  });
});

describe('thread.page', () => {
  it('pages from newest with the before-cursor, oldest→newest inside a page, notes interleaved', async () => {
    const id = r.conversations[7]!;
    for (let i = 0; i < 6; i++) {
      t.clock.advance(60_000);
      await t.call(
        i % 2 ? 'notes.add' : 'messages.sendReply',
        i % 2 ? { conversationId: id, body: `nota ${i}` } : { conversationId: id, text: `resp ${i}` },
      );
    }
    // A note and a message at the same instant: the id tie-break keeps the order total.
    await t.call('notes.add', { conversationId: id, body: 'same time A' });
    await t.call('messages.sendReply', { conversationId: id, text: 'same time B' });
    const want = (
      t.sqlite
        .prepare(
          `SELECT id, created_at FROM messages WHERE conversation_id = ? UNION ALL SELECT id, created_at FROM notes WHERE conversation_id = ?`,
        )
        .all(id, id) as { id: string; created_at: number }[]
    )
      .sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1))
      .map((x) => x.id);
    for (const limit of [1, 3, 4, 200]) {
      const pages: string[][] = [];
      let before: string | undefined;
      for (;;) {
        const page = await t.call('thread.page', { conversationId: id, before, limit });
        const ids = page.items.map((x: { id: string }) => x.id);
        const times = page.items.map((x: { createdAt: number }) => x.createdAt);
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        pages.unshift(ids);
        if (!page.nextCursor) break;
        expect(page.items).toHaveLength(limit);
        before = page.nextCursor;
      }
      expect(pages.flat(), `limit ${limit}`).toEqual(want);
    }
    const newest = await t.call('thread.page', { conversationId: id, limit: 200 });
    const types = new Set(newest.items.map((x: { type: string }) => x.type));
    expect(types).toEqual(new Set(['message', 'note']));
    expect(newest.items.at(-1)).toMatchObject({ type: 'message', text: 'same time B' });
  });

  it('contact messages carry the contact name; attachments parse; unknown conversation not_found', async () => {
    const withFile = t.sqlite
      .prepare("SELECT conversation_id AS id FROM messages WHERE attachments != '[]' LIMIT 1")
      .get() as { id: string };
    const page = await t.call('thread.page', { conversationId: withFile.id, limit: 200 });
    expect(
      page.items.some(
        (x: { type: string; attachments?: unknown[] }) => x.type === 'message' && x.attachments!.length > 0,
      ),
    ).toBe(true);
    const name = (
      t.sqlite
        .prepare('SELECT ct.name FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = ?')
        .get(withFile.id) as { name: string }
    ).name;
    for (const m of page.items) if (m.type === 'message' && m.authorKind === 'contact') expect(m.authorName).toBe(name);
    expect(await code('thread.page', { conversationId: MISSING })).toBe('not_found');
    expect(await code('thread.page', { conversationId: withFile.id, before: 'nope' })).toBe('invalid_input');
  });
});

describe('contacts.get', () => {
  it('returns identities, company and conversation count; unknown → not_found', async () => {
    const contacts = t.sqlite.prepare('SELECT id, company_id FROM contacts LIMIT 30').all() as {
      id: string;
      company_id: string | null;
    }[];
    for (const c of contacts) {
      const got = await t.call('contacts.get', { id: c.id });
      const n = (sql: string) => (t.sqlite.prepare(sql).get(c.id) as { n: number }).n;
      expect(got.identities).toHaveLength(n('SELECT count(*) AS n FROM contact_identities WHERE contact_id = ?'));
      expect(got.conversationCount).toBe(n('SELECT count(*) AS n FROM conversations WHERE contact_id = ?'));
      expect(got.company?.id ?? null).toBe(c.company_id);
    }
    expect(await code('contacts.get', { id: MISSING })).toBe('not_found');
  });
});

describe('audit.timeline', () => {
  it('pages newest first through every event of a conversation, with before/after parsed', async () => {
    const id = r.conversations[8]!;
    const dispositionId = (await t.call('session.get')).dispositions[0]!.id;
    for (const status of ['pending', 'open', 'resolved', 'open'] as const) {
      t.clock.advance(1000);
      if (status === 'resolved') {
        await t.call('messages.sendReply', { conversationId: id, text: 'Quedó resuelto, gracias por escribir.' });
        await t.call('conversations.resolve', { conversationId: id, dispositionId });
      } else await t.call('conversations.setStatus', { conversationId: id, status });
    }
    const want = (
      t.sqlite.prepare('SELECT id FROM audit_log WHERE conversation_id = ? ORDER BY at DESC, id DESC').all(id) as {
        id: string;
      }[]
    ).map((x) => x.id);
    expect(want.length).toBeGreaterThanOrEqual(4);
    const got: string[] = [];
    let before: string | undefined;
    do {
      const page = await t.call('audit.timeline', { conversationId: id, before, limit: 2 });
      got.push(...page.items.map((x: { id: string }) => x.id));
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(got).toEqual(want);
    const first = (await t.call('audit.timeline', { conversationId: id, limit: 1 })).items[0];
    expect(first).toMatchObject({
      action: 'conversation.statusChanged',
      actorId: r.meId,
      before: { status: 'resolved' },
      after: { status: 'open' },
    });
    const created = (await t.call('audit.timeline', { conversationId: id, limit: 200 })).items.at(-1);
    expect(created).toMatchObject({
      action: 'conversation.created',
      actorKind: 'system',
      actorId: null,
      actorName: 'Sistema',
    });
    expect(await t.call('audit.timeline', { conversationId: MISSING })).toEqual({ items: [], nextCursor: null });
  });
});

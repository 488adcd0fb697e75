// Change + audit + outbox are one transaction: a failure in any write leaves no trace, ids stay gap-free.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, makeTempCore, refs, type Ref, type TempCore } from '../helpers/core';

let t: TempCore;
let r: Ref;

beforeAll(() => {
  t = makeTempCore({ seedDemo: { conversations: 40 } });
  r = refs(t);
});
afterAll(() => t.close());

/** Content fingerprint without total_changes (rolled-back writes still count there). */
const state = () => fingerprint(t.sqlite).replace(/\|changes:\d+$/, '');
const snapshot = (id: string) => ({
  conv: t.sqlite.prepare('SELECT * FROM conversations WHERE id = ?').get(id),
  tags: t.sqlite.prepare('SELECT * FROM conversation_tags WHERE conversation_id = ?').all(id),
  cycles: t.sqlite.prepare('SELECT * FROM conversation_cycles WHERE conversation_id = ?').all(id),
  buckets: t.sqlite.prepare('SELECT * FROM count_buckets ORDER BY 1, 2, 3, 4').all(),
  meta: t.sqlite.prepare('SELECT * FROM meta ORDER BY key').all(),
});

function inputs(id: string): [string, Record<string, unknown>][] {
  const c = t.sqlite.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as Record<string, unknown>;
  const tray = r.trays.find((x) => x.id !== c.tray_id)!;
  const hasTag = t.sqlite.prepare('SELECT tag_id FROM conversation_tags WHERE conversation_id = ?').get(id) as
    { tag_id: string } | undefined;
  return [
    ['conversations.assign', { conversationId: id, assigneeId: r.agents.find((a) => a !== c.assignee_id) }],
    ['conversations.move', { conversationId: id, trayId: tray.id, categoryId: null }],
    ['conversations.setStatus', { conversationId: id, status: c.status === 'pending' ? 'open' : 'pending' }],
    ['conversations.addTag', { conversationId: id, tagId: r.tags.find((x) => x !== hasTag?.tag_id) }],
    ...(hasTag
      ? [['conversations.removeTag', { conversationId: id, tagId: hasTag.tag_id }] as [string, Record<string, unknown>]]
      : []),
    ['notes.add', { conversationId: id, body: 'no debe quedar' }],
    ['messages.sendReply', { conversationId: id, text: 'no debe quedar' }],
  ];
}

describe('atomicity of change + audit + outbox', () => {
  for (const table of ['outbox', 'audit_log', 'meta']) {
    it(`a failure inserting into ${table} rolls back the change, the audit row and the outbox row`, async () => {
      const id = r.conversations[3]!;
      const before = await t.call('conversations.get', { id });
      t.sqlite.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'boom'); END;`);
      // meta: lastMutationId already exists after the first mutation, so fail its update too.
      if (table === 'meta')
        t.sqlite.exec(`CREATE TEMP TRIGGER boom2 BEFORE UPDATE ON meta BEGIN SELECT RAISE(ABORT, 'boom'); END;`);
      try {
        for (const [method, input] of inputs(id)) {
          const fp = state();
          const snap = snapshot(id);
          const res = await t.core.dispatch(method, input);
          expect(res.ok, method).toBe(false);
          expect(res.ok ? null : res.error).toEqual({ code: 'internal', message: 'Internal error' });
          expect(state(), method).toBe(fp);
          expect(snapshot(id), method).toEqual(snap);
          expect(t.sqlite.prepare("SELECT count(*) AS n FROM notes WHERE body = 'no debe quedar'").get()).toEqual({
            n: 0,
          });
          expect(t.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE text = 'no debe quedar'").get()).toEqual({
            n: 0,
          });
        }
      } finally {
        t.sqlite.exec('DROP TRIGGER IF EXISTS temp.boom; DROP TRIGGER IF EXISTS temp.boom2;');
      }
      expect(await t.call('conversations.get', { id })).toEqual(before);
      // The next successful mutation takes the next id: the failures left no gap.
      const last = t.sqlite.prepare('SELECT coalesce(max(mutation_id), 0) AS m FROM outbox').get() as { m: number };
      const ok = await t.call('notes.add', { conversationId: id, body: 'ahora sí' });
      expect(ok.mutationId).toBe(last.m + 1);
    });
  }

  it('in a bulk, the item whose write fails rolls back alone; the others commit', async () => {
    const ids = r.conversations.slice(10, 14);
    const poisoned = ids[1]!;
    for (const id of ids) await t.call('conversations.setStatus', { conversationId: id, status: 'open' });
    t.sqlite.exec(
      `CREATE TEMP TRIGGER boom BEFORE INSERT ON audit_log WHEN NEW.conversation_id = '${poisoned}' BEGIN SELECT RAISE(ABORT, 'boom'); END;`,
    );
    try {
      const res = await t.call('conversations.bulk', {
        conversationIds: ids,
        action: { type: 'setStatus', status: 'pending' },
      });
      for (const item of res.results) {
        if (item.conversationId === poisoned)
          expect(item).toMatchObject({ ok: false, outcome: 'failed', error: { code: 'internal' } });
        else expect(item).toEqual({ conversationId: item.conversationId, ok: true, outcome: 'changed' });
      }
    } finally {
      t.sqlite.exec('DROP TRIGGER temp.boom');
    }
    const statuses = ids.map(
      (id) => (t.sqlite.prepare('SELECT status FROM conversations WHERE id = ?').get(id) as { status: string }).status,
    );
    expect(statuses).toEqual(ids.map((id) => (id === poisoned ? 'open' : 'pending')));
    const o = t.sqlite.prepare('SELECT count(*) AS n, max(mutation_id) AS m FROM outbox').get() as {
      n: number;
      m: number;
    };
    expect(o.n).toBe(o.m);
  });
});

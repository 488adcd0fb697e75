// Demo workspace: deterministic for the same seed + clock, and as rich as the guide asks.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/core/db/open';
import { seedDemoWorkspace } from '../../src/core/demo/seed';
import { CHANNEL_KINDS, DEFAULT_DISPOSITIONS, DEFAULT_TRAYS, STATUSES } from '../../src/shared';
import { contentHash, FIXED_NOW, tempDir } from '../helpers/core';

let tmp: ReturnType<typeof tempDir>;
const open: OpenedDatabase[] = [];
function seeded(name: string, now: number, seed?: number, conversations?: number) {
  const o = openDatabase({ file: join(tmp.dir, name) });
  open.push(o);
  seedDemoWorkspace(o.db, o.sqlite, now, { seed, conversations });
  return o.sqlite;
}
beforeAll(() => void (tmp = tempDir()));
afterAll(() => {
  for (const o of open) o.sqlite.close();
  tmp.cleanup();
});

describe('demo seed', () => {
  it('same seed + clock → identical data, ids included; another seed or clock → different', async () => {
    const a = seeded('a.db', FIXED_NOW);
    const b = seeded('b.db', FIXED_NOW);
    const skip = ['__drizzle_migrations'];
    expect(await contentHash(a, skip)).toBe(await contentHash(b, skip));
    const c = seeded('c.db', FIXED_NOW, 7, 100);
    const d = seeded('d.db', FIXED_NOW + 3 * 3_600_000, undefined, 100);
    const e = seeded('e.db', FIXED_NOW, undefined, 100);
    const hashes = new Set([await contentHash(c, skip), await contentHash(d, skip), await contentHash(e, skip)]);
    expect(hashes.size).toBe(3);
  });

  it('has ~2000 conversations over all 5 channels, every tray and category, all statuses, notes and tags', () => {
    const s = seeded('f.db', FIXED_NOW);
    const one = <T>(sql: string) => s.prepare(sql).get() as T;
    const col = (sql: string) => (s.prepare(sql).all() as { v: string }[]).map((x) => x.v).sort();
    expect(one<{ n: number }>('SELECT count(*) AS n FROM conversations').n).toBe(2000);
    expect(col('SELECT DISTINCT channel_kind AS v FROM conversations')).toEqual([...CHANNEL_KINDS].sort());
    expect(col('SELECT DISTINCT status AS v FROM conversations')).toEqual([...STATUSES].sort());
    expect(col('SELECT DISTINCT t.key AS v FROM conversations c JOIN trays t ON t.id = c.tray_id')).toEqual(
      DEFAULT_TRAYS.map((t) => t.key).sort(),
    );
    const allCats = DEFAULT_TRAYS.flatMap((t) => t.categories.map((c) => `${t.key}:${c.key}`)).sort();
    expect(
      col(
        "SELECT DISTINCT t.key || ':' || k.key AS v FROM conversations c JOIN categories k ON k.id = c.category_id JOIN trays t ON t.id = k.tray_id",
      ),
    ).toEqual(allCats);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM notes').n).toBeGreaterThan(50);
    expect(one<{ n: number }>('SELECT count(DISTINCT tag_id) AS n FROM conversation_tags').n).toBeGreaterThanOrEqual(5);
    expect(
      one<{ n: number }>(
        'SELECT count(*) AS n FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)',
      ).n,
    ).toBe(0);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM messages WHERE created_at > ${FIXED_NOW}`).n).toBe(0);
    expect(
      one<{ n: number }>(
        "SELECT count(*) AS n FROM conversations WHERE (status = 'snoozed') != (snoozed_until IS NOT NULL)",
      ).n,
    ).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM conversations WHERE assignee_id IS NULL').n).toBeGreaterThan(
      0,
    );
    expect(s.pragma('foreign_key_check')).toEqual([]);
    expect(s.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it("has the guide's records: dispositions, closures consistent with the thread, tasks and tickets", () => {
    const s = seeded('g.db', FIXED_NOW);
    const one = <T>(sql: string, ...params: unknown[]) => s.prepare(sql).get(...params) as T;
    const n = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;
    const meId = (s.prepare("SELECT value FROM meta WHERE key = 'meId'").get() as { value: string }).value;
    expect(
      s.prepare('SELECT name, needs_follow_up AS f FROM dispositions ORDER BY position').all() as unknown[],
    ).toEqual(DEFAULT_DISPOSITIONS.map((d) => ({ name: d.name, f: d.needsFollowUp ? 1 : 0 })));

    // The closing policy's columns follow the thread.
    const lastOf = (direction: string) =>
      `(SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = '${direction}')`;
    expect(
      n(`SELECT count(*) AS n FROM conversations c WHERE c.last_customer_message_at IS NOT ${lastOf('inbound')}
         OR c.last_human_reply_at IS NOT ${lastOf('outbound')}`),
    ).toBe(0);
    expect(n("SELECT count(*) AS n FROM conversations WHERE (status = 'snoozed') != (snoozed_by IS NOT NULL)")).toBe(0);

    // Every resolved cycle has its closure; open ones none. 'answered' exactly when the agent wrote last.
    const resolved = n("SELECT count(*) AS n FROM conversations WHERE status = 'resolved'");
    expect(resolved).toBeGreaterThan(100);
    const closed = `FROM conversation_cycles y JOIN conversations c ON c.id = y.conversation_id WHERE c.status = 'resolved'`;
    expect(
      n(`SELECT count(*) AS n ${closed} AND y.resolved_at IS NOT NULL AND y.resolved_by IS NOT NULL
         AND y.disposition_id IS NOT NULL AND y.justification IS NOT NULL AND y.resolved_tray_id = c.tray_id`),
    ).toBe(resolved);
    expect(
      n(`SELECT count(*) AS n FROM conversation_cycles y JOIN conversations c ON c.id = y.conversation_id
         WHERE c.status != 'resolved' AND (y.resolved_at IS NOT NULL OR y.disposition_id IS NOT NULL)`),
    ).toBe(0);
    const agentLast = `(SELECT m.direction FROM messages m WHERE m.conversation_id = c.id ORDER BY m.created_at DESC LIMIT 1) = 'outbound'`;
    expect(n(`SELECT count(*) AS n ${closed} AND (y.justification = 'answered') != ${agentLast}`)).toBe(0);
    expect(
      n(`SELECT count(*) AS n ${closed} AND y.justification = 'linkedWork' AND NOT EXISTS
         (SELECT 1 FROM tasks t WHERE t.conversation_id = c.id UNION ALL
          SELECT 1 FROM conversation_tickets l WHERE l.conversation_id = c.id)`),
    ).toBe(0);
    expect(
      n(`SELECT count(*) AS n ${closed} AND y.justification = 'derived' AND NOT EXISTS
         (SELECT 1 FROM notes k WHERE k.conversation_id = c.id AND k.kind = 'descriptive'
          AND json_extract(k.fields, '$.externalChannel') IS NOT NULL)`),
    ).toBe(0);
    expect(s.prepare(`SELECT DISTINCT y.justification AS v ${closed} ORDER BY 1`).all() as { v: string }[]).toEqual([
      { v: 'answered' },
      { v: 'derived' },
      { v: 'linkedWork' },
    ]);
    // A follow-up disposition always has its open task with a due date.
    expect(
      n(`SELECT count(*) AS n ${closed} AND y.disposition_id = (SELECT id FROM dispositions WHERE needs_follow_up = 1)
         AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.conversation_id = c.id AND t.done = 0 AND t.due_at IS NOT NULL)`),
    ).toBe(0);
    expect(n("SELECT count(*) AS n FROM audit_log WHERE action = 'conversation.resolved'")).toBe(resolved);

    // Every owner works the tray of what they own: the guide's owner can see it (the assign rule demands it).
    expect(
      n(`SELECT count(*) AS n FROM conversations c WHERE c.assignee_id IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM tray_members m WHERE m.tray_id = c.tray_id AND m.agent_id = c.assignee_id)`),
    ).toBe(0);
    expect(
      n(`SELECT count(*) AS n FROM tasks t JOIN conversations c ON c.id = t.conversation_id
         WHERE t.assignee_id IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM tray_members m WHERE m.tray_id = c.tray_id AND m.agent_id = t.assignee_id)`),
    ).toBe(0);
    expect(n('SELECT count(*) AS n FROM conversations WHERE assignee_id = ?', meId)).toBeGreaterThan(100);

    // "Mis tareas" has data: overdue, due later, and of no conversation.
    const mine = `FROM tasks WHERE assignee_id = ? AND done = 0`;
    expect(n(`SELECT count(*) AS n ${mine}`, meId)).toBeGreaterThan(5);
    expect(n(`SELECT count(*) AS n ${mine} AND due_at < ?`, meId, FIXED_NOW)).toBeGreaterThan(0);
    expect(n(`SELECT count(*) AS n ${mine} AND due_at > ?`, meId, FIXED_NOW)).toBeGreaterThan(0);
    expect(n(`SELECT count(*) AS n ${mine} AND conversation_id IS NULL`, meId)).toBeGreaterThan(0);
    expect(n('SELECT count(*) AS n FROM tasks WHERE done = 1 AND (done_at IS NULL OR done_by IS NULL)')).toBe(0);
    expect(n('SELECT count(*) AS n FROM tasks WHERE created_at > ? OR done_at > ?', FIXED_NOW, FIXED_NOW)).toBe(0);

    // Tickets: numbered 1..n, each linked to a Servicio y Soporte conversation.
    const tickets = one<{ n: number; lo: number; hi: number }>(
      'SELECT count(*) AS n, min(number) AS lo, max(number) AS hi FROM tickets',
    );
    expect(tickets.n).toBeGreaterThan(5);
    expect(tickets).toMatchObject({ lo: 1, hi: tickets.n });
    expect(
      col(
        'SELECT DISTINCT t.key AS v FROM conversation_tickets l JOIN conversations c ON c.id = l.conversation_id JOIN trays t ON t.id = c.tray_id',
      ),
    ).toEqual(['support']);
    expect(
      n(
        'SELECT count(*) AS n FROM tickets k WHERE NOT EXISTS (SELECT 1 FROM conversation_tickets l WHERE l.ticket_id = k.id)',
      ),
    ).toBe(0);
    expect(s.pragma('foreign_key_check')).toEqual([]);

    function col(sql: string) {
      return (s.prepare(sql).all() as { v: string }[]).map((x) => x.v).sort();
    }
  });
});

// Demo workspace: deterministic for the same seed + clock, and as rich as the guide asks.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/core/db/open';
import { seedDemoWorkspace } from '../../src/core/demo/seed';
import { CHANNEL_KINDS, DEFAULT_TRAYS, STATUSES } from '../../src/shared';
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
});

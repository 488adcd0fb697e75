// The demo workspace written into a database at an OLDER migration (the migration tests upgrade it): rows
// come from the same generator as the app's seed, and each is written with only the tables and columns that
// schema already had — what an older Bandeja would have stored.
import { generateDemoWorkspace, type DemoGenerateOptions } from '../../src/shared/demo';
import type { Sqlite } from '../../src/core/db/open';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function seedLegacyDemo(sqlite: Sqlite, now: number, opts: DemoGenerateOptions = {}): void {
  const columns = new Map<string, Set<string>>();
  const columnsOf = (table: string) => {
    let cols = columns.get(table);
    if (!cols) {
      cols = new Set(
        (sqlite.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map(
          (c) => c.name,
        ),
      );
      columns.set(table, cols);
    }
    return cols;
  };
  const encode = (v: unknown) =>
    typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  sqlite.transaction(() => {
    const rows = generateDemoWorkspace(now, opts);
    let step = rows.next();
    for (; !step.done; step = rows.next()) {
      const { table, row } = step.value;
      const cols = columnsOf(table);
      if (!cols.size) continue; // a table this schema does not have yet
      const entries = Object.entries(row).filter(([k, v]) => cols.has(snake(k)) && v !== undefined);
      sqlite
        .prepare(
          `INSERT OR IGNORE INTO "${table}" (${entries.map(([k]) => `"${snake(k)}"`).join(', ')})
           VALUES (${entries.map(() => '?').join(', ')})`,
        )
        .run(...entries.map(([, v]) => encode(v)));
    }
    const meta = sqlite.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    meta.run('workspaceId', step.value.workspaceId);
    meta.run('meId', step.value.meId);
    meta.run('demoSeed', String(step.value.seed));
  })();
}

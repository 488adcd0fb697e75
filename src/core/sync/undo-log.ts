// Before-images of pending mutations, after SQLite's own undo/redo recipe: TEMP triggers on the tables
// local mutators write record each insert/update/delete into `sync_undo` while a mutation id is being
// captured (a SQL function tells them which; null = not capturing, e.g. while applying server rows).
// Undoing replays the log newest first. Triggers are generated from the drizzle schema at every open,
// so a new column can never be forgotten; the log itself is a real table and survives restarts.
import type { Sqlite } from '../db/open';
import { quoteIdent as quote, type StatementCache } from '../db/statements';
import { CAPTURED_TABLES, type TableInfo } from './tables';

const CAPTURE_FN = 'bandeja_capture_mutation';

export interface UndoLog {
  /** Runs `fn` with every row change recorded under `mutationId`. Not re-entrant. */
  capture<T>(mutationId: number, fn: () => T): T;
  /** Restores every captured row, newest change first, and empties the log. Returns how many. */
  undoAll(): number;
  /** Forgets what one mutation captured (it turned out to change nothing). */
  forget(mutationId: number): void;
  /** Conversations touched by the captured changes (to tell the UI what to re-read). */
  touchedConversations(): string[];
}

const jsonOf = (alias: 'NEW' | 'OLD', cols: string[]) =>
  `json_object(${cols.map((c) => `'${c}', ${alias}.${quote(c)}`).join(', ')})`;

function triggersFor(t: TableInfo): string[] {
  const all = [...t.columns.values()].map((c) => c.name);
  const record = (op: string, pkFrom: 'NEW' | 'OLD', before: string) =>
    `INSERT INTO sync_undo (mutation_id, table_name, op, pk, "before") VALUES (${CAPTURE_FN}(), '${t.name}', '${op}', ${jsonOf(pkFrom, t.pk)}, ${before});`;
  const head = (op: string) =>
    `CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`undo_${t.name}_${op}`)} AFTER ${op.toUpperCase()} ON main.${quote(t.name)} WHEN ${CAPTURE_FN}() IS NOT NULL BEGIN`;
  return [
    `${head('insert')} ${record('insert', 'NEW', 'NULL')} END`,
    `${head('update')} ${record('update', 'OLD', jsonOf('OLD', all))} END`,
    `${head('delete')} ${record('delete', 'OLD', jsonOf('OLD', all))} END`,
  ];
}

export function installUndoLog(sqlite: Sqlite, statements: StatementCache): UndoLog {
  let current: number | null = null;
  sqlite.function(CAPTURE_FN, { deterministic: false }, () => current);
  for (const t of CAPTURED_TABLES) for (const ddl of triggersFor(t)) sqlite.exec(ddl);

  const byName = new Map(CAPTURED_TABLES.map((t) => [t.name, t]));
  const readLog = sqlite.prepare<[], { tableName: string; op: string; pk: string; before: string | null }>(
    'SELECT table_name AS tableName, op, pk, "before" FROM sync_undo ORDER BY seq DESC',
  );
  const clear = sqlite.prepare('DELETE FROM sync_undo');
  const forgetOne = sqlite.prepare('DELETE FROM sync_undo WHERE mutation_id = ?');
  const touched = sqlite.prepare<[], { id: string }>(
    `SELECT DISTINCT coalesce(json_extract("before", '$.conversation_id'), json_extract(pk, '$.conversation_id'),
       CASE WHEN table_name = 'conversations' THEN json_extract(pk, '$.id') END) AS id
     FROM sync_undo WHERE id IS NOT NULL`,
  );

  function restore(entry: { tableName: string; op: string; pk: string; before: string | null }): void {
    const t = byName.get(entry.tableName);
    if (!t) throw new Error(`sync_undo names an uncaptured table: ${entry.tableName}`);
    const pk = JSON.parse(entry.pk) as Record<string, unknown>;
    const where = t.pk.map((c) => `${quote(c)} = ?`).join(' AND ');
    const pkValues = t.pk.map((c) => pk[c]);
    if (entry.op === 'insert') {
      statements.get(`DELETE FROM ${quote(t.name)} WHERE ${where}`).run(...pkValues);
      return;
    }
    const before = JSON.parse(entry.before ?? '{}') as Record<string, unknown>;
    const cols = Object.keys(before);
    if (entry.op === 'update') {
      const set = cols.map((c) => `${quote(c)} = ?`).join(', ');
      statements
        .get(`UPDATE ${quote(t.name)} SET ${set} WHERE ${where}`)
        .run(...cols.map((c) => before[c]), ...pkValues);
      return;
    }
    statements
      .get(`INSERT INTO ${quote(t.name)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...cols.map((c) => before[c]));
  }

  return {
    capture(mutationId, fn) {
      if (current !== null) throw new Error('undo capture is not re-entrant');
      current = mutationId;
      try {
        return fn();
      } finally {
        current = null;
      }
    },
    undoAll() {
      const entries = readLog.all();
      for (const e of entries) restore(e);
      clear.run();
      return entries.length;
    },
    forget(mutationId) {
      forgetOne.run(mutationId);
    },
    touchedConversations() {
      return touched.all().map((r) => r.id);
    },
  };
}

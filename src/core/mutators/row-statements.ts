// The replica's row access for the shared mutators, as prepared statements generated from the drizzle
// schema and cached by shape ("get conversations by id", "update conversations set status, updated_at by
// id"): a mutation runs a dozen of these, and building each query anew cost more than running it. Values go
// through the columns' own driver mapping (booleans, JSON), so rows read here equal drizzle's.
import type { SyncEntity } from '../../shared';
import type { Row } from '../../shared/mutators';
import { quoteIdent as quote, type StatementCache } from '../db/statements';
import { SYNCED_TABLES, type TableInfo } from '../sync/tables';
import { AppError } from '../../shared';

const toDriver = (t: TableInfo, key: string, value: unknown): unknown => {
  const col = t.columns.get(key);
  if (!col) throw new AppError('internal', `${t.name} has no column ${key}`);
  return value === null || value === undefined ? null : col.mapToDriverValue(value);
};

/** SQL column name → property key, per table. */
const propertyOf = new Map<string, Map<string, string>>(
  Object.values(SYNCED_TABLES).map((t) => [t.name, new Map([...t.columns].map(([key, col]) => [col.name, key]))]),
);

function fromDriver(t: TableInfo, raw: Record<string, unknown> | undefined): Row | undefined {
  if (!raw) return undefined;
  const keys = propertyOf.get(t.name)!;
  const row: Row = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = keys.get(name);
    if (!key) continue;
    row[key] = value === null ? null : t.columns.get(key)!.mapFromDriverValue(value);
  }
  return row;
}

/** `"a" = ? AND "b" IS NULL`, and the values for its placeholders. */
function whereOf(t: TableInfo, key: Row): { sql: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const [k, v] of Object.entries(key)) {
    const name = quote(t.columns.get(k)?.name ?? k);
    if (v === null) parts.push(`${name} IS NULL`);
    else {
      parts.push(`${name} = ?`);
      values.push(toDriver(t, k, v));
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', values };
}

const columnsOf = (t: TableInfo, keys: string[]) => keys.map((k) => quote(t.columns.get(k)?.name ?? k));

export function rowStatements(statements: StatementCache) {
  const table = (entity: SyncEntity) => SYNCED_TABLES[entity];
  return {
    get(entity: SyncEntity, key: Row): Row | undefined {
      const t = table(entity);
      const w = whereOf(t, key);
      const raw = statements.get(`SELECT * FROM ${quote(t.name)} WHERE ${w.sql} LIMIT 1`).get(...w.values);
      return fromDriver(t, raw as Record<string, unknown> | undefined);
    },
    find(entity: SyncEntity, where: Row): Row[] {
      const t = table(entity);
      const w = whereOf(t, where);
      const rows = statements.get(`SELECT * FROM ${quote(t.name)} WHERE ${w.sql}`).all(...w.values);
      return (rows as Record<string, unknown>[]).map((r) => fromDriver(t, r)!);
    },
    insert(entity: SyncEntity, row: Row): Row {
      const t = table(entity);
      const keys = Object.keys(row).filter((k) => row[k] !== undefined);
      const raw = statements
        .get(
          `INSERT INTO ${quote(t.name)} (${columnsOf(t, keys).join(', ')}) VALUES (${keys.map(() => '?').join(', ')}) RETURNING *`,
        )
        .get(...keys.map((k) => toDriver(t, k, row[k])));
      return fromDriver(t, raw as Record<string, unknown>)!;
    },
    update(entity: SyncEntity, key: Row, set: Row): Row | undefined {
      const t = table(entity);
      const keys = Object.keys(set).filter((k) => set[k] !== undefined);
      const w = whereOf(t, key);
      const raw = statements
        .get(
          `UPDATE ${quote(t.name)} SET ${columnsOf(t, keys)
            .map((c) => `${c} = ?`)
            .join(', ')} WHERE ${w.sql} RETURNING *`,
        )
        .get(...keys.map((k) => toDriver(t, k, set[k])), ...w.values);
      return fromDriver(t, raw as Record<string, unknown> | undefined);
    },
    remove(entity: SyncEntity, key: Row): Row | undefined {
      const t = table(entity);
      const w = whereOf(t, key);
      const raw = statements.get(`DELETE FROM ${quote(t.name)} WHERE ${w.sql} RETURNING *`).get(...w.values);
      return fromDriver(t, raw as Record<string, unknown> | undefined);
    },
  };
}

export type RowStatements = ReturnType<typeof rowStatements>;

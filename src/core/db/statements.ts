// Prepared-statement cache for hot read paths: list pages and counts run hundreds of times a minute,
// and preparing is a measurable part of a sub-millisecond query.
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open';

export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly sqlite: Sqlite) {}

  get(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
}

/** A SQL identifier for statements built from the schema (table and column names), quoted for SQLite. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

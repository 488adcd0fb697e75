// Server rows into the replica. `put` upserts the columns the server sent (unknown keys — columns this
// app version does not have — are ignored, missing ones keep their local value or default); `del` removes
// the row, and a conversation leaves with its children. Foreign keys are checked at commit, so the order
// of rows inside one pull page does not matter.
import type { SyncChange } from '../../shared';
import { quoteIdent as quote, type StatementCache } from '../db/statements';
import { COMPOSITE_ID_KEYS, CONVERSATION_CHILDREN, SYNCED_TABLES, type TableInfo } from './tables';

export interface AppliedChanges {
  /** Conversations whose rows (or children) changed. */
  conversationIds: Set<string>;
  /** Reference data (agents, trays, tags…) changed: the session and counts must be re-read. */
  reference: boolean;
}

/**
 * Removes conversations with their children (messages, notes, tags, cycles, history): one that left this
 * agent's sight (`id`), or every conversation of a tray the agent left (`tray_id`).
 */
export function dropConversations(statements: StatementCache, by: 'id' | 'tray_id', value: string): void {
  const ids = `SELECT id FROM conversations WHERE ${by} = ?`;
  for (const child of CONVERSATION_CHILDREN)
    statements.get(`DELETE FROM ${quote(child)} WHERE conversation_id IN (${ids})`).run(value);
  statements.get(`DELETE FROM conversations WHERE ${by} = ?`).run(value);
}

export function createChangeApplier(statements: StatementCache) {
  function encode(t: TableInfo, key: string, value: unknown): unknown {
    const col = t.columns.get(key)!;
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'object') return JSON.stringify(value);
    return col.mapToDriverValue(value);
  }

  function put(t: TableInfo, data: Record<string, unknown>): void {
    const keys = Object.keys(data).filter((k) => t.columns.has(k) && data[k] !== undefined);
    const cols = keys.map((k) => t.columns.get(k)!.name);
    const updates = cols.filter((c) => !t.pk.includes(c));
    const conflict = updates.length
      ? `DO UPDATE SET ${updates.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}`
      : 'DO NOTHING';
    statements
      .get(
        `INSERT INTO ${quote(t.name)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ` +
          `ON CONFLICT (${t.pk.map(quote).join(', ')}) ${conflict}`,
      )
      .run(...keys.map((k) => encode(t, k, data[k])));
  }

  function pkValues(change: SyncChange, t: TableInfo): unknown[] {
    const data = change.data ?? {};
    if (t.pkKeys.every((k) => data[k] !== undefined)) return t.pkKeys.map((k) => data[k]);
    const composite = COMPOSITE_ID_KEYS[change.entity];
    if (!composite) return [change.entityId];
    const parts = change.entityId.split('/');
    return t.pkKeys.map((k) => parts[composite.indexOf(k)] ?? null);
  }

  function del(change: SyncChange, t: TableInfo): void {
    const values = pkValues(change, t);
    if (change.entity === 'conversations') return dropConversations(statements, 'id', String(values[0]));
    statements
      .get(`DELETE FROM ${quote(t.name)} WHERE ${t.pk.map((c) => `${quote(c)} = ?`).join(' AND ')}`)
      .run(...values);
  }

  /** Applies in order; the caller holds the transaction. */
  return function applyChanges(changes: SyncChange[]): AppliedChanges {
    statements.get('PRAGMA defer_foreign_keys = ON').run();
    const result: AppliedChanges = { conversationIds: new Set(), reference: false };
    for (const change of changes) {
      const t = SYNCED_TABLES[change.entity];
      if (change.op === 'del') del(change, t);
      else if (change.data) put(t, change.data);
      const convId =
        change.entity === 'conversations'
          ? change.entityId
          : typeof change.data?.conversationId === 'string'
            ? change.data.conversationId
            : change.entity === 'conversation_tags'
              ? change.entityId.split('/')[0]
              : undefined;
      if (convId) result.conversationIds.add(convId);
      else if (change.entity !== 'contacts' && change.entity !== 'contact_identities' && change.entity !== 'companies')
        result.reference = true;
    }
    return result;
  };
}

export type ChangeApplier = ReturnType<typeof createChangeApplier>;

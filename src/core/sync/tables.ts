// Which local tables the sync touches, by their SQL name, with what the generic row code needs:
// columns (drizzle property key → SQL name, with the driver encoding) and primary-key columns.
import { getTableColumns, type Column } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { CONVERSATION_CHILD_ENTITIES, type SyncEntity } from '../../shared';
import * as schema from '../db/schema';

export interface TableInfo {
  name: string;
  table: SQLiteTable;
  /** property key → column */
  columns: Map<string, Column>;
  /** SQL names of the primary-key columns, in key order. */
  pk: string[];
  /** Property keys of the primary-key columns, in key order. */
  pkKeys: string[];
}

function describe(table: SQLiteTable): TableInfo {
  const config = getTableConfig(table);
  const columns = new Map(Object.entries(getTableColumns(table)) as [string, Column][]);
  const keyOf = new Map([...columns].map(([key, col]) => [col.name, key]));
  const pk =
    config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
  return { name: config.name, table, columns, pk, pkKeys: pk.map((n) => keyOf.get(n)!) };
}

/** Rows the server sends (src/shared/sync.ts SYNC_ENTITIES), each a local table of the same name. */
export const SYNCED_TABLES: Record<SyncEntity, TableInfo> = {
  workspaces: describe(schema.workspaces),
  agents: describe(schema.agents),
  trays: describe(schema.trays),
  categories: describe(schema.categories),
  tray_members: describe(schema.trayMembers),
  channels: describe(schema.channels),
  tags: describe(schema.tags),
  companies: describe(schema.companies),
  contacts: describe(schema.contacts),
  contact_identities: describe(schema.contactIdentities),
  conversations: describe(schema.conversations),
  conversation_tags: describe(schema.conversationTags),
  conversation_cycles: describe(schema.conversationCycles),
  messages: describe(schema.messages),
  notes: describe(schema.notes),
  audit_log: describe(schema.auditLog),
  dispositions: describe(schema.dispositions),
  tasks: describe(schema.tasks),
  tickets: describe(schema.tickets),
  conversation_tickets: describe(schema.conversationTickets),
};

/**
 * Tables local mutators write — every synced table, since the shared mutators may touch any of them
 * (settings write trays and tags, merges move messages): their before-images are captured while a
 * mutation is pending. The local audit log is among them, so a refused change leaves no trace either.
 */
export const CAPTURED_TABLES: TableInfo[] = Object.values(SYNCED_TABLES);

/** Children removed with a conversation that leaves this agent's sight (tray move, deletion). */
export const CONVERSATION_CHILDREN: readonly string[] = CONVERSATION_CHILD_ENTITIES;

/** Composite entity ids on the wire: `a/b` in this order of property keys (src/shared/sync.ts). */
export const COMPOSITE_ID_KEYS: Partial<Record<SyncEntity, string[]>> = {
  conversation_tags: ['conversationId', 'tagId'],
  tray_members: ['trayId', 'agentId'],
  conversation_tickets: ['conversationId', 'ticketId'],
};

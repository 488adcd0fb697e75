// The row shapes the shared mutators read and write (src/shared/rows.ts) are the replica's tables and the
// server's tables alike: the same property names on both sides (server-only columns named), the same
// primary keys, and — checked by the compiler — the replica's rows assignable to the shared types.
import { getTableColumns, type Table } from 'drizzle-orm';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as client from '../../src/core/db/schema';
import { SYNCED_TABLES } from '../../src/core/sync/tables';
import * as server from '../../src/server/db/schema';
import { ENTITY_KEYS, type RowOf, SYNC_ENTITIES, type SyncEntity } from '../../src/shared';

/** Server tables by entity (the client's come from SYNCED_TABLES). */
const SERVER: Record<SyncEntity, Table> = {
  workspaces: server.workspaces,
  agents: server.agents,
  trays: server.trays,
  categories: server.categories,
  tray_members: server.trayMembers,
  channels: server.channels,
  tags: server.tags,
  companies: server.companies,
  contacts: server.contacts,
  contact_identities: server.contactIdentities,
  conversations: server.conversations,
  conversation_tags: server.conversationTags,
  conversation_cycles: server.conversationCycles,
  messages: server.messages,
  notes: server.notes,
  audit_log: server.auditLog,
  dispositions: server.dispositions,
  tasks: server.tasks,
  tickets: server.tickets,
  conversation_tickets: server.conversationTickets,
};

/** Columns only one side has, on purpose (each with its reason in the schema files). */
const SERVER_ONLY: Partial<Record<SyncEntity, string[]>> = {
  workspaces: ['slug'],
  agents: ['passwordHash', 'updatedAt'],
  categories: ['workspaceId'],
  contact_identities: ['workspaceId'],
};
const CLIENT_ONLY: Partial<Record<SyncEntity, string[]>> = {
  // Trigger-maintained copies for the tag views (migration 0003).
  conversation_tags: ['status', 'lastActivityAt'],
};

describe('shared rows', () => {
  it.each([...SYNC_ENTITIES])('%s: the same columns on the replica and on the server', (entity) => {
    const clientKeys = [...SYNCED_TABLES[entity].columns.keys()].filter((k) => !CLIENT_ONLY[entity]?.includes(k));
    const serverKeys = Object.keys(getTableColumns(SERVER[entity])).filter((k) => !SERVER_ONLY[entity]?.includes(k));
    expect(clientKeys.sort()).toEqual(serverKeys.sort());
    // The primary key the mutators address rows by is the replica's primary key.
    expect([...SYNCED_TABLES[entity].pkKeys].sort()).toEqual([...ENTITY_KEYS[entity]].sort());
    expect(sqliteConfig(SYNCED_TABLES[entity].table).name).toBe(entity);
  });

  it('the replica rows fit the shared types (checked by the compiler)', () => {
    // Each line fails to compile if a column is missing or typed differently on the replica.
    const fits = <E extends SyncEntity>(_e: E, row: RowOf<E>) => row;
    const conversation = {} as typeof client.conversations.$inferSelect;
    const note = {} as typeof client.notes.$inferSelect;
    const task = {} as typeof client.tasks.$inferSelect;
    const cycle = {} as typeof client.conversationCycles.$inferSelect;
    const ticket = {} as typeof client.tickets.$inferSelect;
    expect([
      fits('conversations', { ...conversation, status: conversation.status }),
      fits('notes', note),
      fits('tasks', task),
      fits('conversation_cycles', cycle),
      fits('tickets', ticket),
    ]).toHaveLength(5);
  });
});

// Server rows → change-log entries in the client's row shape (src/core/db/schema.ts, camelCase drizzle
// property names). Columns only the server has (workspace_id where the client has none, password hashes)
// stop here.
import type { auditLog, conversationCycles, conversationTags, conversations, messages, notes } from '../db/schema';
import type { SyncEntity } from '../../shared';
import type { Change } from './changes';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];
type Conversation = Row<typeof conversations>;

/** Columns a replica never receives: secrets, server bookkeeping, the workspace where the client has none. */
const SERVER_ONLY: Partial<Record<SyncEntity, readonly string[]>> = {
  workspaces: ['slug'],
  agents: ['passwordHash', 'updatedAt'],
  categories: ['workspaceId'],
  contact_identities: ['workspaceId'],
  // Pull stamps a conversation row with the version of the change that carries it.
  conversations: ['version'],
};

/** A server row in the shape a replica stores: without the columns above. */
export function clientData(entity: SyncEntity, row: Record<string, unknown>): Record<string, unknown> {
  const omit = SERVER_ONLY[entity];
  if (!omit) return { ...row };
  return Object.fromEntries(Object.entries(row).filter(([k]) => !omit.includes(k)));
}

export function conversationChange(c: Conversation, op: 'put' | 'del' = 'put'): Change {
  return {
    entity: 'conversations',
    entityId: c.id,
    trayId: c.trayId,
    op,
    data: op === 'put' ? clientData('conversations', c) : null,
  };
}

export const messageChange = (m: Row<typeof messages>, trayId: string): Change => ({
  entity: 'messages',
  entityId: m.id,
  trayId,
  op: 'put',
  data: { ...m },
});

export const noteChange = (n: Row<typeof notes>, trayId: string): Change => ({
  entity: 'notes',
  entityId: n.id,
  trayId,
  op: 'put',
  data: { ...n },
});

export const cycleChange = (c: Row<typeof conversationCycles>, trayId: string): Change => ({
  entity: 'conversation_cycles',
  entityId: c.id,
  trayId,
  op: 'put',
  data: { ...c },
});

export const tagLinkChange = (t: Row<typeof conversationTags>, trayId: string, op: 'put' | 'del' = 'put'): Change => ({
  entity: 'conversation_tags',
  entityId: `${t.conversationId}/${t.tagId}`,
  trayId,
  op,
  data: op === 'put' ? { ...t } : { conversationId: t.conversationId, tagId: t.tagId },
});

/** A conversation's history entry, seen by whoever sees the conversation. */
export const auditChange = (a: Row<typeof auditLog>, trayId: string): Change => ({
  entity: 'audit_log',
  entityId: a.id,
  trayId,
  op: 'put',
  data: { ...a },
});

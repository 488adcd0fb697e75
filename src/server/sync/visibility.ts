// A conversation moved to another tray changes who may see it. Agents of the old tray get a `del` (their
// client drops the conversation with its messages, notes, tags, cycles, tasks and ticket links); agents of
// the new tray get the conversation and all its children (its history included) again, since they never
// pulled them under the old tray. An agent in both trays replays del then put and ends with the full
// conversation. Tickets themselves are workspace-wide (trayId null): every replica already has them.
import { eq } from 'drizzle-orm';
import { entityIdOf } from '../../shared';
import type { Db } from '../db/open';
import {
  auditLog,
  conversationCycles,
  conversationTags,
  conversationTickets,
  messages,
  notes,
  tasks,
} from '../db/schema';
import type { Change } from './changes';
import { auditChange, cycleChange, messageChange, noteChange, tagLinkChange } from './rows';

/** A task or ticket link of a conversation, seen by whoever sees the conversation. */
function linkedChange(
  entity: 'tasks' | 'conversation_tickets',
  row: typeof tasks.$inferSelect | typeof conversationTickets.$inferSelect,
  trayId: string,
): Change {
  return { entity, entityId: entityIdOf(entity, row), trayId, op: 'put', data: { ...row } };
}

export async function reemitConversation(tx: Db, oldTrayId: string, moved: Change): Promise<Change[]> {
  const conversationId = moved.entityId;
  const trayId = moved.trayId!;
  // One after another: a transaction is one connection, and pg deprecates overlapping queries on it.
  const cycleRows = await tx
    .select()
    .from(conversationCycles)
    .where(eq(conversationCycles.conversationId, conversationId));
  const messageRows = await tx.select().from(messages).where(eq(messages.conversationId, conversationId));
  const noteRows = await tx.select().from(notes).where(eq(notes.conversationId, conversationId));
  const tagRows = await tx.select().from(conversationTags).where(eq(conversationTags.conversationId, conversationId));
  const auditRows = await tx.select().from(auditLog).where(eq(auditLog.conversationId, conversationId));
  const taskRows = await tx.select().from(tasks).where(eq(tasks.conversationId, conversationId));
  const ticketLinks = await tx
    .select()
    .from(conversationTickets)
    .where(eq(conversationTickets.conversationId, conversationId));
  return [
    { ...moved, trayId: oldTrayId, op: 'del', data: null },
    moved,
    ...cycleRows.map((c) => cycleChange(c, trayId)),
    ...messageRows.map((m) => messageChange(m, trayId)),
    ...noteRows.map((n) => noteChange(n, trayId)),
    ...tagRows.map((t) => tagLinkChange(t, trayId)),
    ...auditRows.map((a) => auditChange(a, trayId)),
    ...taskRows.map((t) => linkedChange('tasks', t, trayId)),
    ...ticketLinks.map((l) => linkedChange('conversation_tickets', l, trayId)),
  ];
}

// Appends to the audit log inside the caller's transaction, so the record exists exactly when the change does.
import { newId } from '../../shared';
import type { Db } from '../db/open';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  workspaceId: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  /** Set for changes to a conversation or its messages, notes and tags (the conversation's history). */
  conversationId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  at: number;
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Returns the row, so sync can put it in the change log (a conversation's history reaches every replica). */
export async function recordAudit(db: Db, e: AuditEntry): Promise<AuditRow> {
  const [row] = await db
    .insert(auditLog)
    .values({
      id: newId(),
      workspaceId: e.workspaceId,
      actorId: e.actorId,
      actorKind: e.actorId ? 'agent' : 'system',
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      conversationId: e.conversationId ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      at: e.at,
    })
    .returning();
  return row!;
}

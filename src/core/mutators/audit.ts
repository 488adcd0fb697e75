// Audit log writer: every change records actor, time and the fields before/after.
import { newId } from '../../shared';
import type { CoreContext } from '../context';
import { auditLog } from '../db/schema';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  conversationId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: number;
}

export function writeAudit(ctx: CoreContext, entry: AuditEntry): void {
  ctx.db
    .insert(auditLog)
    .values({
      id: newId(),
      workspaceId: ctx.workspaceId,
      actorId: ctx.meId,
      actorKind: 'agent',
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      conversationId: entry.conversationId,
      before: entry.before ? JSON.stringify(entry.before) : null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      at: entry.at,
    })
    .run();
}

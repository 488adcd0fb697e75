// Lookups mutators share: they throw typed errors the UI can translate.
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../shared';
import type { CoreContext } from '../context';
import { agents, categories, conversations, tags, trays } from '../db/schema';

export function loadConversation(ctx: CoreContext, id: string) {
  const row = ctx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.workspaceId, ctx.workspaceId)))
    .get();
  if (!row) throw new AppError('not_found', `Conversation ${id} not found`, 'errors.conversationNotFound');
  return row;
}

export function requireActiveAgent(ctx: CoreContext, id: string): void {
  const a = ctx.db.select().from(agents).where(eq(agents.id, id)).get();
  if (!a || a.workspaceId !== ctx.workspaceId)
    throw new AppError('not_found', `Agent ${id} not found`, 'errors.agentNotFound');
  if (!a.active) throw new AppError('rule_violation', `Agent ${id} is disabled`, 'errors.agentDisabled');
}

export function requireTrayAndCategory(ctx: CoreContext, trayId: string, categoryId: string | null): void {
  const t = ctx.db.select().from(trays).where(eq(trays.id, trayId)).get();
  if (!t || t.workspaceId !== ctx.workspaceId)
    throw new AppError('not_found', `Tray ${trayId} not found`, 'errors.trayNotFound');
  if (!t.active) throw new AppError('rule_violation', `Tray ${trayId} is inactive`, 'errors.trayInactive');
  if (categoryId === null) return;
  const c = ctx.db.select().from(categories).where(eq(categories.id, categoryId)).get();
  if (!c || c.trayId !== trayId) {
    throw new AppError('rule_violation', `Category ${categoryId} is not in tray ${trayId}`, 'errors.categoryNotInTray');
  }
  if (!c.active) throw new AppError('rule_violation', `Category ${categoryId} is inactive`, 'errors.categoryInactive');
}

export function requireTag(ctx: CoreContext, id: string): void {
  const t = ctx.db.select().from(tags).where(eq(tags.id, id)).get();
  if (!t || t.workspaceId !== ctx.workspaceId)
    throw new AppError('not_found', `Tag ${id} not found`, 'errors.tagNotFound');
}

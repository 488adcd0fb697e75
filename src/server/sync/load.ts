// Lookups and checks the server's mutators share. Each refusal is an AppError whose message is plain
// Spanish (it reaches the agent next to the conversation) and whose messageKey matches the client's own
// mutator errors (src/core/mutators/load.ts) where one exists. Every lookup is scoped to the workspace,
// so an id from another workspace behaves exactly like a missing one.
import { and, eq } from 'drizzle-orm';
import { AppError, type ErrorCode } from '../../shared';
import type { AgentRow } from '../auth/sessions';
import type { Db } from '../db/open';
import type { AuditRow } from '../services/audit';
import { agents, categories, conversations, tags, trays } from '../db/schema';

export interface MutationContext {
  tx: Db;
  workspaceId: string;
  actor: AgentRow;
  /** Trays the actor belongs to (what an `agent` may touch). */
  actorTrayIds: ReadonlySet<string>;
  /** Server clock: the order is the server's, never the client's. */
  at: number;
  /** Audit rows this mutation wrote: push puts them in the change log with the conversation's tray. */
  audits: AuditRow[];
}

export const refuse = (code: ErrorCode, messageKey: string, spanish: string) => new AppError(code, spanish, messageKey);

export async function loadConversation(ctx: MutationContext, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.workspaceId, ctx.workspaceId)))
    .for('update');
  if (!row) throw refuse('not_found', 'errors.conversationNotFound', 'La conversación ya no existe');
  return row;
}

async function loadTray(ctx: MutationContext, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(trays)
    .where(and(eq(trays.id, id), eq(trays.workspaceId, ctx.workspaceId)));
  if (!row) throw refuse('not_found', 'errors.trayNotFound', 'La bandeja ya no existe');
  return row;
}

/** Agents work only inside their trays; supervisors and admins across the workspace. */
export async function requireTrayAccess(ctx: MutationContext, trayId: string): Promise<void> {
  if (ctx.actor.role !== 'agent' || ctx.actorTrayIds.has(trayId)) return;
  const tray = await loadTray(ctx, trayId);
  throw refuse('forbidden', 'errors.notTrayMember', `No perteneces a la bandeja ${tray.name}`);
}

export async function requireActiveAgent(ctx: MutationContext, id: string): Promise<void> {
  const [a] = await ctx.tx
    .select()
    .from(agents)
    .where(and(eq(agents.id, id), eq(agents.workspaceId, ctx.workspaceId)));
  if (!a) throw refuse('not_found', 'errors.agentNotFound', 'Ese agente ya no existe');
  if (!a.active) throw refuse('rule_violation', 'errors.agentDisabled', `${a.name} está desactivado`);
}

export async function requireTrayAndCategory(
  ctx: MutationContext,
  trayId: string,
  categoryId: string | null,
): Promise<void> {
  const t = await loadTray(ctx, trayId);
  if (!t.active) throw refuse('rule_violation', 'errors.trayInactive', `La bandeja ${t.name} está desactivada`);
  if (categoryId === null) return;
  const [c] = await ctx.tx.select().from(categories).where(eq(categories.id, categoryId));
  if (!c || c.trayId !== trayId) {
    throw refuse('rule_violation', 'errors.categoryNotInTray', `Esa categoría no pertenece a la bandeja ${t.name}`);
  }
  if (!c.active) throw refuse('rule_violation', 'errors.categoryInactive', `La categoría ${c.name} está desactivada`);
}

export async function requireTag(ctx: MutationContext, id: string): Promise<void> {
  const [t] = await ctx.tx
    .select()
    .from(tags)
    .where(and(eq(tags.id, id), eq(tags.workspaceId, ctx.workspaceId)));
  if (!t) throw refuse('not_found', 'errors.tagNotFound', 'La etiqueta ya no existe');
}

// Lookups and checks every mutator shares. Each lookup is scoped to the workspace, so an id from another
// workspace behaves exactly like a missing one; each refusal carries plain Spanish for the agent and a
// messageKey the UI translates.
import type { Role } from '../domain';
import type { ConversationRow, TrayRow } from '../rows';
import { readSettings, type WorkspaceSettings } from '../settings';
import { type MutatorEnv, getRow, refuse, type Tx } from './runtime';

export function* loadConversation(env: MutatorEnv, id: string): Tx<ConversationRow> {
  const row = yield* getRow('conversations', { id });
  if (!row || row.workspaceId !== env.workspaceId)
    throw refuse('not_found', 'errors.conversationNotFound', 'La conversación ya no existe');
  return row;
}

export function* loadTray(env: MutatorEnv, id: string): Tx<TrayRow> {
  const row = yield* getRow('trays', { id });
  if (!row || row.workspaceId !== env.workspaceId)
    throw refuse('not_found', 'errors.trayNotFound', 'La bandeja ya no existe');
  return row;
}

/** Supervisors and admins see every tray; an agent, the trays they belong to. */
export function* seesTray(agent: { id: string; role: Role }, trayId: string): Tx<boolean> {
  if (agent.role !== 'agent') return true;
  return Boolean(yield* getRow('tray_members', { trayId, agentId: agent.id }));
}

/** Agents work only inside their trays; supervisors and admins across the workspace. */
export function* requireTrayAccess(env: MutatorEnv, trayId: string): Tx<void> {
  if (yield* seesTray(env.actor, trayId)) return;
  const tray = yield* loadTray(env, trayId);
  throw refuse('forbidden', 'errors.notTrayMember', `No perteneces a la bandeja ${tray.name}`, { tray: tray.name });
}

/** The conversation, checked to be one the actor may touch. */
export function* loadForActor(env: MutatorEnv, conversationId: string): Tx<ConversationRow> {
  const conv = yield* loadConversation(env, conversationId);
  yield* requireTrayAccess(env, conv.trayId);
  return conv;
}

export function* requireActiveAgent(env: MutatorEnv, id: string) {
  const a = yield* getRow('agents', { id });
  if (!a || a.workspaceId !== env.workspaceId)
    throw refuse('not_found', 'errors.agentNotFound', 'Ese agente ya no existe');
  if (!a.active) throw refuse('rule_violation', 'errors.agentDisabled', `${a.name} está desactivado`, { name: a.name });
  return a;
}

export function* requireTrayAndCategory(env: MutatorEnv, trayId: string, categoryId: string | null): Tx<TrayRow> {
  const t = yield* loadTray(env, trayId);
  if (!t.active)
    throw refuse('rule_violation', 'errors.trayInactive', `La bandeja ${t.name} está desactivada`, { tray: t.name });
  if (categoryId === null) return t;
  const c = yield* getRow('categories', { id: categoryId });
  if (!c || c.trayId !== trayId)
    throw refuse('rule_violation', 'errors.categoryNotInTray', `Esa categoría no pertenece a la bandeja ${t.name}`, {
      tray: t.name,
    });
  if (!c.active)
    throw refuse('rule_violation', 'errors.categoryInactive', `La categoría ${c.name} está desactivada`, {
      category: c.name,
    });
  return t;
}

export function* requireTag(env: MutatorEnv, id: string) {
  const t = yield* getRow('tags', { id });
  if (!t || t.workspaceId !== env.workspaceId)
    throw refuse('not_found', 'errors.tagNotFound', 'La etiqueta ya no existe');
  return t;
}

/** Client-minted ids must be new: an id already taken (by anyone, in any workspace) is refused, not merged. */
export function* requireNewId(entity: 'notes' | 'messages' | 'tasks' | 'tickets' | 'companies', id: string) {
  if (yield* getRow(entity, { id })) throw refuse('conflict', 'errors.idTaken', 'Ese elemento ya existe');
}

export function* requireAdmin(env: MutatorEnv): Tx<void> {
  if (env.actor.role !== 'admin')
    throw refuse('forbidden', 'errors.adminOnly', 'Solo un administrador puede cambiar la configuración');
  yield* [];
}

export function* workspaceSettings(env: MutatorEnv): Tx<WorkspaceSettings> {
  const w = yield* getRow('workspaces', { id: env.workspaceId });
  return readSettings(w?.settings);
}

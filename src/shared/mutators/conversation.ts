// Classification mutators: assign, move, status, tags. Handing a conversation to another team or up to a
// supervisor needs the guide's descriptive note first (notes-rules.ts).
import { newId } from '../ids';
import type { MutationArgsOf } from '../mutations';
import type { ConversationRow } from '../rows';
import { decideAssign } from '../rules/assignment';
import { checkAgentTransition } from '../rules/status-machine';
import {
  loadConversation,
  loadForActor,
  loadTray,
  requireActiveAgent,
  requireTag,
  requireTrayAndCategory,
  seesTray,
} from './access';
import { requireNote } from './notes-rules';
import { audit, deleteRow, getRow, insertRow, type MutatorEnv, refuse, type Tx, updateRow } from './runtime';

export type Mutator<A, R = void> = (env: MutatorEnv, args: A) => Tx<R>;

export function* touchConversation(env: MutatorEnv, id: string, set: Partial<ConversationRow> = {}) {
  return (yield* updateRow('conversations', { id }, { ...set, updatedAt: env.at }))!;
}

/** Is assigning to `assigneeId` an escalation (an agent handing the conversation up to a supervisor)? */
export function* isEscalation(env: MutatorEnv, assigneeId: string | null): Tx<boolean> {
  if (assigneeId === null || assigneeId === env.actor.id || env.actor.role !== 'agent') return false;
  const a = yield* getRow('agents', { id: assigneeId });
  return a?.role === 'supervisor' || a?.role === 'admin';
}

/** The race's loser is told who won, by name. */
function* assignedMeanwhile(current: string | null): Tx<never> {
  if (current === null)
    throw refuse(
      'conflict',
      'errors.assignedMeanwhile',
      'Mientras tanto, otra persona dejó esta conversación sin asignar',
    );
  const owner = yield* getRow('agents', { id: current });
  const name = owner?.name ?? 'otra persona';
  throw refuse('conflict', 'errors.assignedMeanwhile', `Mientras tanto, ${name} tomó esta conversación`, { name });
}

export const assign: Mutator<MutationArgsOf<'assign'>> = function* (env, args) {
  const conv = yield* loadForActor(env, args.conversationId);
  const decision = decideAssign({
    current: conv.assigneeId,
    requested: args.assigneeId,
    expected: args.expectedAssigneeId,
  });
  if (decision.kind === 'unchanged') return;
  if (decision.kind === 'conflict') yield* assignedMeanwhile(decision.current);
  if (args.assigneeId !== null) {
    const assignee = yield* requireActiveAgent(env, args.assigneeId);
    // An owner who cannot open the conversation is no owner (guide §7: "siempre debe haber un responsable").
    if (!(yield* seesTray(assignee, conv.trayId)))
      throw refuse(
        'rule_violation',
        'errors.assigneeNotInTray',
        `${assignee.name} no pertenece a esta bandeja: no podría ver la conversación`,
        { name: assignee.name },
      );
  }
  if (yield* isEscalation(env, args.assigneeId)) yield* requireNote(env, conv, { kind: 'escalate' });
  yield* touchConversation(env, conv.id, { assigneeId: args.assigneeId });
  yield* audit({
    action: 'conversation.assigned',
    entity: 'conversation',
    entityId: conv.id,
    conversationId: conv.id,
    before: { assigneeId: conv.assigneeId },
    after: { assigneeId: args.assigneeId },
  });
};

/**
 * Any active tray may receive a conversation (triage hands them to the team that owns the matter, guide
 * §4 paso 2); moving one out requires being allowed to touch it. A hand-off to another team needs the
 * descriptive note.
 */
export const move: Mutator<MutationArgsOf<'move'>> = function* (env, { conversationId, trayId, categoryId }) {
  const conv = yield* loadForActor(env, conversationId);
  if (conv.trayId === trayId && conv.categoryId === categoryId) return;
  const target = yield* requireTrayAndCategory(env, trayId, categoryId);
  if (target.id !== conv.trayId) {
    const from = yield* loadTray(env, conv.trayId);
    yield* requireNote(env, conv, { kind: 'move', fromTeam: from.team, toTeam: target.team });
  }
  yield* touchConversation(env, conversationId, { trayId, categoryId });
  yield* audit({
    action: 'conversation.moved',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { trayId: conv.trayId, categoryId: conv.categoryId },
    after: { trayId, categoryId },
  });
};

/**
 * Opens the next cycle (a reopen by hand). The replica's optimistic row and the server's have different
 * ids; the rebase undoes the first before it applies the second, so (conversation, number) stays unique.
 */
export function* startCycle(env: MutatorEnv, conv: ConversationRow): Tx<number> {
  const number = conv.cycle + 1;
  yield* insertRow('conversation_cycles', { id: newId(), conversationId: conv.id, number, startedAt: env.at });
  return number;
}

export const setStatus: Mutator<MutationArgsOf<'setStatus'>> = function* (env, { conversationId, status }) {
  const conv = yield* loadForActor(env, conversationId);
  if (conv.status === status) return;
  const check = checkAgentTransition(conv.status, status);
  if (!check.ok)
    throw refuse('rule_violation', 'errors.transitionNotAllowed', 'Ese cambio de estado no está permitido');
  const set: Partial<ConversationRow> = { status, snoozedUntil: null, snoozedBy: null };
  // A follow-up reminder belongs to Pendientes: leaving it cancels the reminder.
  if (status !== 'pending') Object.assign(set, { followUpAt: null, followUpBy: null });
  if (conv.status === 'resolved') {
    // Reopening by hand starts a new cycle: its KPIs (first response, resolution) start over (METRICS.md).
    const cycle = yield* startCycle(env, conv);
    Object.assign(set, { cycle, cycleStartedAt: env.at });
  }
  yield* touchConversation(env, conversationId, set);
  yield* audit({
    action: 'conversation.statusChanged',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { status: conv.status },
    after: { status, ...(set.cycle ? { cycle: set.cycle } : {}) },
  });
};

export const addTag: Mutator<MutationArgsOf<'addTag'>> = function* (env, { conversationId, tagId }) {
  yield* loadForActor(env, conversationId);
  yield* requireTag(env, tagId);
  if (yield* getRow('conversation_tags', { conversationId, tagId })) return;
  yield* insertRow('conversation_tags', { conversationId, tagId, createdAt: env.at });
  yield* touchConversation(env, conversationId);
  yield* audit({
    action: 'conversation.tagAdded',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: null,
    after: { tagId },
  });
};

export const removeTag: Mutator<MutationArgsOf<'removeTag'>> = function* (env, { conversationId, tagId }) {
  yield* loadForActor(env, conversationId);
  yield* requireTag(env, tagId);
  if (!(yield* deleteRow('conversation_tags', { conversationId, tagId }))) return;
  yield* touchConversation(env, conversationId);
  yield* audit({
    action: 'conversation.tagRemoved',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { tagId },
    after: null,
  });
};

export { loadConversation };

// Pospuestas and follow-up reminders (issue 5). A snooze takes the conversation out of the inbox until a
// time; a follow-up brings a pending one back if the customer has not answered by then. Both are checked
// against the clock on the replica — where the agent picks the time — but not on the server: a snooze
// drafted offline that syncs after its time must still be applied, so it wakes (at once) rather than
// being lost.
import type { MutationArgsOf } from '../mutations';
import type { ConversationRow } from '../rows';
import { checkAgentTransition } from '../rules/status-machine';
import { loadForActor } from './access';
import { type Mutator, touchConversation } from './conversation';
import { audit, type MutatorEnv, refuse } from './runtime';

/** Is `at` too early for what the agent asked? Only the replica judges it (see the header). */
const inThePast = (env: MutatorEnv, at: number): boolean => env.side === 'client' && at <= env.at;

export const snooze: Mutator<MutationArgsOf<'snooze'>> = function* (env, { conversationId, until }) {
  const conv = yield* loadForActor(env, conversationId);
  if (!checkAgentTransition(conv.status, 'snoozed', { snoozeUntil: until }).ok)
    throw refuse('rule_violation', 'errors.transitionNotAllowed', 'Ese cambio de estado no está permitido');
  if (inThePast(env, until))
    throw refuse(
      'rule_violation',
      'errors.snoozeInPast',
      'La hora para retomar la conversación ya pasó: elige una futura',
    );
  if (conv.status === 'snoozed' && conv.snoozedUntil === until) return;
  // A follow-up reminder belongs to Pendientes: snoozing replaces it.
  yield* touchConversation(env, conv.id, {
    status: 'snoozed',
    snoozedUntil: until,
    snoozedBy: env.actor.id,
    followUpAt: null,
    followUpBy: null,
  });
  yield* audit({
    action: 'conversation.snoozed',
    entity: 'conversation',
    entityId: conv.id,
    conversationId: conv.id,
    before: { status: conv.status, ...(conv.status === 'snoozed' ? { until: conv.snoozedUntil } : {}) },
    after: { status: 'snoozed', until },
  });
};

function followUpRefusal(env: MutatorEnv, conv: ConversationRow, at: number) {
  if (conv.status !== 'pending')
    return refuse(
      'rule_violation',
      'errors.followUpNeedsPending',
      'El recordatorio de seguimiento es para conversaciones pendientes',
    );
  if (inThePast(env, at))
    return refuse('rule_violation', 'errors.followUpInPast', 'La hora del recordatorio ya pasó: elige una futura');
  return null;
}

/** `at` null clears the reminder (allowed in any status: there is nothing to keep). */
export const setFollowUp: Mutator<MutationArgsOf<'setFollowUp'>> = function* (env, { conversationId, at }) {
  const conv = yield* loadForActor(env, conversationId);
  const refusal = at === null ? null : followUpRefusal(env, conv, at);
  if (refusal) throw refusal;
  if (conv.followUpAt === at) return;
  yield* touchConversation(env, conv.id, { followUpAt: at, followUpBy: at === null ? null : env.actor.id });
  yield* audit({
    action: 'conversation.followUpSet',
    entity: 'conversation',
    entityId: conv.id,
    conversationId: conv.id,
    before: { at: conv.followUpAt },
    after: { at },
  });
};

// Resolving under the guide's closing policy (§5): the facts a)–d) are read from the record — never ticked
// by the agent — the disposition is mandatory, a follow-up disposition needs an open task with a due date,
// and resolving by b) or d) (or with incomplete contact data, or after a contact outside the CRM) needs the
// descriptive note. `checkAction` is what the dialogs ask before offering an action; the mutators refuse
// with the very same answer.
import type { CheckedAction } from '../contract';
import type { RuleCheck } from '../entities';
import type { MutationArgsOf } from '../mutations';
import type { ConversationRow } from '../rows';
import {
  answeredInCycle,
  type ClosingFacts,
  type ClosingGap,
  decideClosing,
  justificationFor,
  type Justification,
} from '../rules/closing-policy';
import { isMeaningful } from '../rules/descriptive-note';
import { loadForActor, loadTray, requireTrayAndCategory } from './access';
import { isEscalation, type Mutator, touchConversation } from './conversation';
import { currentCycle } from './messages';
import { cycleNotes, noteCheck, noteRefusal } from './notes-rules';
import { audit, findRows, getRow, type MutatorEnv, refuse, type Tx, updateRow } from './runtime';

const GAP_ES: Record<ClosingGap, string> = {
  noJustification:
    'el cliente no tiene respuesta (falta una respuesta, una derivación documentada, una tarea o ticket, o su confirmación)',
  dispositionRequired: 'falta la calificación',
  followUpTaskRequired: 'esa calificación requiere una tarea abierta con fecha',
  descriptiveNoteRequired: 'falta la nota descriptiva',
};

export function* closingFacts(env: MutatorEnv, conv: ConversationRow, dispositionId: string | null): Tx<ClosingFacts> {
  const cycle = yield* currentCycle(conv);
  const notes = yield* cycleNotes(conv);
  const tasks = yield* findRows('tasks', { conversationId: conv.id });
  const tickets = yield* findRows('conversation_tickets', { conversationId: conv.id });
  let customerConfirmed = false;
  if (cycle?.confirmedMessageId) {
    const m = yield* getRow('messages', { id: cycle.confirmedMessageId });
    // A customer who writes again after "no necesito nada más" needs something after all.
    customerConfirmed = !!m && m.createdAt >= conv.cycleStartedAt && m.createdAt >= (conv.lastCustomerMessageAt ?? 0);
  }
  const disposition = dispositionId ? yield* getRow('dispositions', { id: dispositionId }) : undefined;
  const usable = disposition && disposition.workspaceId === env.workspaceId && disposition.active;
  const answered = answeredInCycle(conv);
  return {
    lastCustomerMessageAt: conv.lastCustomerMessageAt,
    lastAgentReplyAt: answered ? conv.lastHumanReplyAt : null,
    hasDerivationNote: notes.some(
      (n) =>
        (n.kind === 'descriptive' && isMeaningful(n.fields?.externalChannel)) ||
        (n.kind === 'external' && isMeaningful(n.body)),
    ),
    linkedTasks: tasks.length,
    linkedTickets: tickets.length,
    openTasksWithDueDate: tasks.filter((t) => !t.done && t.dueAt !== null).length,
    customerConfirmed,
    disposition: usable ? { id: disposition.id, needsFollowUp: disposition.needsFollowUp } : null,
  };
}

export function* closingCheck(env: MutatorEnv, conv: ConversationRow, dispositionId: string | null): Tx<RuleCheck> {
  const facts = yield* closingFacts(env, conv, dispositionId);
  const decision = decideClosing(facts);
  const justification = justificationFor(facts);
  const missing: ClosingGap[] = decision.allowed ? [] : [...decision.missing];
  const note = justification ? yield* noteCheck(env, conv, { kind: 'resolve', justification }) : null;
  if (note?.missingFields.length) missing.push('descriptiveNoteRequired');
  return { allowed: missing.length === 0, justification, missing, note };
}

/** What an action needs first, as the dialogs show it (and as the mutator would refuse it). */
export function* checkAction(env: MutatorEnv, conversationId: string, action: CheckedAction): Tx<RuleCheck> {
  const conv = yield* loadForActor(env, conversationId);
  const none = { allowed: true, justification: null, missing: [], note: null } satisfies RuleCheck;
  const withNote = (note: RuleCheck['note']): RuleCheck =>
    note?.missingFields.length
      ? { ...none, allowed: false, missing: ['descriptiveNoteRequired'], note }
      : { ...none, note };
  switch (action.type) {
    case 'resolve':
      return yield* closingCheck(env, conv, action.dispositionId);
    case 'move': {
      if (action.trayId === conv.trayId) return none;
      const target = yield* requireTrayAndCategory(env, action.trayId, null);
      const from = yield* loadTray(env, conv.trayId);
      return withNote(yield* noteCheck(env, conv, { kind: 'move', fromTeam: from.team, toTeam: target.team }));
    }
    case 'assign':
      if (!(yield* isEscalation(env, action.assigneeId))) return none;
      return withNote(yield* noteCheck(env, conv, { kind: 'escalate' }));
  }
}

/** The refusal lists everything that is missing, in plain Spanish; the UI lists it in the agent's language. */
function closingRefusal(check: RuleCheck) {
  if (check.missing.length === 1 && check.note && check.missing[0] === 'descriptiveNoteRequired')
    return noteRefusal(check.note);
  return refuse(
    'rule_violation',
    'errors.closingRefused',
    `No se puede resolver: ${check.missing.map((g) => GAP_ES[g]).join('; ')}`,
    { missing: check.missing.join(','), ...(check.note ? { fields: check.note.missingFields.join(',') } : {}) },
  );
}

export const resolve: Mutator<MutationArgsOf<'resolve'>, Justification> = function* (env, args) {
  const conv = yield* loadForActor(env, args.conversationId);
  if (conv.status === 'resolved')
    throw refuse('rule_violation', 'errors.alreadyResolved', 'Esta conversación ya está resuelta');
  const check = yield* closingCheck(env, conv, args.dispositionId);
  if (!check.allowed || !check.justification) throw closingRefusal(check);
  const justification = check.justification;
  yield* touchConversation(env, conv.id, {
    status: 'resolved',
    snoozedUntil: null,
    snoozedBy: null,
    followUpAt: null,
    followUpBy: null,
  });
  const cycle = yield* currentCycle(conv);
  if (cycle)
    yield* updateRow(
      'conversation_cycles',
      { id: cycle.id },
      {
        resolvedAt: env.at,
        resolvedBy: env.actor.id,
        dispositionId: args.dispositionId,
        justification,
        resolvedTrayId: conv.trayId,
      },
    );
  yield* audit({
    action: 'conversation.resolved',
    entity: 'conversation',
    entityId: conv.id,
    conversationId: conv.id,
    before: { status: conv.status },
    after: { status: 'resolved', cycle: conv.cycle, dispositionId: args.dispositionId, justification },
  });
  return justification;
};

// What agents write: replies to the customer, private notes (plain, the guide's descriptive note, a contact
// outside the CRM) with @mentions, and the mark of d) "the customer confirmed they need nothing else".
import type { MutationArgsOf } from '../mutations';
import type { ConversationRow, NoteRow } from '../rows';
import { DESCRIPTIVE_FIELDS, type DescriptiveField, isMeaningful, missingFields } from '../rules/descriptive-note';
import { BASE_FIELDS } from '../rules/note-requirements';
import { loadForActor, requireNewId, seesTray } from './access';
import { type Mutator, touchConversation } from './conversation';
import { FIELD_LABELS_ES } from './notes-rules';
import { audit, findRows, getRow, insertRow, type MutatorEnv, refuse, serverEffect, updateRow } from './runtime';

/** Stretch of the thread a note or reply shows in the list row. */
const SNIPPET_MAX = 200;

/** The current cycle's row (the closure record lives there). */
export function* currentCycle(conv: ConversationRow) {
  const [cycle] = yield* findRows('conversation_cycles', { conversationId: conv.id, number: conv.cycle });
  return cycle;
}

/** A human reply: ends the customer's wait, sets first response of the conversation and the cycle. */
export const sendReply: Mutator<MutationArgsOf<'sendReply'>> = function* (env, { conversationId, messageId, text }) {
  const conv = yield* loadForActor(env, conversationId);
  yield* requireNewId('messages', messageId);
  yield* insertRow('messages', {
    id: messageId,
    conversationId,
    direction: 'outbound',
    authorKind: 'agent',
    authorAgentId: env.actor.id,
    text,
    deliveryStatus: 'pending',
    createdAt: env.at,
  });
  // Same transaction as the message: a reply is never stored without its delivery, nor queued twice.
  yield* serverEffect({ name: 'enqueueReply', messageId, conversationId, channelId: conv.channelId });
  yield* touchConversation(env, conversationId, {
    snippet: text.slice(0, SNIPPET_MAX),
    lastActivityAt: env.at,
    waitingSince: null,
    firstResponseAt: conv.firstResponseAt ?? env.at,
    lastHumanReplyAt: env.at,
  });
  const cycle = yield* currentCycle(conv);
  // A closed cycle's record never changes: a reply after the resolution does not rewrite its KPIs.
  if (cycle && cycle.firstHumanReplyAt === null && cycle.resolvedAt === null)
    yield* updateRow('conversation_cycles', { id: cycle.id }, { firstHumanReplyAt: env.at });
  yield* audit({
    action: 'message.sent',
    entity: 'message',
    entityId: messageId,
    conversationId,
    before: { waitingSince: conv.waitingSince },
    after: { messageId, deliveryStatus: 'pending' },
  });
};

/** @mentioned agents: active teammates who can see this conversation (or they would never read it). */
function* checkMentions(env: MutatorEnv, conv: ConversationRow, mentions: readonly string[] | undefined) {
  const ids = [...new Set(mentions ?? [])];
  for (const id of ids) {
    const a = yield* getRow('agents', { id });
    if (!a || a.workspaceId !== env.workspaceId)
      throw refuse('not_found', 'errors.agentNotFound', 'Ese agente ya no existe');
    if (!a.active)
      throw refuse('rule_violation', 'errors.agentDisabled', `${a.name} está desactivado`, { name: a.name });
    if (!(yield* seesTray(a, conv.trayId)))
      throw refuse(
        'rule_violation',
        'errors.mentionCannotSee',
        `${a.name} no ve esta bandeja: no recibiría la mención`,
        {
          name: a.name,
        },
      );
  }
  return ids;
}

function* writeNote(env: MutatorEnv, conv: ConversationRow, note: Partial<NoteRow> & { id: string; body: string }) {
  yield* requireNewId('notes', note.id);
  yield* insertRow('notes', {
    conversationId: conv.id,
    authorAgentId: env.actor.id,
    createdAt: env.at,
    kind: 'plain',
    mentions: [],
    ...note,
  });
  yield* touchConversation(env, conv.id);
  yield* audit({
    action: note.kind === 'external' ? 'note.externalLogged' : 'note.added',
    entity: 'note',
    entityId: note.id,
    conversationId: conv.id,
    before: null,
    after: {
      noteId: note.id,
      kind: note.kind ?? 'plain',
      length: note.body.length,
      ...(note.mentions?.length ? { mentions: note.mentions } : {}),
      ...(note.externalChannel ? { channel: note.externalChannel, occurredAt: note.occurredAt } : {}),
    },
  });
}

export const addNote: Mutator<MutationArgsOf<'addNote'>> = function* (env, args) {
  const conv = yield* loadForActor(env, args.conversationId);
  const mentions = yield* checkMentions(env, conv, args.mentions);
  yield* writeNote(env, conv, { id: args.noteId, body: args.body, mentions });
};

/** The descriptive note as readable text (search, the list's snippet, older app versions). */
export function descriptiveBody(fields: Partial<Record<DescriptiveField, string>>): string {
  return DESCRIPTIVE_FIELDS.filter((f) => fields[f]?.trim())
    .map((f) => `${FIELD_LABELS_ES[f]}: ${fields[f]!.trim()}`)
    .join('\n');
}

export const addDescriptiveNote: Mutator<MutationArgsOf<'addDescriptiveNote'>> = function* (env, args) {
  const conv = yield* loadForActor(env, args.conversationId);
  // A descriptive note always says what happened; whatever else a rule needs is checked by that rule.
  const gap = missingFields(args.fields, BASE_FIELDS);
  if (gap.length)
    throw refuse(
      'rule_violation',
      'errors.descriptiveFieldsEmpty',
      `La nota descriptiva debe explicar ${gap.map((f) => FIELD_LABELS_ES[f]).join(' y ')} (no basta con una palabra)`,
      { fields: gap.join(',') },
    );
  const fields = Object.fromEntries(
    DESCRIPTIVE_FIELDS.filter((f) => args.fields[f]?.trim()).map((f) => [f, args.fields[f]!.trim()]),
  );
  const mentions = yield* checkMentions(env, conv, args.mentions);
  yield* writeNote(env, conv, {
    id: args.noteId,
    body: descriptiveBody(fields),
    kind: 'descriptive',
    fields,
    mentions,
  });
};

/** Five minutes of clock difference between a replica and the server are tolerated for "when it happened". */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export const logExternalContact: Mutator<MutationArgsOf<'logExternalContact'>> = function* (env, args) {
  const conv = yield* loadForActor(env, args.conversationId);
  if (!isMeaningful(args.summary))
    throw refuse(
      'rule_violation',
      'errors.externalSummaryEmpty',
      'Cuenta qué pasó en ese contacto: una palabra no basta para que otro lo entienda',
    );
  if (args.occurredAt > env.at + FUTURE_TOLERANCE_MS)
    throw refuse('rule_violation', 'errors.externalInFuture', 'El contacto externo no puede estar en el futuro');
  yield* writeNote(env, conv, {
    id: args.noteId,
    body: args.summary,
    kind: 'external',
    externalChannel: args.channel,
    occurredAt: args.occurredAt,
  });
};

export const markCustomerConfirmed: Mutator<MutationArgsOf<'markCustomerConfirmed'>> = function* (env, args) {
  const conv = yield* loadForActor(env, args.conversationId);
  const cycle = yield* currentCycle(conv);
  if (!cycle || cycle.resolvedAt !== null)
    throw refuse('rule_violation', 'errors.cycleClosed', 'Esta conversación ya está resuelta: su cierre no cambia');
  if (cycle.confirmedMessageId === args.messageId) return;
  if (args.messageId !== null) {
    const m = yield* getRow('messages', { id: args.messageId });
    if (!m || m.conversationId !== conv.id || m.direction !== 'inbound' || m.authorKind !== 'contact')
      throw refuse(
        'rule_violation',
        'errors.notCustomerMessage',
        'Solo un mensaje del cliente puede confirmar el cierre',
      );
    if (m.createdAt < conv.cycleStartedAt)
      throw refuse(
        'rule_violation',
        'errors.messageOfOldCycle',
        'Ese mensaje es de un ciclo anterior de la conversación',
      );
  }
  yield* updateRow('conversation_cycles', { id: cycle.id }, { confirmedMessageId: args.messageId });
  yield* touchConversation(env, conv.id);
  yield* audit({
    action: 'conversation.customerConfirmed',
    entity: 'conversation',
    entityId: conv.id,
    conversationId: conv.id,
    before: { messageId: cycle.confirmedMessageId },
    after: { messageId: args.messageId },
  });
};

// Duplicates (guide §7: one conversation per matter): merging moves everything of the source conversation —
// messages, notes, tasks, tickets, tags — into the target and removes the source. The target's summary
// columns are recomputed from the merged thread so the list, the KPIs and the closing policy's a) read the
// same facts as if it had always been one conversation. The source's history rows stay (the driver keeps
// them reachable from the target's "conversation.merged" entry), and so do its cycles (mergeCycles).
import type { MutationArgsOf } from '../mutations';
import type { ConversationCycleRow, ConversationRow, MessageRow } from '../rows';
import { loadForActor } from './access';
import { type Mutator, touchConversation } from './conversation';
import { audit, deleteRow, findRows, getRow, insertRow, refuse, type Tx, updateRow } from './runtime';

/** Stretch of the newest message the list row shows (as sendReply writes it). */
const SNIPPET_MAX = 200;

const minOf = (...xs: (number | null)[]): number | null =>
  xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.min(m, x)), null);
const maxOf = (...xs: (number | null)[]): number | null =>
  xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);

const isCustomer = (m: MessageRow) => m.direction === 'inbound' && m.authorKind === 'contact';
const isHumanReply = (m: MessageRow) => m.direction === 'outbound' && m.authorKind === 'agent';

/**
 * The merged conversation's summary. The customer waits since their first message after the newest human
 * reply of either thread (an answer in one thread does answer what they asked in the other).
 */
function mergedSummary(target: ConversationRow, source: ConversationRow, thread: readonly MessageRow[]) {
  const newest = thread.reduce<MessageRow | undefined>(
    (n, m) => (!n || m.createdAt > n.createdAt || (m.createdAt === n.createdAt && m.id > n.id) ? m : n),
    undefined,
  );
  const lastHumanReplyAt = maxOf(target.lastHumanReplyAt, source.lastHumanReplyAt);
  const waiting = thread.filter((m) => isCustomer(m) && (lastHumanReplyAt === null || m.createdAt > lastHumanReplyAt));
  const summary: Partial<ConversationRow> = {
    lastActivityAt: newest?.createdAt ?? Math.max(target.lastActivityAt, source.lastActivityAt),
    snippet: newest ? newest.text.slice(0, SNIPPET_MAX) : target.snippet,
    waitingSince: minOf(...waiting.map((m) => m.createdAt)),
    lastCustomerMessageAt: maxOf(target.lastCustomerMessageAt, source.lastCustomerMessageAt),
    lastHumanReplyAt,
    firstResponseAt: minOf(target.firstResponseAt, source.firstResponseAt),
  };
  // A thread without stored messages (e.g. only partly synced): keep what the columns say.
  if (!thread.some(isCustomer) && !thread.some(isHumanReply))
    summary.waitingSince = minOf(target.waitingSince, source.waitingSince);
  return summary;
}

/** Link rows have composite keys: delete + insert, dropping the ones the target already has. */
function* moveTags(targetId: string, sourceId: string) {
  for (const { tagId, createdAt } of yield* findRows('conversation_tags', { conversationId: sourceId })) {
    yield* deleteRow('conversation_tags', { conversationId: sourceId, tagId });
    if (!(yield* getRow('conversation_tags', { conversationId: targetId, tagId })))
      yield* insertRow('conversation_tags', { conversationId: targetId, tagId, createdAt });
  }
}

function* moveTickets(targetId: string, sourceId: string) {
  for (const { ticketId, createdAt } of yield* findRows('conversation_tickets', { conversationId: sourceId })) {
    yield* deleteRow('conversation_tickets', { conversationId: sourceId, ticketId });
    if (!(yield* getRow('conversation_tickets', { conversationId: targetId, ticketId })))
      yield* insertRow('conversation_tickets', { conversationId: targetId, ticketId, createdAt });
  }
}

function* moveRows(entity: 'messages' | 'notes' | 'tasks', targetId: string, sourceId: string, at: number): Tx<number> {
  const rows = yield* findRows(entity, { conversationId: sourceId });
  for (const r of rows)
    yield* updateRow(
      entity,
      { id: r.id },
      entity === 'tasks' ? { conversationId: targetId, updatedAt: at } : { conversationId: targetId },
    );
  return rows.length;
}

const byStart = (a: ConversationCycleRow, b: ConversationCycleRow) =>
  a.startedAt - b.startedAt || a.number - b.number || (a.id < b.id ? -1 : 1);

/**
 * Cycles are the unit of every KPI (METRICS.md) and a closed one is a record that never changes, so none is
 * lost. The two current cycles become the target's one: it started when the earlier did (the customer
 * has been waiting since then) and its first human reply is the earlier of the two. The source's closed
 * cycles join the target's history. Everything is renumbered by start, the current cycle last; a closed
 * cycle only changes conversation and number (the server's trigger allows exactly that). Numbers pass
 * through negative ones first because (conversation, number) is unique at every single write.
 */
function* mergeCycles(target: ConversationRow, source: ConversationRow): Tx<{ cycle: number; cycleStartedAt: number }> {
  const own = yield* findRows('conversation_cycles', { conversationId: target.id });
  const theirs = yield* findRows('conversation_cycles', { conversationId: source.id });
  const targetCurrent = own.find((c) => c.number === target.cycle);
  const sourceCurrent = theirs.find((c) => c.number === source.cycle);
  // The merged current cycle is the target's row (or the source's, on a replica that has not pulled the target's).
  const current = targetCurrent ?? sourceCurrent;
  const cycleStartedAt = Math.min(target.cycleStartedAt, source.cycleStartedAt);
  const closed = [...own, ...theirs].filter((c) => c !== targetCurrent && c !== sourceCurrent).sort(byStart);
  const cycle = closed.length + 1;

  if (current !== sourceCurrent && sourceCurrent) yield* deleteRow('conversation_cycles', { id: sourceCurrent.id });
  const renumbered = [...closed, ...(current ? [current] : [])]
    .map((c, i) => ({ c, number: i + 1 }))
    .filter(({ c, number }) => c.conversationId !== target.id || c.number !== number);
  let temp = 0;
  for (const { c } of renumbered)
    yield* updateRow('conversation_cycles', { id: c.id }, { conversationId: target.id, number: --temp });
  for (const { c, number } of renumbered) yield* updateRow('conversation_cycles', { id: c.id }, { number });

  if (current) {
    const merged = {
      startedAt: cycleStartedAt,
      firstHumanReplyAt: minOf(targetCurrent?.firstHumanReplyAt ?? null, sourceCurrent?.firstHumanReplyAt ?? null),
      confirmedMessageId: targetCurrent?.confirmedMessageId ?? sourceCurrent?.confirmedMessageId ?? null,
    };
    if ((Object.keys(merged) as (keyof typeof merged)[]).some((k) => current[k] !== merged[k]))
      yield* updateRow('conversation_cycles', { id: current.id }, merged);
  }
  return { cycle, cycleStartedAt };
}

export const mergeConversations: Mutator<MutationArgsOf<'mergeConversations'>> = function* (
  env,
  { targetId, sourceId },
) {
  if (targetId === sourceId)
    throw refuse(
      'rule_violation',
      'errors.mergeSameConversation',
      'No se puede fusionar una conversación consigo misma',
    );
  const target = yield* loadForActor(env, targetId);
  const source = yield* loadForActor(env, sourceId);
  if (target.contactId !== source.contactId)
    throw refuse(
      'rule_violation',
      'errors.mergeDifferentContact',
      'Solo se pueden fusionar conversaciones del mismo contacto',
    );
  if (target.status === 'resolved' || source.status === 'resolved')
    throw refuse(
      'rule_violation',
      'errors.mergeResolved',
      'No se puede fusionar una conversación resuelta: su cierre no cambia',
    );

  const messages = yield* moveRows('messages', targetId, sourceId, env.at);
  const notes = yield* moveRows('notes', targetId, sourceId, env.at);
  const tasks = yield* moveRows('tasks', targetId, sourceId, env.at);
  yield* moveTickets(targetId, sourceId);
  yield* moveTags(targetId, sourceId);

  const thread = yield* findRows('messages', { conversationId: targetId });
  const set = mergedSummary(target, source, thread);
  // Whatever continued the source now continues the target (the "previous conversation" link stays valid).
  if (target.linkedFromId === null && source.linkedFromId !== null && source.linkedFromId !== targetId)
    set.linkedFromId = source.linkedFromId;
  for (const c of yield* findRows('conversations', { linkedFromId: sourceId }))
    if (c.id !== targetId) yield* updateRow('conversations', { id: c.id }, { linkedFromId: targetId });
  Object.assign(set, yield* mergeCycles(target, source));
  yield* touchConversation(env, targetId, set);

  yield* deleteRow('conversations', { id: sourceId });
  yield* audit({
    action: 'conversation.merged',
    entity: 'conversation',
    entityId: targetId,
    conversationId: targetId,
    before: null,
    after: { sourceId, messages, notes, tasks },
  });
};

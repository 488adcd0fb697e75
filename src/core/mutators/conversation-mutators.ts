// Local mutators: each changes the replica and writes its audit events. They run inside the
// transaction opened by `applyMutation`, which also writes the outbox row — all or nothing.
import { and, eq } from 'drizzle-orm';
import { AppError, decideAssign, type MutationArgsOf, type MutationName } from '../../shared';
import type { CoreContext } from '../context';
import { conversationCycles, conversationTags, conversations, messages, notes } from '../db/schema';
import { writeAudit } from './audit';
import { loadConversation, requireActiveAgent, requireTag, requireTrayAndCategory } from './load';

export interface MutatorOutcome {
  conversationId: string;
  changed: boolean;
}

type Mutator<N extends MutationName> = (ctx: CoreContext, args: MutationArgsOf<N>, at: number) => MutatorOutcome;

const unchanged = (conversationId: string): MutatorOutcome => ({
  conversationId,
  changed: false,
});
const changed = (conversationId: string): MutatorOutcome => ({
  conversationId,
  changed: true,
});

const assign: Mutator<'assign'> = (ctx, { conversationId, assigneeId, expectedAssigneeId }, at) => {
  const conv = loadConversation(ctx, conversationId);
  const decision = decideAssign({ current: conv.assigneeId, requested: assigneeId, expected: expectedAssigneeId });
  if (decision.kind === 'unchanged') return unchanged(conversationId);
  // Seen on replay after a pull: someone else took it first. The server refuses it too and says who.
  if (decision.kind === 'conflict')
    throw new AppError(
      'conflict',
      `Conversation ${conversationId} was reassigned meanwhile`,
      'errors.assignedMeanwhile',
    );
  if (assigneeId !== null) requireActiveAgent(ctx, assigneeId);
  ctx.db.update(conversations).set({ assigneeId, updatedAt: at }).where(eq(conversations.id, conversationId)).run();
  writeAudit(ctx, {
    action: 'conversation.assigned',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { assigneeId: conv.assigneeId },
    after: { assigneeId },
    at,
  });
  return changed(conversationId);
};

const move: Mutator<'move'> = (ctx, { conversationId, trayId, categoryId }, at) => {
  const conv = loadConversation(ctx, conversationId);
  if (conv.trayId === trayId && conv.categoryId === categoryId) return unchanged(conversationId);
  requireTrayAndCategory(ctx, trayId, categoryId);
  ctx.db
    .update(conversations)
    .set({ trayId, categoryId, updatedAt: at })
    .where(eq(conversations.id, conversationId))
    .run();
  writeAudit(ctx, {
    action: 'conversation.moved',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { trayId: conv.trayId, categoryId: conv.categoryId },
    after: { trayId, categoryId },
    at,
  });
  return changed(conversationId);
};

const setStatus: Mutator<'setStatus'> = (ctx, { conversationId, status }, at) => {
  const conv = loadConversation(ctx, conversationId);
  if (conv.status === status) return unchanged(conversationId);
  ctx.db
    .update(conversations)
    .set({ status, snoozedUntil: null, updatedAt: at })
    .where(eq(conversations.id, conversationId))
    .run();
  if (status === 'resolved') {
    // Closure of the current cycle (METRICS.md). The closing policy and dispositions come in issue 4.
    ctx.db
      .update(conversationCycles)
      .set({ resolvedAt: at, resolvedBy: ctx.meId })
      .where(and(eq(conversationCycles.conversationId, conversationId), eq(conversationCycles.number, conv.cycle)))
      .run();
  }
  writeAudit(ctx, {
    action: 'conversation.statusChanged',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { status: conv.status },
    after: { status },
    at,
  });
  return changed(conversationId);
};

const addTag: Mutator<'addTag'> = (ctx, { conversationId, tagId }, at) => {
  loadConversation(ctx, conversationId);
  requireTag(ctx, tagId);
  const result = ctx.db
    .insert(conversationTags)
    .values({ conversationId, tagId, createdAt: at })
    .onConflictDoNothing()
    .run();
  if (result.changes === 0) return unchanged(conversationId);
  ctx.db.update(conversations).set({ updatedAt: at }).where(eq(conversations.id, conversationId)).run();
  writeAudit(ctx, {
    action: 'conversation.tagAdded',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: null,
    after: { tagId },
    at,
  });
  return changed(conversationId);
};

const removeTag: Mutator<'removeTag'> = (ctx, { conversationId, tagId }, at) => {
  loadConversation(ctx, conversationId);
  requireTag(ctx, tagId);
  const result = ctx.db
    .delete(conversationTags)
    .where(and(eq(conversationTags.conversationId, conversationId), eq(conversationTags.tagId, tagId)))
    .run();
  if (result.changes === 0) return unchanged(conversationId);
  ctx.db.update(conversations).set({ updatedAt: at }).where(eq(conversations.id, conversationId)).run();
  writeAudit(ctx, {
    action: 'conversation.tagRemoved',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { tagId },
    after: null,
    at,
  });
  return changed(conversationId);
};

const addNote: Mutator<'addNote'> = (ctx, { conversationId, noteId, body }, at) => {
  loadConversation(ctx, conversationId);
  ctx.db
    .insert(notes)
    .values({
      id: noteId,
      conversationId,
      authorAgentId: ctx.meId,
      body,
      createdAt: at,
    })
    .run();
  ctx.db.update(conversations).set({ updatedAt: at }).where(eq(conversations.id, conversationId)).run();
  writeAudit(ctx, {
    action: 'note.added',
    entity: 'note',
    entityId: noteId,
    conversationId,
    before: null,
    after: { noteId, length: body.length },
    at,
  });
  return changed(conversationId);
};

/** A human reply: ends the customer's wait, sets first response of the conversation and the cycle. */
const sendReply: Mutator<'sendReply'> = (ctx, { conversationId, messageId, text }, at) => {
  const conv = loadConversation(ctx, conversationId);
  ctx.db
    .insert(messages)
    .values({
      id: messageId,
      conversationId,
      direction: 'outbound',
      authorKind: 'agent',
      authorAgentId: ctx.meId,
      text,
      deliveryStatus: 'pending',
      createdAt: at,
    })
    .run();
  ctx.db
    .update(conversations)
    .set({
      snippet: text.slice(0, 200),
      lastActivityAt: at,
      waitingSince: null,
      firstResponseAt: conv.firstResponseAt ?? at,
      updatedAt: at,
    })
    .where(eq(conversations.id, conversationId))
    .run();
  const cycle = ctx.db
    .select()
    .from(conversationCycles)
    .where(and(eq(conversationCycles.conversationId, conversationId), eq(conversationCycles.number, conv.cycle)))
    .get();
  if (cycle && cycle.firstHumanReplyAt === null) {
    ctx.db.update(conversationCycles).set({ firstHumanReplyAt: at }).where(eq(conversationCycles.id, cycle.id)).run();
  }
  writeAudit(ctx, {
    action: 'message.sent',
    entity: 'message',
    entityId: messageId,
    conversationId,
    before: { waitingSince: conv.waitingSince },
    after: { messageId, deliveryStatus: 'pending' },
    at,
  });
  return changed(conversationId);
};

export const mutators: { [N in MutationName]: Mutator<N> } = {
  assign,
  move,
  setStatus,
  addTag,
  removeTag,
  addNote,
  sendReply,
};

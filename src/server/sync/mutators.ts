// The server's mutators: the same names, arguments and effects as the client's
// (src/core/mutators/conversation-mutators.ts) — what changes, the audit before/after, "unchanged" as a
// no-op, first response / waiting-since / cycle updates on sendReply, cycle resolution on resolved — plus
// authorization, and the change-log entries every client replays. Each returns the changes it made
// (none = no-op); push appends them and stamps the conversation's version.
import { and, eq } from 'drizzle-orm';
import { decideAssign, type MutationArgsOf, type MutationName, newId } from '../../shared';
import { agents, conversationCycles, conversationTags, conversations, messages, notes } from '../db/schema';
import { enqueueReply } from '../outbound/queue';
import { recordAudit } from '../services/audit';
import type { Change } from './changes';
import {
  loadConversation,
  type MutationContext,
  refuse,
  requireActiveAgent,
  requireTag,
  requireTrayAccess,
  requireTrayAndCategory,
} from './load';
import { conversationChange, cycleChange, messageChange, noteChange, tagLinkChange } from './rows';
import { reemitConversation } from './visibility';

/** The race's loser is told who won, by name (the owner is read in the same transaction). */
async function assignedMeanwhile(ctx: MutationContext, current: string | null) {
  if (current === null)
    return refuse(
      'conflict',
      'errors.assignedMeanwhile',
      'Mientras tanto, otra persona dejó esta conversación sin asignar',
    );
  const [owner] = await ctx.tx.select({ name: agents.name }).from(agents).where(eq(agents.id, current));
  return refuse(
    'conflict',
    'errors.assignedMeanwhile',
    `Mientras tanto, ${owner?.name ?? 'otra persona'} tomó esta conversación`,
  );
}

type Mutator<N extends MutationName> = (ctx: MutationContext, args: MutationArgsOf<N>) => Promise<Change[]>;

/** Loads the conversation and checks the actor may touch it. */
async function loadForActor(ctx: MutationContext, conversationId: string) {
  const conv = await loadConversation(ctx, conversationId);
  await requireTrayAccess(ctx, conv.trayId);
  return conv;
}

async function updateConversation(
  ctx: MutationContext,
  id: string,
  set: Partial<typeof conversations.$inferInsert>,
): Promise<Change> {
  const [row] = await ctx.tx
    .update(conversations)
    .set({ ...set, updatedAt: ctx.at })
    .where(eq(conversations.id, id))
    .returning();
  return conversationChange(row!);
}

const audit = async (
  ctx: MutationContext,
  e: {
    action: string;
    entity: string;
    entityId: string;
    conversationId: string;
    before: object | null;
    after: object | null;
  },
) =>
  ctx.audits.push(
    await recordAudit(ctx.tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.actor.id,
      ...e,
      before: e.before as Record<string, unknown> | null,
      after: e.after as Record<string, unknown> | null,
      at: ctx.at,
    }),
  );

const assign: Mutator<'assign'> = async (ctx, { conversationId, assigneeId, expectedAssigneeId }) => {
  const conv = await loadForActor(ctx, conversationId);
  const decision = decideAssign({ current: conv.assigneeId, requested: assigneeId, expected: expectedAssigneeId });
  if (decision.kind === 'unchanged') return [];
  if (decision.kind === 'conflict') throw await assignedMeanwhile(ctx, decision.current);
  if (assigneeId !== null) await requireActiveAgent(ctx, assigneeId);
  const change = await updateConversation(ctx, conversationId, { assigneeId });
  await audit(ctx, {
    action: 'conversation.assigned',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { assigneeId: conv.assigneeId },
    after: { assigneeId },
  });
  return [change];
};

const move: Mutator<'move'> = async (ctx, { conversationId, trayId, categoryId }) => {
  const conv = await loadForActor(ctx, conversationId);
  if (conv.trayId === trayId && conv.categoryId === categoryId) return [];
  await requireTrayAndCategory(ctx, trayId, categoryId);
  await requireTrayAccess(ctx, trayId);
  const change = await updateConversation(ctx, conversationId, { trayId, categoryId });
  await audit(ctx, {
    action: 'conversation.moved',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { trayId: conv.trayId, categoryId: conv.categoryId },
    after: { trayId, categoryId },
  });
  if (conv.trayId === trayId) return [change];
  return reemitConversation(ctx.tx, conv.trayId, change);
};

const setStatus: Mutator<'setStatus'> = async (ctx, { conversationId, status }) => {
  const conv = await loadForActor(ctx, conversationId);
  if (conv.status === status) return [];
  const changes = [await updateConversation(ctx, conversationId, { status, snoozedUntil: null })];
  if (status === 'resolved') {
    // Closure of the current cycle (METRICS.md). The closing policy and dispositions come in issue 4.
    const cycles = await ctx.tx
      .update(conversationCycles)
      .set({ resolvedAt: ctx.at, resolvedBy: ctx.actor.id })
      .where(and(eq(conversationCycles.conversationId, conversationId), eq(conversationCycles.number, conv.cycle)))
      .returning();
    changes.push(...cycles.map((c) => cycleChange(c, conv.trayId)));
  }
  await audit(ctx, {
    action: 'conversation.statusChanged',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { status: conv.status },
    after: { status },
  });
  return changes;
};

const addTag: Mutator<'addTag'> = async (ctx, { conversationId, tagId }) => {
  const conv = await loadForActor(ctx, conversationId);
  await requireTag(ctx, tagId);
  const [link] = await ctx.tx
    .insert(conversationTags)
    .values({ conversationId, tagId, createdAt: ctx.at })
    .onConflictDoNothing()
    .returning();
  if (!link) return [];
  const change = await updateConversation(ctx, conversationId, {});
  await audit(ctx, {
    action: 'conversation.tagAdded',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: null,
    after: { tagId },
  });
  return [change, tagLinkChange(link, conv.trayId)];
};

const removeTag: Mutator<'removeTag'> = async (ctx, { conversationId, tagId }) => {
  const conv = await loadForActor(ctx, conversationId);
  await requireTag(ctx, tagId);
  const [link] = await ctx.tx
    .delete(conversationTags)
    .where(and(eq(conversationTags.conversationId, conversationId), eq(conversationTags.tagId, tagId)))
    .returning();
  if (!link) return [];
  const change = await updateConversation(ctx, conversationId, {});
  await audit(ctx, {
    action: 'conversation.tagRemoved',
    entity: 'conversation',
    entityId: conversationId,
    conversationId,
    before: { tagId },
    after: null,
  });
  return [change, tagLinkChange(link, conv.trayId, 'del')];
};

/** Client-minted ids must be new: an id already taken (by anyone, in any workspace) is refused, not merged. */
async function requireNewId(ctx: MutationContext, table: typeof notes | typeof messages, id: string) {
  const [taken] = await ctx.tx.select({ id: table.id }).from(table).where(eq(table.id, id));
  if (taken) throw refuse('conflict', 'errors.idTaken', 'Ese elemento ya existe');
}

const addNote: Mutator<'addNote'> = async (ctx, { conversationId, noteId, body }) => {
  const conv = await loadForActor(ctx, conversationId);
  await requireNewId(ctx, notes, noteId);
  const [note] = await ctx.tx
    .insert(notes)
    .values({ id: noteId, conversationId, authorAgentId: ctx.actor.id, body, createdAt: ctx.at })
    .returning();
  const change = await updateConversation(ctx, conversationId, {});
  await audit(ctx, {
    action: 'note.added',
    entity: 'note',
    entityId: noteId,
    conversationId,
    before: null,
    after: { noteId, length: body.length },
  });
  return [change, noteChange(note!, conv.trayId)];
};

/** A human reply: ends the customer's wait, sets first response of the conversation and the cycle. */
const sendReply: Mutator<'sendReply'> = async (ctx, { conversationId, messageId, text }) => {
  const conv = await loadForActor(ctx, conversationId);
  await requireNewId(ctx, messages, messageId);
  const [message] = await ctx.tx
    .insert(messages)
    .values({
      id: messageId,
      conversationId,
      direction: 'outbound',
      authorKind: 'agent',
      authorAgentId: ctx.actor.id,
      text,
      deliveryStatus: 'pending',
      createdAt: ctx.at,
    })
    .returning();
  // Same transaction as the message: a reply is never stored without its delivery, nor queued twice.
  await enqueueReply(ctx.tx, {
    id: newId(),
    workspaceId: ctx.workspaceId,
    messageId,
    conversationId,
    channelId: conv.channelId,
    at: ctx.at,
  });
  const changes = [
    await updateConversation(ctx, conversationId, {
      snippet: text.slice(0, 200),
      lastActivityAt: ctx.at,
      waitingSince: null,
      firstResponseAt: conv.firstResponseAt ?? ctx.at,
    }),
    messageChange(message!, conv.trayId),
  ];
  const [cycle] = await ctx.tx
    .select()
    .from(conversationCycles)
    .where(and(eq(conversationCycles.conversationId, conversationId), eq(conversationCycles.number, conv.cycle)));
  if (cycle && cycle.firstHumanReplyAt === null) {
    const [updated] = await ctx.tx
      .update(conversationCycles)
      .set({ firstHumanReplyAt: ctx.at })
      .where(eq(conversationCycles.id, cycle.id))
      .returning();
    changes.push(cycleChange(updated!, conv.trayId));
  }
  await audit(ctx, {
    action: 'message.sent',
    entity: 'message',
    entityId: messageId,
    conversationId,
    before: { waitingSince: conv.waitingSince },
    after: { messageId, deliveryStatus: 'pending' },
  });
  return changes;
};

export const serverMutators: { [N in MutationName]: Mutator<N> } = {
  assign,
  move,
  setStatus,
  addTag,
  removeTag,
  addNote,
  sendReply,
};

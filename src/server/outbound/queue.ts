// The outbound queue: agent replies waiting for their channel. sendReply enqueues in its own transaction
// (src/server/sync/mutators.ts); a delivery worker (channel adapters, a later issue) claims rows and
// reports back. Claims use FOR UPDATE SKIP LOCKED, so concurrent workers (even in several processes)
// never get the same row; a claim is a lease, and a row whose worker died is claimable again after it.
// Each report moves the message's deliveryStatus and writes its change-log row, so agents see
// "enviado / entregado / no se pudo enviar" on their next pull.
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { ServerContext } from '../context';
import type { Db } from '../db/open';
import { conversations, messages, outboundQueue } from '../db/schema';
import { appendChanges, lockWorkspaceChanges } from '../sync/changes';
import { messageChange } from '../sync/rows';

export type OutboundRow = typeof outboundQueue.$inferSelect;
type QueueStatus = OutboundRow['status'];
type DeliveryStatus = NonNullable<(typeof messages.$inferSelect)['deliveryStatus']>;

/** A worker that has not reported within this time is presumed dead; its row goes back to the queue. */
export const DEFAULT_LEASE_MS = 5 * 60_000;
const ERROR_MAX = 500;

/** Adds the reply's queue row inside the caller's transaction (the one that inserts the message). */
export async function enqueueReply(
  tx: Db,
  row: { workspaceId: string; messageId: string; conversationId: string; channelId: string; id: string; at: number },
): Promise<void> {
  const { at, ...rest } = row;
  await tx.insert(outboundQueue).values({ ...rest, status: 'queued', createdAt: at, updatedAt: at });
}

export interface OutboundQueue {
  /** Up to `limit` rows, oldest first, now 'sending' with one more attempt; never handed to two workers. */
  claimNext(limit: number): Promise<OutboundRow[]>;
  /** The channel accepted the reply; its id for the message is kept for later status callbacks. */
  markSent(id: string, channelMessageId?: string): Promise<OutboundRow | null>;
  markDelivered(id: string): Promise<OutboundRow | null>;
  /** Final: the reason is shown to agents (messages.deliveryError). */
  markFailed(id: string, error: string): Promise<OutboundRow | null>;
}

/**
 * Which reports each status accepts. Channel receipts can arrive late or twice: a 'delivered' after
 * 'delivered', or a 'sent' after 'delivered', is ignored rather than moving the message backwards.
 */
const FROM: Record<'sent' | 'delivered' | 'failed', QueueStatus[]> = {
  sent: ['sending'],
  delivered: ['sending', 'sent'],
  failed: ['queued', 'sending', 'sent'],
};

export function createOutboundQueue(
  ctx: Pick<ServerContext, 'db' | 'now' | 'feed'>,
  opts: { leaseMs?: number } = {},
): OutboundQueue {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;

  async function claimNext(limit: number): Promise<OutboundRow[]> {
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: outboundQueue.id })
        .from(outboundQueue)
        .where(
          or(
            eq(outboundQueue.status, 'queued'),
            and(eq(outboundQueue.status, 'sending'), lt(outboundQueue.claimedAt, now - leaseMs)),
          ),
        )
        .orderBy(asc(outboundQueue.createdAt), asc(outboundQueue.id))
        .limit(Math.max(1, Math.min(Math.floor(limit), 1000)))
        .for('update', { skipLocked: true });
      if (!due.length) return [];
      const rows = await tx
        .update(outboundQueue)
        .set({ status: 'sending', attempts: sql`${outboundQueue.attempts} + 1`, claimedAt: now, updatedAt: now })
        .where(
          inArray(
            outboundQueue.id,
            due.map((r) => r.id),
          ),
        )
        .returning();
      return rows.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    });
  }

  /** Moves one row and its message, with the message's change-log row; null when the report does not apply. */
  async function report(
    id: string,
    to: 'sent' | 'delivered' | 'failed',
    extra: { lastError?: string; channelMessageId?: string } = {},
  ): Promise<OutboundRow | null> {
    const [peek] = await ctx.db
      .select({ workspaceId: outboundQueue.workspaceId })
      .from(outboundQueue)
      .where(eq(outboundQueue.id, id));
    if (!peek) return null;
    const now = ctx.now();
    const row = await ctx.db.transaction(async (tx) => {
      // Same lock order as push and inbound (workspace, then rows): no deadlock between them.
      await lockWorkspaceChanges(tx, peek.workspaceId);
      const [current] = await tx.select().from(outboundQueue).where(eq(outboundQueue.id, id)).for('update');
      if (!current || !FROM[to].includes(current.status)) return null;
      const [updated] = await tx
        .update(outboundQueue)
        .set({ status: to, updatedAt: now, ...(extra.lastError !== undefined ? { lastError: extra.lastError } : {}) })
        .where(eq(outboundQueue.id, id))
        .returning();
      const deliveryStatus: DeliveryStatus = to;
      const [message] = await tx
        .update(messages)
        .set({
          deliveryStatus,
          deliveryError: extra.lastError ?? null,
          ...(extra.channelMessageId ? { channelMessageId: extra.channelMessageId } : {}),
        })
        .where(eq(messages.id, current.messageId))
        .returning();
      const [conv] = await tx
        .select({ trayId: conversations.trayId })
        .from(conversations)
        .where(eq(conversations.id, current.conversationId));
      if (message && conv) await appendChanges(tx, current.workspaceId, [messageChange(message, conv.trayId)], now);
      return updated!;
    });
    if (row) ctx.feed.publish(row.workspaceId);
    return row;
  }

  return {
    claimNext,
    markSent: (id, channelMessageId) => report(id, 'sent', channelMessageId ? { channelMessageId } : {}),
    markDelivered: (id) => report(id, 'delivered'),
    markFailed: (id, error) => report(id, 'failed', { lastError: error.slice(0, ERROR_MAX) || 'Error desconocido' }),
  };
}

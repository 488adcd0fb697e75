// The rebase half of a pull: confirmed outbox rows leave (with their refusals recorded for the agent),
// and what is still pending runs again on top of the server's rows, capturing fresh before-images.
// A pending mutation that no longer applies locally (its conversation left this agent's trays…) keeps
// its place in the outbox: the server decides, and a refusal comes back with the next pull.
import { asc, eq, lte } from 'drizzle-orm';
import type { MutationArgsOf, MutationName, SyncRejection } from '../../shared';
import type { CoreContext } from '../context';
import { getMeta, setMeta } from '../db/meta';
import { outbox, syncRejections } from '../db/schema';
import { runMutator } from '../mutators/driver';
import { pendingMutations } from '../mutators/outbox';

type OutboxRow = typeof outbox.$inferSelect;

/** The conversation a refusal is shown next to (a merge: the one that stays). */
function conversationOf(row: OutboxRow | undefined): string | null {
  if (!row) return null;
  const args = JSON.parse(row.args) as { conversationId?: unknown; targetId?: unknown };
  const id = args.conversationId ?? args.targetId;
  return typeof id === 'string' ? id : null;
}

/** Records refusals (up to `confirmed`) and drops every outbox row the server has processed. */
export function confirmMutations(ctx: CoreContext, confirmed: number, rejections: SyncRejection[]): string[] {
  const touched: string[] = [];
  let lastRejection = Number(getMeta(ctx.db, 'lastRejectionId') ?? '0');
  for (const r of rejections) {
    if (r.mutationId > confirmed || r.mutationId <= lastRejection) continue;
    const conversationId = conversationOf(
      ctx.db.select().from(outbox).where(eq(outbox.mutationId, r.mutationId)).get(),
    );
    ctx.db
      .insert(syncRejections)
      .values({
        mutationId: r.mutationId,
        name: r.name,
        conversationId,
        code: r.code,
        message: r.message,
        messageKey: r.messageKey ?? null,
        params: r.params ?? null,
        at: r.at,
      })
      .onConflictDoNothing()
      .run();
    if (conversationId) touched.push(conversationId);
    lastRejection = r.mutationId;
  }
  setMeta(ctx.db, 'lastRejectionId', String(lastRejection));
  ctx.db.delete(outbox).where(lte(outbox.mutationId, confirmed)).run();
  return touched;
}

/**
 * Pending mutation ids must continue the server's count. They drift when the replica or the server was
 * restored from a backup; renumbering (order kept) before pushing means nothing is taken for a duplicate
 * and nothing waits behind a gap.
 */
export function renumberPending(ctx: CoreContext, firstId: number): void {
  const rows = ctx.db.select().from(outbox).orderBy(asc(outbox.mutationId)).all();
  if (!rows.length || rows[0]!.mutationId === firstId) {
    if (!rows.length) setMeta(ctx.db, 'lastMutationId', String(Math.max(firstId - 1, 0)));
    return;
  }
  ctx.logger.warn('renumbering pending mutations', { from: rows[0]!.mutationId, to: firstId, count: rows.length });
  ctx.db.delete(outbox).run();
  rows.forEach((r, i) =>
    ctx.db
      .insert(outbox)
      .values({ ...r, mutationId: firstId + i })
      .run(),
  );
  setMeta(ctx.db, 'lastMutationId', String(firstId + rows.length - 1));
}

/** Re-applies every pending mutation in order on top of the replica (inside the caller's transaction). */
export function replayPending(ctx: CoreContext): string[] {
  const touched: string[] = [];
  for (const row of pendingMutations(ctx)) {
    const name = row.name;
    try {
      // A savepoint: a mutator that fails halfway leaves nothing, captured rows included.
      const outcome = ctx.sqlite.transaction(() =>
        ctx.undo.capture(row.mutationId, () =>
          runMutator(ctx, name, row.args as MutationArgsOf<MutationName>, row.clientTime),
        ),
      )();
      if (!outcome.changed) ctx.undo.forget(row.mutationId);
      touched.push(...outcome.conversationIds);
    } catch (err) {
      ctx.logger.info('pending mutation does not apply locally; the server will decide', {
        mutationId: row.mutationId,
        name,
        error: String(err),
      });
    }
  }
  return touched;
}

export const pendingCount = (ctx: CoreContext): number =>
  (ctx.statements.get('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

// Refusals the server sent back, as the thread and the indicator show them.
import { and, desc, eq } from 'drizzle-orm';
import type { SyncRejectionItem } from '../../shared';
import type { CoreContext } from '../context';
import { syncRejections } from '../db/schema';

export function listRejections(ctx: CoreContext, conversationId?: string): SyncRejectionItem[] {
  return ctx.db
    .select()
    .from(syncRejections)
    .where(
      and(
        eq(syncRejections.dismissed, false),
        conversationId ? eq(syncRejections.conversationId, conversationId) : undefined,
      ),
    )
    .orderBy(desc(syncRejections.mutationId))
    .limit(100)
    .all()
    .map(({ dismissed: _d, ...r }) => r);
}

export function dismissRejection(ctx: CoreContext, mutationId: number): boolean {
  const res = ctx.db
    .update(syncRejections)
    .set({ dismissed: true })
    .where(and(eq(syncRejections.mutationId, mutationId), eq(syncRejections.dismissed, false)))
    .run();
  return res.changes > 0;
}

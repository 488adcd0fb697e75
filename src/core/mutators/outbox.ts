// The outbox: each applied mutation gets the next per-client mutation id and waits here for sync.
import { gt } from 'drizzle-orm';
import { MUTATION_VERSION, type MutationEnvelope, type MutationName } from '../../shared';
import type { CoreContext } from '../context';
import { getMeta, setMeta } from '../db/meta';
import { outbox } from '../db/schema';

export const nextMutationId = (ctx: CoreContext): number => Number(getMeta(ctx.db, 'lastMutationId') ?? '0') + 1;

export function enqueueMutation(ctx: CoreContext, name: MutationName, args: unknown, at: number): number {
  const mutationId = nextMutationId(ctx);
  ctx.db
    .insert(outbox)
    .values({
      mutationId,
      clientId: ctx.clientId,
      name,
      version: MUTATION_VERSION,
      args: JSON.stringify(args),
      clientTime: at,
    })
    .run();
  setMeta(ctx.db, 'lastMutationId', String(mutationId));
  return mutationId;
}

/** Outbox rows in order (after a mutation id, at most `limit`), as envelopes ready to push. */
export function pendingMutations(ctx: CoreContext, page: { after?: number; limit?: number } = {}): MutationEnvelope[] {
  return ctx.db
    .select()
    .from(outbox)
    .where(gt(outbox.mutationId, page.after ?? 0))
    .orderBy(outbox.mutationId)
    .limit(page.limit ?? -1)
    .all()
    .map((r) => ({
      clientId: r.clientId,
      mutationId: r.mutationId,
      name: r.name as MutationName,
      version: r.version,
      args: JSON.parse(r.args) as unknown,
      clientTime: r.clientTime,
    }));
}

// One sync round against the server: pull (catch up and learn the server's lastMutationId), push the
// outbox in order, pull again. Every pull page is applied in one transaction:
//   undo pending mutations → apply server rows → (last page) confirm + record refusals → replay pending.
// The replica therefore always equals "server state + my pending changes", whatever order things arrive in.
import { PUSH_MAX_MUTATIONS, type PullBody, type PullResponse } from '../../shared';
import type { CoreContext } from '../context';
import { deleteMeta, getMeta, setMeta } from '../db/meta';
import type { ChangeApplier } from './apply-changes';
import { pendingMutations } from '../mutators/outbox';
import { confirmMutations, renumberPending, replayPending } from './outbox-rebase';
import { applyVisibilityShift } from './visibility-shift';
import { SyncRequestError, type SyncTransport } from './transport';

export interface RoundDeps {
  ctx: CoreContext;
  transport: SyncTransport;
  applyChanges: ChangeApplier;
  /** Told after each applied pull page which conversations changed ([] = re-read everything). */
  onApplied(conversationIds: string[], reference: boolean): void;
  pullLimit?: number;
}

/** Above this many conversations in one page the UI is told to re-read everything instead. */
const MAX_IDS_PER_EVENT = 200;

/** Applies one page; returns whether more pages wait (the server says so, or a visibility shift restarts). */
export function applyPullPage(deps: RoundDeps, res: PullResponse): boolean {
  const { ctx } = deps;
  const touched = new Set<string>();
  let reference = false;
  let resync = false;
  ctx.sqlite
    .transaction(() => {
      ctx.undo.touchedConversations().forEach((id) => touched.add(id));
      ctx.undo.undoAll();
      const applied = deps.applyChanges(res.changes);
      applied.conversationIds.forEach((id) => touched.add(id));
      reference = applied.reference;
      resync = applyVisibilityShift(ctx, res.changes);
      const cursor = Number(getMeta(ctx.db, 'cursor') ?? '0');
      // In the same transaction as the rows: a crash never leaves a token ahead of (or behind) the data.
      if (resync) {
        reference = true;
        setMeta(ctx.db, 'cursor', '0');
        setMeta(ctx.db, 'snapshot', '');
      } else {
        setMeta(ctx.db, 'cursor', String(Math.max(cursor, res.cursor)));
        if (res.snapshot) setMeta(ctx.db, 'snapshot', res.snapshot);
        else deleteMeta(ctx.db, 'snapshot');
      }
      // lastMutationId is trusted only with a complete catch-up: a confirmed mutation's rows may sit on a
      // later page, and dropping it now would flash its effect away.
      if (!res.hasMore && !resync) {
        const localLast = Number(getMeta(ctx.db, 'lastMutationId') ?? '0');
        confirmMutations(ctx, res.lastMutationId, res.rejections).forEach((id) => touched.add(id));
        // Our counter is behind the server's (the replica came back from a backup): those ids are taken.
        if (res.lastMutationId > localLast) setMeta(ctx.db, 'lastMutationId', String(res.lastMutationId));
        setMeta(ctx.db, 'lastSyncAt', String(ctx.clock.now()));
      }
      replayPending(ctx).forEach((id) => touched.add(id));
    })
    .immediate();
  deps.onApplied(touched.size > MAX_IDS_PER_EVENT || reference ? [] : [...touched], reference);
  return res.hasMore || resync;
}

/** From cursor 0 it asks for a snapshot (or goes on with the one under way): see src/shared/sync.ts. */
function pullBody(deps: RoundDeps): PullBody {
  const { ctx } = deps;
  const cursor = Number(getMeta(ctx.db, 'cursor') ?? '0');
  return {
    clientId: ctx.clientId,
    cursor,
    rejectionsAfter: Number(getMeta(ctx.db, 'lastRejectionId') ?? '0'),
    ...(deps.pullLimit ? { limit: deps.pullLimit } : {}),
    ...(cursor === 0 ? { snapshot: getMeta(ctx.db, 'snapshot') ?? '' } : {}),
  };
}

/** Pulls and applies one page (sign-in: the inbox is usable after it); returns whether more wait. */
export async function pullPage(deps: RoundDeps): Promise<boolean> {
  const res = await deps.transport.pull(pullBody(deps));
  return applyPullPage(deps, res);
}

export async function pullAll(deps: RoundDeps): Promise<void> {
  for (;;) {
    const res = await deps.transport.pull(pullBody(deps));
    if (!applyPullPage(deps, res)) return;
  }
}

/** Sends the whole outbox in order, batch by batch. Returns whether anything was sent. */
export async function pushAll(deps: RoundDeps): Promise<boolean> {
  const { ctx } = deps;
  let after = 0;
  let sent = false;
  for (let renumbered = false; ;) {
    const batch = pendingMutations(ctx, { after, limit: PUSH_MAX_MUTATIONS });
    if (!batch.length) return sent;
    const res = await deps.transport.push({ clientId: ctx.clientId, mutations: batch });
    sent = true;
    if (res.gap) {
      // The server expects an earlier id than our first pending one (it was restored from a backup).
      if (renumbered) throw new SyncRequestError('refused', `push gap: server expects ${res.gap.expected}`);
      ctx.sqlite.transaction(() => renumberPending(ctx, res.gap!.expected)).immediate();
      renumbered = true;
      after = 0;
      continue;
    }
    after = batch[batch.length - 1]!.mutationId;
  }
}

/** pull → push → pull; the first pull only when asked (start, reconnect), so ids are renumbered before pushing. */
export async function syncRound(deps: RoundDeps, opts: { pullFirst: boolean }): Promise<void> {
  if (opts.pullFirst) await pullAll(deps);
  const pushed = await pushAll(deps);
  if (pushed || !opts.pullFirst) await pullAll(deps);
}

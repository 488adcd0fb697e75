// POST /sync/pull: the changes after the client's cursor that this agent may see (agents: rows of their
// trays plus workspace-wide rows; supervisors and admins: the whole workspace), its lastMutationId and its
// rejections. A pull from 0 that asks for a snapshot reads the tables instead of the log (snapshot.ts). Writers commit versions in order per workspace (changes.ts), so reading the workspace's
// highest version first and then only rows up to it can never skip a change that commits later.
import { and, asc, eq, gt, inArray, isNull, lte, max, or, type SQL } from 'drizzle-orm';
import {
  AppError,
  PULL_DEFAULT_LIMIT,
  type PullBody,
  type PullResponse,
  type SyncChange,
  type SyncEntity,
  type SyncRejection,
} from '../../shared';
import type { AuthContext } from '../auth/sessions';
import type { ServerContext } from '../context';
import { changeLog, mutationRejections, trayMembers } from '../db/schema';
import { bindClient } from './clients';
import { referenceSnapshot } from './reference';
import { snapshotPull } from './snapshot';

const REJECTIONS_PER_PULL = 100;

export async function pull(ctx: ServerContext, auth: AuthContext, body: PullBody): Promise<PullResponse> {
  const lastMutationId = await bindClient(ctx, auth, body.clientId);
  if (body.snapshot !== undefined) {
    if (body.cursor !== 0) throw new AppError('invalid_input', 'A snapshot is pulled with cursor 0');
    const page = await snapshotPull(ctx, auth, body.clientId, body.snapshot, body.limit);
    return {
      ...page,
      lastMutationId,
      rejections: await rejectionsOf(ctx, body.clientId, body.rejectionsAfter ?? 0),
    };
  }
  const workspaceId = auth.workspace.id;
  const limit = body.limit ?? PULL_DEFAULT_LIMIT;

  const [top] = await ctx.db
    .select({ version: max(changeLog.version) })
    .from(changeLog)
    .where(eq(changeLog.workspaceId, workspaceId));
  const ceiling = top?.version ?? 0;
  const rows = await ctx.db
    .select()
    .from(changeLog)
    .where(
      and(
        eq(changeLog.workspaceId, workspaceId),
        gt(changeLog.version, body.cursor),
        lte(changeLog.version, ceiling),
        visibleTo(ctx, auth),
      ),
    )
    .orderBy(asc(changeLog.version))
    .limit(limit + 1);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  // Invisible rows up to the ceiling are skipped for good: the cursor moves past them.
  const cursor = hasMore ? page[page.length - 1]!.version : Math.max(body.cursor, ceiling);

  const changes: SyncChange[] = page.map((r) => ({
    version: r.version,
    entity: r.entity as SyncEntity,
    entityId: r.entityId,
    op: r.op,
    // A conversation row's version is the change that wrote it.
    data: r.data && r.entity === 'conversations' ? { ...r.data, version: r.version } : r.data,
  }));
  const reference = body.cursor === 0 ? await referenceSnapshot(ctx.db, workspaceId) : [];
  return {
    changes: [...reference, ...changes],
    cursor,
    lastMutationId,
    rejections: await rejectionsOf(ctx, body.clientId, body.rejectionsAfter ?? 0),
    hasMore,
  };
}

function visibleTo(ctx: ServerContext, auth: AuthContext): SQL | undefined {
  if (auth.agent.role !== 'agent') return undefined;
  // A subquery, so membership is read in the same statement as the rows it filters.
  const myTrays = ctx.db
    .select({ trayId: trayMembers.trayId })
    .from(trayMembers)
    .where(eq(trayMembers.agentId, auth.agent.id));
  return or(isNull(changeLog.trayId), inArray(changeLog.trayId, myTrays));
}

async function rejectionsOf(ctx: ServerContext, clientId: string, after: number): Promise<SyncRejection[]> {
  const rows = await ctx.db
    .select()
    .from(mutationRejections)
    .where(and(eq(mutationRejections.clientId, clientId), gt(mutationRejections.mutationId, after)))
    .orderBy(asc(mutationRejections.mutationId))
    .limit(REJECTIONS_PER_PULL);
  return rows.map((r) => ({
    mutationId: r.mutationId,
    name: r.name,
    code: r.code as SyncRejection['code'],
    message: r.message,
    ...(r.messageKey ? { messageKey: r.messageKey } : {}),
    // What the translated message needs (missing fields, who took the conversation…), when the refusal had any.
    ...(r.params ? { params: r.params } : {}),
    at: r.createdAt,
  }));
}

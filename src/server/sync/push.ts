// POST /sync/push, after Replicache's reference push handler. Each mutation runs in its own transaction:
//   duplicate (id ≤ lastMutationId) → skip · gap (id > lastMutationId + 1) → stop the batch
//   otherwise validate + apply in a savepoint; a refusal rolls back only the savepoint and is recorded,
//   and lastMutationId advances either way, so one bad mutation never blocks the client's queue.
import { and, eq, sql } from 'drizzle-orm';
import {
  AppError,
  MUTATION_VERSION,
  MutationArgs,
  type MutationEnvelope,
  type PushBody,
  type PushResponse,
  type PushResult,
} from '../../shared';
import type { AuthContext } from '../auth/sessions';
import type { ServerContext } from '../context';
import type { Db } from '../db/open';
import { isInvalidText, isUniqueViolation } from '../db/errors';
import { clients, conversations, mutationRejections } from '../db/schema';
import { refuse } from '../../shared/mutators';
import { appendChanges, type Change, lockWorkspaceChanges } from './changes';
import { bindClient } from './clients';
import { runServerMutation } from './driver';
import { auditChange } from './rows';
import type { AuditRow } from '../services/audit';

export async function push(ctx: ServerContext, auth: AuthContext, body: PushBody): Promise<PushResponse> {
  let lastMutationId = await bindClient(ctx, auth, body.clientId);
  const results: PushResult[] = [];
  for (const m of body.mutations) {
    const outcome = await ctx.db.transaction((tx) => processMutation(ctx, tx, auth, m));
    if (outcome.kind === 'gap')
      return { lastMutationId: outcome.lastMutationId, results, gap: { expected: outcome.lastMutationId + 1 } };
    lastMutationId = outcome.lastMutationId;
    results.push(outcome.result);
  }
  return { lastMutationId, results };
}

type Outcome = { kind: 'gap'; lastMutationId: number } | { kind: 'done'; lastMutationId: number; result: PushResult };

async function processMutation(ctx: ServerContext, tx: Db, auth: AuthContext, m: MutationEnvelope): Promise<Outcome> {
  const workspaceId = auth.workspace.id;
  await lockWorkspaceChanges(tx, workspaceId); // first: versions become visible in commit order
  const [client] = await tx.select().from(clients).where(eq(clients.clientId, m.clientId)).for('update');
  const last = client!.lastMutationId;
  if (m.mutationId <= last) return done(last, { mutationId: m.mutationId, status: 'duplicate' });
  if (m.mutationId > last + 1) return { kind: 'gap', lastMutationId: last };

  const at = ctx.now();
  let result: PushResult = { mutationId: m.mutationId, status: 'applied' };
  try {
    await tx.transaction((sp) => apply(sp, auth, m, at));
  } catch (err) {
    const error = asRejection(err);
    await tx.insert(mutationRejections).values({
      clientId: m.clientId,
      mutationId: m.mutationId,
      name: m.name,
      ...error,
      messageKey: error.messageKey ?? null,
      params: error.params ?? null,
      createdAt: at,
    });
    result = { mutationId: m.mutationId, status: 'rejected', error };
  }
  await tx
    .update(clients)
    .set({ lastMutationId: m.mutationId, lastSeenAt: at })
    .where(eq(clients.clientId, m.clientId));
  return done(m.mutationId, result);
}

const done = (lastMutationId: number, result: PushResult): Outcome => ({ kind: 'done', lastMutationId, result });

async function apply(tx: Db, auth: AuthContext, m: MutationEnvelope, at: number): Promise<void> {
  if (m.version !== MUTATION_VERSION)
    throw refuse(
      'invalid_input',
      'errors.mutationVersion',
      'Actualiza la aplicación: este cambio usa una versión que el servidor no conoce',
    );
  const parsed = MutationArgs[m.name].safeParse(m.args);
  if (!parsed.success) throw refuse('invalid_input', 'errors.invalidMutation', 'Los datos del cambio no son válidos');
  // The same mutator the replica ran, now with the server's clock, rows and authority (src/shared/mutators).
  const env = {
    side: 'server' as const,
    actor: { id: auth.agent.id, role: auth.agent.role },
    workspaceId: auth.workspace.id,
    at,
  };
  const { changes, audits } = await runServerMutation(tx, env, m.name, parsed.data as never);
  changes.push(...(await auditChanges(tx, audits, changes)));
  const versions = await appendChanges(tx, auth.workspace.id, changes, at);
  await stampConversationVersions(tx, changes, versions);
}

/** The mutation's history entries, visible where its conversation now lives. */
async function auditChanges(tx: Db, audits: AuditRow[], changes: Change[]): Promise<Change[]> {
  const out: Change[] = [];
  for (const a of audits) {
    if (!a.conversationId) continue;
    const put = changes.findLast(
      (c) => c.entity === 'conversations' && c.op === 'put' && c.entityId === a.conversationId,
    );
    const trayId =
      put?.trayId ??
      (
        await tx
          .select({ trayId: conversations.trayId })
          .from(conversations)
          .where(eq(conversations.id, a.conversationId))
      )[0]?.trayId;
    if (trayId) out.push(auditChange(a, trayId));
  }
  return out;
}

/** conversations.version = the version of the change that last touched the row. */
async function stampConversationVersions(tx: Db, changes: Change[], versions: number[]): Promise<void> {
  const latest = new Map<string, number>();
  changes.forEach((c, i) => c.entity === 'conversations' && c.op === 'put' && latest.set(c.entityId, versions[i]!));
  for (const [id, version] of latest) {
    await tx
      .update(conversations)
      .set({ version })
      .where(and(eq(conversations.id, id), sql`${conversations.version} < ${version}`));
  }
}

/** Domain refusals become rejections; anything else (lost connection…) fails the request, and the client retries. */
function asRejection(err: unknown): {
  code: AppError['code'];
  message: string;
  messageKey?: string;
  params?: Record<string, string | number>;
} {
  if (err instanceof AppError)
    return {
      code: err.code,
      message: err.message,
      ...(err.messageKey ? { messageKey: err.messageKey } : {}),
      ...(err.params ? { params: err.params } : {}),
    };
  if (isUniqueViolation(err))
    return { code: 'conflict', message: 'Ese elemento ya existe', messageKey: 'errors.idTaken' };
  // Defense in depth: the schemas refuse NUL, but a poisoned mutation must never block the queue.
  if (isInvalidText(err))
    return {
      code: 'invalid_input',
      message: 'Los datos del cambio no son válidos',
      messageKey: 'errors.invalidMutation',
    };
  throw err;
}

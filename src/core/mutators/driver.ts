// The replica's driver of the shared mutators (src/shared/mutators): answers their reads and writes with
// cached prepared statements on the local SQLite file (row-statements.ts), synchronously, inside the
// caller's transaction. History goes through writeAudit; server-only effects (reply delivery, ticket
// numbers) answer null — the server's rows arrive with the next pull. It also notes what the mutation touched, for the UI's data.changed event.
import type { MutationArgsOf, MutationName, Role, SyncEntity } from '../../shared';
import { MUTATORS, type MutatorEnv, type Op, type Row, runSync, type Tx } from '../../shared/mutators';
import type { CoreContext } from '../context';
import { writeAudit } from './audit';
import { rowStatements } from './row-statements';

/** Reference tables: a write to them changes the session (names, pickers), not one conversation. */
const REFERENCE: ReadonlySet<SyncEntity> = new Set([
  'workspaces',
  'agents',
  'trays',
  'categories',
  'tray_members',
  'tags',
  'dispositions',
  'channels',
]);

export interface MutatorRun<T = unknown> {
  value: T;
  /** Something was written (a no-op writes nothing and gets no outbox row). */
  changed: boolean;
  conversationIds: string[];
  /** Reference data changed: the session must be re-read. */
  reference: boolean;
}

export function actorRole(ctx: CoreContext): Role {
  const row = ctx.statements.get('SELECT role FROM agents WHERE id = ?').get(ctx.meId) as { role: Role } | undefined;
  // Signed in as an agent the replica has not received yet: the least privilege until it arrives.
  return row?.role ?? 'agent';
}

export function mutatorEnv(ctx: CoreContext, at: number): MutatorEnv {
  return { side: 'client', actor: { id: ctx.meId, role: actorRole(ctx) }, workspaceId: ctx.workspaceId, at };
}

/** Runs any shared generator (a mutator, or a read-only check) on the replica and reports what it wrote. */
export function runOnReplica<T>(ctx: CoreContext, at: number, build: (env: MutatorEnv) => Tx<T>): MutatorRun<T> {
  const env = mutatorEnv(ctx, at);
  const touched = new Set<string>();
  let writes = 0;
  let reference = false;
  const note = (entity: SyncEntity, row: Row | undefined) => {
    if (!row) return;
    writes++;
    if (REFERENCE.has(entity)) reference = true;
    if (entity === 'conversations') touched.add(String(row.id));
    else if (typeof row.conversationId === 'string') touched.add(row.conversationId);
  };
  const rows = rowStatements(ctx.statements);

  const answer = (op: Op): unknown => {
    switch (op.kind) {
      case 'get':
        return rows.get(op.entity, op.key);
      case 'find':
        return rows.find(op.entity, op.where);
      case 'insert': {
        const row = rows.insert(op.entity, op.row);
        note(op.entity, row);
        return row;
      }
      case 'update': {
        const row = rows.update(op.entity, op.key, op.set);
        note(op.entity, row);
        return row;
      }
      case 'delete': {
        const row = rows.remove(op.entity, op.key);
        note(op.entity, row);
        return row;
      }
      case 'audit':
        writeAudit(ctx, { ...op.entry, at });
        return undefined;
      case 'server':
        return null;
    }
  };
  const value = runSync(build(env), answer);
  return { value, changed: writes > 0, conversationIds: [...touched], reference };
}

/** Runs one named mutation on the replica (the caller holds the transaction and the undo capture). */
export function runMutator<N extends MutationName>(
  ctx: CoreContext,
  name: N,
  args: MutationArgsOf<N>,
  at: number,
): MutatorRun {
  const mutator = MUTATORS[name] as (e: MutatorEnv, a: MutationArgsOf<N>) => Tx<unknown>;
  return runOnReplica(ctx, at, (env) => mutator(env, args));
}

// The replica's driver of the shared mutators (src/shared/mutators): answers their reads and writes with
// drizzle on the local SQLite file, synchronously, inside the caller's transaction. History goes through
// writeAudit; server-only effects (reply delivery, ticket numbers) answer null — the server's rows arrive
// with the next pull. It also notes what the mutation touched, for the UI's data.changed event.
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { AppError, type MutationArgsOf, type MutationName, type Role, type SyncEntity } from '../../shared';
import { MUTATORS, type MutatorEnv, type Op, type Row, runSync, type Tx } from '../../shared/mutators';
import type { CoreContext } from '../context';
import { SYNCED_TABLES } from '../sync/tables';
import { writeAudit } from './audit';

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

function whereOf(entity: SyncEntity, key: Row): SQL | undefined {
  const cols = SYNCED_TABLES[entity].columns;
  return and(
    ...Object.entries(key).map(([k, v]) => {
      const col = cols.get(k);
      if (!col) throw new AppError('internal', `${entity} has no column ${k}`);
      return v === null ? isNull(col) : eq(col, v);
    }),
  );
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
  const table = (entity: SyncEntity) => SYNCED_TABLES[entity].table as SQLiteTable & Record<string, Column>;

  const answer = (op: Op): unknown => {
    switch (op.kind) {
      case 'get':
        return ctx.db.select().from(table(op.entity)).where(whereOf(op.entity, op.key)).get();
      case 'find':
        return ctx.db.select().from(table(op.entity)).where(whereOf(op.entity, op.where)).all();
      case 'insert': {
        const row = ctx.db.insert(table(op.entity)).values(op.row).returning().get() as Row;
        note(op.entity, row);
        return row;
      }
      case 'update': {
        const row = ctx.db.update(table(op.entity)).set(op.set).where(whereOf(op.entity, op.key)).returning().get() as
          Row | undefined;
        note(op.entity, row);
        return row;
      }
      case 'delete': {
        const row = ctx.db.delete(table(op.entity)).where(whereOf(op.entity, op.key)).returning().get() as
          Row | undefined;
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

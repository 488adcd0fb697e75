// The one implementation of every mutation, for the replica and for the server. A mutator is a generator
// that yields what it needs done — read a row, write a row, record history — and gets the answer back:
//
//   const conv = yield* getRow('conversations', { id });
//   yield* updateRow('conversations', { id }, { status: 'open' });
//
// The core drives it synchronously inside its SQLite transaction (src/core/mutators/driver.ts); the server
// drives it with `await` inside its PostgreSQL transaction and turns every write into change-log entries
// (src/server/sync/driver.ts). So the rules a client checks are, line for line, the rules the server
// re-checks: a client that skips its own check is refused by the same code, with the same reason.
import { AppError, type ErrorCode } from '../errors';
import type { Role } from '../domain';
import type { RowOf } from '../rows';
import type { SyncEntity } from '../sync';

export type Row = Record<string, unknown>;

/** History entry of a mutation; the driver adds the actor, the time and the workspace. */
export interface AuditDraft {
  action: string;
  entity: string;
  entityId: string;
  conversationId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Effects only the server performs; on a replica they answer null (the server's row arrives later). */
export type ServerEffect =
  /** Queue an agent's reply for its channel (same transaction as the message). */
  | { name: 'enqueueReply'; messageId: string; conversationId: string; channelId: string }
  /** The next ticket number of the workspace (under the workspace's change-log lock). */
  | { name: 'nextTicketNumber' };

export type Op =
  | { kind: 'get'; entity: SyncEntity; key: Row }
  /** Rows whose columns equal `where` (null = IS NULL), in no particular order. */
  | { kind: 'find'; entity: SyncEntity; where: Row }
  | { kind: 'insert'; entity: SyncEntity; row: Row }
  /** Returns the row after the update, undefined when no row has the key. */
  | { kind: 'update'; entity: SyncEntity; key: Row; set: Row }
  /** Returns the deleted row, undefined when there was none. */
  | { kind: 'delete'; entity: SyncEntity; key: Row }
  | { kind: 'audit'; entry: AuditDraft }
  | { kind: 'server'; effect: ServerEffect };

export type Tx<T> = Generator<Op, T, unknown>;

export interface Actor {
  id: string;
  role: Role;
}

export interface MutatorEnv {
  /** Where it runs: the replica applies optimistically, the server decides. */
  side: 'client' | 'server';
  actor: Actor;
  workspaceId: string;
  /** The time of the change: the replica's clock for the optimistic copy, the server's for the truth. */
  at: number;
}

export function* getRow<E extends SyncEntity>(entity: E, key: Partial<RowOf<E>>): Tx<RowOf<E> | undefined> {
  return (yield { kind: 'get', entity, key: key as Row }) as RowOf<E> | undefined;
}

export function* findRows<E extends SyncEntity>(entity: E, where: Partial<RowOf<E>>): Tx<RowOf<E>[]> {
  return (yield { kind: 'find', entity, where: where as Row }) as RowOf<E>[];
}

export function* insertRow<E extends SyncEntity>(entity: E, row: Partial<RowOf<E>>): Tx<RowOf<E>> {
  return (yield { kind: 'insert', entity, row: row as Row }) as RowOf<E>;
}

export function* updateRow<E extends SyncEntity>(
  entity: E,
  key: Partial<RowOf<E>>,
  set: Partial<RowOf<E>>,
): Tx<RowOf<E> | undefined> {
  return (yield { kind: 'update', entity, key: key as Row, set: set as Row }) as RowOf<E> | undefined;
}

export function* deleteRow<E extends SyncEntity>(entity: E, key: Partial<RowOf<E>>): Tx<RowOf<E> | undefined> {
  return (yield { kind: 'delete', entity, key: key as Row }) as RowOf<E> | undefined;
}

export function* audit(entry: AuditDraft): Tx<void> {
  yield { kind: 'audit', entry };
}

/**
 * One history entry in each conversation it concerns (a contact's or a ticket's change belongs to the
 * timeline of every conversation showing that contact or ticket — timelines are per conversation), or a
 * workspace-level entry when there is none.
 */
export function* auditAcross(conversationIds: readonly string[], entry: Omit<AuditDraft, 'conversationId'>): Tx<void> {
  if (!conversationIds.length) yield* audit({ ...entry, conversationId: null });
  for (const conversationId of conversationIds) yield* audit({ ...entry, conversationId });
}

export function* serverEffect(effect: ServerEffect): Tx<unknown> {
  return yield { kind: 'server', effect };
}

/**
 * A refusal: `spanish` reaches the agent as is (next to the conversation), `messageKey` + `params` let the
 * UI say it in the agent's language.
 */
export const refuse = (
  code: ErrorCode,
  messageKey: string,
  spanish: string,
  params?: Record<string, string | number>,
) => new AppError(code, spanish, messageKey, undefined, params);

/** Runs a mutator whose ops are answered synchronously (the replica's SQLite). */
export function runSync<T>(tx: Tx<T>, answer: (op: Op) => unknown): T {
  let step = tx.next();
  while (!step.done) step = tx.next(answer(step.value));
  return step.value;
}

/** Runs a mutator whose ops are answered asynchronously (the server's database). */
export async function runAsync<T>(tx: Tx<T>, answer: (op: Op) => Promise<unknown>): Promise<T> {
  let step = tx.next();
  while (!step.done) step = tx.next(await answer(step.value));
  return step.value;
}

// A pure in-memory driver for the shared mutators (src/shared/mutators/runtime.ts): it answers the Op protocol
// over Map<entity, Map<entityId, row>> and behaves like the real databases where the mutators could notice —
// schema defaults on insert, NOT NULL, primary and unique keys, foreign keys (RESTRICT), rows returned as
// copies, `find` in no useful order, and all-or-nothing mutations (snapshot/restore, like a transaction).
// Anything a mutator does that SQLite or PostgreSQL would reject throws a StoreError here too.
import type { z } from 'zod';
import {
  AppError,
  MutationArgs,
  type MutationArgsOf,
  type MutationName,
  type SyncEntity,
  zodIssues,
} from '../../src/shared';
import {
  type AnyMutator,
  type AuditDraft,
  MUTATORS,
  type MutatorEnv,
  type Op,
  type Row,
  runSync,
  type ServerEffect,
  type Tx,
} from '../../src/shared/mutators';
import { ENTITY_KEYS, entityIdOf, type RowOf } from '../../src/shared/rows';

/** A column with no default: an insert must give it (and it is NOT NULL). */
const REQUIRED: unique symbol = Symbol('required');
type Columns<E extends SyncEntity> = { [K in keyof RowOf<E>]-?: RowOf<E>[K] | typeof REQUIRED };

const R: typeof REQUIRED = REQUIRED;
/** Every column with its schema default (src/core/db/schema.ts); a null default = a nullable column. */
const COLUMNS: { [E in SyncEntity]: Columns<E> } = {
  workspaces: { id: R, name: R, timezone: R, createdAt: R, settings: {} },
  agents: { id: R, workspaceId: R, name: R, email: R, role: R, active: true, color: R, createdAt: R },
  trays: { id: R, workspaceId: R, key: R, name: R, team: R, position: R, active: true },
  categories: { id: R, trayId: R, key: R, name: R, position: R, active: true },
  tray_members: { trayId: R, agentId: R },
  channels: { id: R, workspaceId: R, kind: R, name: R, address: R },
  tags: { id: R, workspaceId: R, name: R, color: R },
  companies: { id: R, workspaceId: R, name: R, domain: null },
  contacts: { id: R, workspaceId: R, name: R, companyId: null, createdAt: R },
  contact_identities: { id: R, contactId: R, kind: R, value: R, channelKind: '' },
  conversations: {
    id: R,
    workspaceId: R,
    contactId: R,
    channelId: R,
    channelKind: R,
    trayId: R,
    categoryId: null,
    status: R,
    assigneeId: null,
    priority: 'normal',
    subject: null,
    snippet: '',
    snoozedUntil: null,
    lastActivityAt: R,
    waitingSince: null,
    firstResponseAt: null,
    cycle: 1,
    cycleStartedAt: R,
    createdAt: R,
    updatedAt: R,
    version: 0,
    lastCustomerMessageAt: null,
    lastHumanReplyAt: null,
    linkedFromId: null,
    snoozedBy: null,
    followUpAt: null,
    followUpBy: null,
  },
  conversation_tags: { conversationId: R, tagId: R, createdAt: R },
  conversation_cycles: {
    id: R,
    conversationId: R,
    number: R,
    startedAt: R,
    firstHumanReplyAt: null,
    resolvedAt: null,
    resolvedBy: null,
    dispositionId: null,
    justification: null,
    resolvedTrayId: null,
    confirmedMessageId: null,
  },
  messages: {
    id: R,
    conversationId: R,
    direction: R,
    authorKind: R,
    authorAgentId: null,
    text: R,
    attachments: '[]',
    channelMessageId: null,
    deliveryStatus: null,
    deliveryError: null,
    createdAt: R,
  },
  notes: {
    id: R,
    conversationId: R,
    authorAgentId: R,
    body: R,
    createdAt: R,
    kind: 'plain',
    fields: null,
    externalChannel: null,
    occurredAt: null,
    mentions: [],
  },
  audit_log: {
    id: R,
    workspaceId: R,
    actorId: null,
    actorKind: R,
    action: R,
    entity: R,
    entityId: R,
    conversationId: null,
    before: null,
    after: null,
    at: R,
  },
  dispositions: { id: R, workspaceId: R, name: R, needsFollowUp: false, position: R, active: true },
  tasks: {
    id: R,
    workspaceId: R,
    conversationId: null,
    title: R,
    dueAt: null,
    assigneeId: null,
    done: false,
    doneAt: null,
    doneBy: null,
    createdBy: R,
    createdAt: R,
    updatedAt: R,
  },
  tickets: {
    id: R,
    workspaceId: R,
    number: null,
    subject: R,
    status: R,
    priority: R,
    createdBy: R,
    createdAt: R,
    updatedAt: R,
  },
  conversation_tickets: { conversationId: R, ticketId: R, createdAt: R },
};

/** Foreign keys of the client schema: [table, column, referenced table (by id)]. */
const REFS: readonly [SyncEntity, string, SyncEntity][] = [
  ['agents', 'workspaceId', 'workspaces'],
  ['trays', 'workspaceId', 'workspaces'],
  ['categories', 'trayId', 'trays'],
  ['tray_members', 'trayId', 'trays'],
  ['tray_members', 'agentId', 'agents'],
  ['channels', 'workspaceId', 'workspaces'],
  ['companies', 'workspaceId', 'workspaces'],
  ['contacts', 'workspaceId', 'workspaces'],
  ['contacts', 'companyId', 'companies'],
  ['contact_identities', 'contactId', 'contacts'],
  ['tags', 'workspaceId', 'workspaces'],
  ['conversations', 'workspaceId', 'workspaces'],
  ['conversations', 'contactId', 'contacts'],
  ['conversations', 'channelId', 'channels'],
  ['conversations', 'trayId', 'trays'],
  ['conversations', 'categoryId', 'categories'],
  ['conversations', 'assigneeId', 'agents'],
  ['conversation_tags', 'conversationId', 'conversations'],
  ['conversation_tags', 'tagId', 'tags'],
  ['conversation_cycles', 'conversationId', 'conversations'],
  ['conversation_cycles', 'resolvedBy', 'agents'],
  ['messages', 'conversationId', 'conversations'],
  ['messages', 'authorAgentId', 'agents'],
  ['notes', 'conversationId', 'conversations'],
  ['notes', 'authorAgentId', 'agents'],
  ['dispositions', 'workspaceId', 'workspaces'],
  ['tasks', 'workspaceId', 'workspaces'],
  ['tasks', 'conversationId', 'conversations'],
  ['tasks', 'assigneeId', 'agents'],
  ['tickets', 'workspaceId', 'workspaces'],
  ['conversation_tickets', 'conversationId', 'conversations'],
  ['conversation_tickets', 'ticketId', 'tickets'],
];

/** Unique indexes (the server's: identities are unique per workspace, through their contact). */
const UNIQUES: Partial<Record<SyncEntity, (row: Row, store: MemoryStore) => string>> = {
  agents: (r) => `${String(r.workspaceId)}|${String(r.email)}`,
  conversation_cycles: (r) => `${String(r.conversationId)}|${String(r.number)}`,
  contact_identities: (r, s) =>
    [s.tables.get('contacts')?.get(String(r.contactId))?.workspaceId, r.kind, r.value, r.channelKind].join('|'),
};

/** What the server's trigger keeps of a resolved cycle (migration 0005): only conversation and number move. */
const CLOSURE_RECORD = [
  'startedAt',
  'firstHumanReplyAt',
  'resolvedAt',
  'resolvedBy',
  'dispositionId',
  'justification',
  'resolvedTrayId',
  'confirmedMessageId',
] as const;

/** What a database would refuse (a mutator bug, never a refusal for the agent). */
export class StoreError extends Error {
  override name = 'StoreError';
}

export interface AuditRecord extends AuditDraft {
  workspaceId: string;
  actorId: string;
  at: number;
}

export interface MemoryStore {
  tables: Map<SyncEntity, Map<string, Row>>;
  audits: AuditRecord[];
  /** Server effects performed (only the server performs them). */
  effects: ServerEffect[];
  /** Last ticket number handed out, per workspace. */
  ticketNumbers: Map<string, number>;
}

export function createStore(): MemoryStore {
  return { tables: new Map(), audits: [], effects: [], ticketNumbers: new Map() };
}

const table = (s: MemoryStore, entity: SyncEntity): Map<string, Row> => {
  let t = s.tables.get(entity);
  if (!t) s.tables.set(entity, (t = new Map()));
  return t;
};

/** Rows leave the store as copies: a mutator holding one cannot change the table behind the driver's back. */
const copyRow = <E extends SyncEntity>(row: Row): RowOf<E> => structuredClone(row) as unknown as RowOf<E>;

function checkColumns(entity: SyncEntity, row: Row) {
  for (const k of Object.keys(row)) if (!(k in COLUMNS[entity])) throw new StoreError(`${entity} has no column ${k}`);
}

function checkRow(s: MemoryStore, entity: SyncEntity, row: Row, except?: string) {
  const columns = COLUMNS[entity] as Record<string, unknown>;
  for (const [k, d] of Object.entries(columns))
    if (row[k] === null && d !== null) throw new StoreError(`NOT NULL: ${entity}.${k}`);
  for (const [child, column, parent] of REFS)
    if (child === entity && row[column] != null && !table(s, parent).has(String(row[column])))
      throw new StoreError(`FOREIGN KEY: ${entity}.${column} → ${parent} ${String(row[column])}`);
  const unique = UNIQUES[entity];
  if (!unique) return;
  const key = unique(row, s);
  for (const [id, other] of table(s, entity))
    if (id !== except && unique(other, s) === key) throw new StoreError(`UNIQUE: ${entity} ${key}`);
}

/** The entity id of a primary key; anything but exactly the key's columns is a driver misuse. */
function keyId(entity: SyncEntity, key: Row): string {
  const cols: readonly string[] = ENTITY_KEYS[entity];
  const given = Object.keys(key);
  if (given.length !== cols.length || !cols.every((c) => key[c] !== undefined && key[c] !== null))
    throw new StoreError(`${entity}: a key must be exactly (${cols.join(', ')}), got (${given.join(', ')})`);
  return entityIdOf(entity, key as never);
}

export function insert<E extends SyncEntity>(s: MemoryStore, entity: E, values: Partial<RowOf<E>>): RowOf<E> {
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  checkColumns(entity, given);
  const row: Row = {};
  for (const [k, d] of Object.entries(COLUMNS[entity] as Record<string, unknown>)) {
    if (k in given) row[k] = structuredClone(given[k]);
    else if (d === REQUIRED) throw new StoreError(`NOT NULL: ${entity}.${k} has no default`);
    else row[k] = structuredClone(d);
  }
  const id = keyId(entity, Object.fromEntries(ENTITY_KEYS[entity].map((k) => [k, row[k]])));
  if (table(s, entity).has(id)) throw new StoreError(`PRIMARY KEY: ${entity} ${id} exists`);
  checkRow(s, entity, row);
  table(s, entity).set(id, row);
  return copyRow<E>(row);
}

export function update<E extends SyncEntity>(
  s: MemoryStore,
  entity: E,
  key: Partial<RowOf<E>>,
  set: Partial<RowOf<E>>,
): RowOf<E> | undefined {
  const id = keyId(entity, key as Row);
  const current = table(s, entity).get(id);
  const changes = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  checkColumns(entity, changes);
  if (ENTITY_KEYS[entity].some((k) => k in changes && changes[k] !== current?.[k]))
    throw new StoreError(`${entity}: primary key columns are not updated (delete + insert)`);
  if (!current) return undefined;
  if (entity === 'conversation_cycles' && current.resolvedAt != null)
    for (const k of CLOSURE_RECORD)
      if (k in changes && changes[k] !== current[k])
        throw new StoreError(`conversation cycle ${id} is resolved: its closure record cannot change (${k})`);
  const row = { ...current, ...structuredClone(changes) };
  checkRow(s, entity, row, id);
  table(s, entity).set(id, row);
  return copyRow<E>(row);
}

export function remove<E extends SyncEntity>(s: MemoryStore, entity: E, key: Partial<RowOf<E>>): RowOf<E> | undefined {
  const id = keyId(entity, key as Row);
  const row = table(s, entity).get(id);
  if (!row) return undefined;
  for (const [child, column, parent] of REFS)
    if (parent === entity && [...table(s, child).values()].some((r) => r[column] === row.id))
      throw new StoreError(`FOREIGN KEY: ${child}.${column} still references ${entity} ${id}`);
  table(s, entity).delete(id);
  return copyRow<E>(row);
}

export function get<E extends SyncEntity>(s: MemoryStore, entity: E, key: Partial<RowOf<E>>): RowOf<E> | undefined {
  const row = table(s, entity).get(keyId(entity, key as Row));
  return row ? copyRow<E>(row) : undefined;
}

/** Rows whose columns equal `where` (null = IS NULL) — newest insert first, so no mutator can lean on order. */
export function find<E extends SyncEntity>(s: MemoryStore, entity: E, where: Partial<RowOf<E>>): RowOf<E>[] {
  const w = where as Row;
  checkColumns(entity, w);
  for (const [k, v] of Object.entries(w)) if (v === undefined) throw new StoreError(`${entity}: where ${k} undefined`);
  return [...table(s, entity).values()]
    .filter((r) => Object.entries(w).every(([k, v]) => r[k] === v))
    .reverse()
    .map((r) => copyRow<E>(r));
}

export function rows<E extends SyncEntity>(s: MemoryStore, entity: E): RowOf<E>[] {
  return [...table(s, entity).values()].map((r) => copyRow<E>(r));
}

/** Answers one op of a mutator run by `env`, as the replica's or the server's driver would. */
export function answer(s: MemoryStore, env: MutatorEnv, op: Op): unknown {
  switch (op.kind) {
    case 'get':
      return get(s, op.entity, op.key);
    case 'find':
      return find(s, op.entity, op.where);
    case 'insert':
      return insert(s, op.entity, op.row);
    case 'update':
      return update(s, op.entity, op.key, op.set);
    case 'delete':
      return remove(s, op.entity, op.key);
    case 'audit':
      s.audits.push({ ...structuredClone(op.entry), workspaceId: env.workspaceId, actorId: env.actor.id, at: env.at });
      return undefined;
    case 'server':
      if (env.side === 'client') return null;
      s.effects.push(structuredClone(op.effect));
      if (op.effect.name === 'enqueueReply') return null;
      s.ticketNumbers.set(env.workspaceId, (s.ticketNumbers.get(env.workspaceId) ?? 0) + 1);
      return s.ticketNumbers.get(env.workspaceId);
  }
}

/** Everything the store holds, as a plain value (for "nothing was written" and for restoring). */
export function snapshot(s: MemoryStore): MemoryStore {
  return structuredClone(s);
}

function restore(s: MemoryStore, copy: MemoryStore) {
  Object.assign(s, structuredClone(copy));
}

export type RunResult<T = unknown> = { ok: true; value: T } | { ok: false; error: AppError };

/** Runs a mutator's generator as one transaction: a throw leaves the store exactly as it was. */
export function runTx<T>(s: MemoryStore, env: MutatorEnv, tx: Tx<T>): RunResult<T> {
  const before = snapshot(s);
  try {
    return { ok: true, value: runSync(tx, (op) => answer(s, env, op)) };
  } catch (err) {
    restore(s, before);
    if (err instanceof AppError) return { ok: false, error: err };
    throw err;
  }
}

export type MutationInput<N extends MutationName> = z.input<(typeof MutationArgs)[N]>;

/** A named mutation as the drivers run it: args validated by its zod schema, then MUTATORS[name]. */
export function run<N extends MutationName>(
  s: MemoryStore,
  name: N,
  args: MutationInput<N>,
  env: MutatorEnv,
): RunResult {
  const parsed = MutationArgs[name].safeParse(args);
  if (!parsed.success)
    return {
      ok: false,
      error: new AppError('invalid_input', 'Invalid mutation', 'errors.invalidInput', zodIssues(parsed.error)),
    };
  const mutator = MUTATORS[name] as AnyMutator<N>;
  return runTx(s, env, mutator(env, parsed.data as MutationArgsOf<N>));
}

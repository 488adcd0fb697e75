// The one contract between the UI and the core: every method and event, declared once with zod.
// Electron IPC (src/main), the WebSocket host (src/host) and the renderer all derive from this table.
import { z } from 'zod';
import { ChannelKind, Locale, Status, Theme } from './domain';
import {
  AuditEvent,
  Contact,
  ConversationDetail,
  ConversationSummary,
  Counts,
  NoteItem,
  MessageItem,
  Prefs,
  Session,
  SyncStatus,
  ThreadItem,
} from './entities';
import { Id } from './ids';
import { BulkAction, SettableStatus } from './mutations';
import { ErrorPayload } from './errors';
import { AuthStatus, SignInInput, SyncRejectionItem } from './auth';
import { ActivityState, AgentPresence } from './realtime';

export const View = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mine') }),
  z.object({ kind: z.literal('unassigned') }),
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('tray'), trayId: Id }),
  z.object({ kind: z.literal('category'), categoryId: Id }),
  z.object({ kind: z.literal('tag'), tagId: Id }),
]);
export type View = z.infer<typeof View>;

export const ListFilters = z.object({
  channels: z.array(ChannelKind).max(10).optional(),
  /** Agent ids; the literal 'none' matches unassigned conversations. */
  assignees: z
    .array(z.union([Id, z.literal('none')]))
    .max(50)
    .optional(),
  tagIds: z.array(Id).max(50).optional(),
});
export type ListFilters = z.infer<typeof ListFilters>;

/** Opaque keyset cursor: "<lastActivityAt>:<id>" of the last row of the previous page. */
export const Cursor = z.string().regex(/^\d{1,16}:[0-9a-f-]{36}$/);

const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: Cursor.nullable() });

const conversationRef = z.object({ conversationId: Id });
/** `mutationId` is the outbox id of the change; null when nothing changed (e.g. already assigned). */
const mutationResult = z.object({
  mutationId: z.number().int().positive().nullable(),
  changed: z.boolean(),
  conversation: ConversationSummary,
});

export const BulkItemResult = z.object({
  conversationId: Id,
  ok: z.boolean(),
  /** What happened: 'changed', 'unchanged' (already so), or the error. */
  outcome: z.enum(['changed', 'unchanged', 'failed']),
  error: ErrorPayload.optional(),
});
export type BulkItemResult = z.infer<typeof BulkItemResult>;

export const contract = {
  'session.get': { input: z.object({}), output: Session },
  'conversations.list': {
    input: z.object({
      view: View,
      status: Status.optional(),
      filters: ListFilters.default({}),
      cursor: Cursor.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: page(ConversationSummary),
  },
  'conversations.counts': { input: z.object({}), output: Counts },
  'conversations.get': {
    input: z.object({ id: Id }),
    output: ConversationDetail,
  },
  'conversations.search': {
    input: z.object({
      query: z.string().trim().min(1).max(200),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    output: z.array(ConversationSummary),
  },
  'thread.page': {
    input: z.object({
      conversationId: Id,
      /** Cursor of the oldest item already shown; absent = newest page. */
      before: Cursor.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    /** Items oldest → newest within the page; nextCursor pages further into the past. */
    output: page(ThreadItem),
  },
  'contacts.get': { input: z.object({ id: Id }), output: Contact },
  'audit.timeline': {
    input: z.object({
      conversationId: Id,
      before: Cursor.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: page(AuditEvent),
  },
  'conversations.assign': {
    input: conversationRef.extend({ assigneeId: Id.nullable() }),
    output: mutationResult,
  },
  'conversations.move': {
    input: conversationRef.extend({ trayId: Id, categoryId: Id.nullable() }),
    output: mutationResult,
  },
  'conversations.setStatus': {
    input: conversationRef.extend({ status: SettableStatus }),
    output: mutationResult,
  },
  'conversations.addTag': {
    input: conversationRef.extend({ tagId: Id }),
    output: mutationResult,
  },
  'conversations.removeTag': {
    input: conversationRef.extend({ tagId: Id }),
    output: mutationResult,
  },
  'conversations.bulk': {
    input: z.object({
      conversationIds: z.array(Id).min(1).max(500),
      action: BulkAction,
    }),
    output: z.object({ results: z.array(BulkItemResult) }),
  },
  'notes.add': {
    input: conversationRef.extend({
      body: z.string().trim().min(1).max(10_000),
    }),
    output: z.object({
      mutationId: z.number().int().positive(),
      note: NoteItem,
    }),
  },
  'messages.sendReply': {
    input: conversationRef.extend({
      text: z.string().trim().min(1).max(10_000),
    }),
    output: z.object({
      mutationId: z.number().int().positive(),
      message: MessageItem,
    }),
  },
  'drafts.get': {
    input: conversationRef,
    output: z.object({ text: z.string(), mode: z.enum(['reply', 'note']) }),
  },
  'drafts.set': {
    input: conversationRef.extend({
      text: z.string().max(10_000),
      mode: z.enum(['reply', 'note']),
    }),
    output: z.object({ saved: z.boolean() }),
  },
  'prefs.get': { input: z.object({}), output: Prefs },
  'prefs.set': {
    input: z.object({
      locale: Locale.optional(),
      theme: Theme.optional(),
      columnWidths: Prefs.shape.columnWidths.optional(),
      detailsCollapsed: z.boolean().optional(),
    }),
    output: Prefs,
  },
  'sync.status': { input: z.object({}), output: SyncStatus },
  /** Push and pull now (the "retry" of the sync indicator); resolves when the round ends. */
  'sync.now': { input: z.object({}), output: SyncStatus },
  /** Refusals not dismissed yet, newest first; of one conversation when given. */
  'sync.rejections': {
    input: z.object({ conversationId: Id.optional() }),
    output: z.object({ items: z.array(SyncRejectionItem) }),
  },
  'sync.dismissRejection': {
    input: z.object({ mutationId: z.number().int().positive() }),
    output: z.object({ dismissed: z.boolean() }),
  },
  /** Agents online or away in the workspace (absent = offline), from the server's realtime socket. */
  'presence.list': { input: z.object({}), output: z.object({ agents: z.array(AgentPresence) }) },
  /** The person at this replica became active or idle (the renderer watches input and visibility). */
  'presence.setActivity': { input: z.object({ state: ActivityState }), output: z.object({ ok: z.literal(true) }) },
  'auth.status': { input: z.object({}), output: AuthStatus },
  /** Signs in and downloads the first page of the workspace (the replica is wiped if it held another). */
  'auth.signIn': { input: SignInInput, output: AuthStatus },
  /**
   * Ends the session and wipes the local replica. Refused (conflict, errors.pendingChanges) while changes
   * wait to be sent, unless `discardPending` — the UI asks the agent first.
   */
  'auth.signOut': { input: z.object({ discardPending: z.boolean().optional() }), output: AuthStatus },
  /** Opens an attachment with the system (allow-listed schemes only). */
  'attachments.open': {
    input: z.object({ url: z.string().max(2048) }),
    output: z.object({ opened: z.boolean() }),
  },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.infer<Contract[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from the core to every UI on one subscription channel. */
export const events = {
  /** Local data changed: refetch what shows these conversations; counts are stale when `counts`. */
  'data.changed': z.object({
    conversationIds: z.array(Id),
    counts: z.boolean(),
    reason: z.string(),
  }),
  'prefs.changed': Prefs,
  'sync.changed': SyncStatus,
  'auth.changed': AuthStatus,
  'presence.changed': z.object({ agents: z.array(AgentPresence) }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

// The one contract between the UI and the core: every method and event, declared once with zod.
// Electron IPC (src/main), the WebSocket host (src/host) and the renderer all derive from this table.
import { z } from 'zod';
import { ChannelKind, Locale, Status, Theme } from './domain';
import {
  AuditEvent,
  ClosureItem,
  Company,
  Contact,
  ConversationDetail,
  ConversationSummary,
  Counts,
  NoteItem,
  NotificationItem,
  MessageItem,
  Prefs,
  RuleCheck,
  Session,
  SyncStatus,
  Task,
  ThreadItem,
  Ticket,
} from './entities';
import { Id, Timestamp } from './ids';
import {
  BulkAction,
  DescriptiveFields,
  ExternalChannel,
  FreeText,
  MutationArgs,
  OneLine,
  SettableStatus,
  TicketStatus,
} from './mutations';
import { Priority } from './domain';
import { Justification } from './rules/closing-policy';
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
const Mentions = z.array(Id).max(20).optional();
/** A change that is not about one conversation (tasks, tickets, companies, settings). */
const savedResult = z.object({ mutationId: z.number().int().positive().nullable(), changed: z.boolean() });
/** What the dialogs check before they offer an action (RuleCheck), named like the mutation it precedes. */
export const CheckedAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resolve'), dispositionId: Id.nullable() }),
  z.object({ type: z.literal('move'), trayId: Id }),
  z.object({ type: z.literal('assign'), assigneeId: Id.nullable() }),
]);
export type CheckedAction = z.infer<typeof CheckedAction>;

/** A desktop notification, as the core asks the platform to show it. */
export const DesktopNotice = z.object({
  /** Dedupe key (the in-app notification's id): shown once even if asked twice. */
  id: z.string(),
  title: z.string(),
  body: z.string(),
  conversationId: Id.nullable(),
});
export type DesktopNotice = z.infer<typeof DesktopNotice>;

export const ClosureFilters = z.object({
  agentId: Id.optional(),
  trayId: Id.optional(),
  dispositionId: Id.optional(),
  /** 'none': closures with no justification recorded (only possible for data older than the policy). */
  justification: z.union([Justification, z.literal('none')]).optional(),
  /** Only cycles closed without a human reply (the KPI "closed without response"). */
  unansweredOnly: z.boolean().optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type ClosureFilters = z.infer<typeof ClosureFilters>;
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
  /** Resolves with a disposition under the closing policy; says which justification a)–d) it used. */
  'conversations.resolve': {
    input: conversationRef.extend({ dispositionId: Id }),
    output: mutationResult.extend({ justification: Justification }),
  },
  'conversations.snooze': {
    input: conversationRef.extend({ until: Timestamp }),
    output: mutationResult,
  },
  'conversations.setFollowUp': {
    input: conversationRef.extend({ at: Timestamp.nullable() }),
    output: mutationResult,
  },
  /** What an action on this conversation needs first (descriptive note, disposition, follow-up task…). */
  'conversations.check': {
    input: conversationRef.extend({ action: CheckedAction }),
    output: RuleCheck,
  },
  /** d) marks the customer message that says they need nothing else (null unmarks). */
  'conversations.markConfirmed': {
    input: conversationRef.extend({ messageId: Id.nullable() }),
    output: mutationResult,
  },
  /** Merges `sourceId` into `conversationId` (the one that stays). */
  'conversations.merge': {
    input: conversationRef.extend({ sourceId: Id }),
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
      body: FreeText(10_000),
      mentions: Mentions,
    }),
    output: z.object({
      mutationId: z.number().int().positive(),
      note: NoteItem,
    }),
  },
  'notes.addDescriptive': {
    input: conversationRef.extend({ fields: DescriptiveFields, mentions: Mentions }),
    output: z.object({ mutationId: z.number().int().positive(), note: NoteItem }),
  },
  /** Logs a contact outside the CRM (guide §6): it shows in the thread and counts as documentation. */
  'notes.logExternal': {
    input: conversationRef.extend({
      channel: ExternalChannel,
      occurredAt: Timestamp,
      summary: FreeText(4_000),
    }),
    output: z.object({ mutationId: z.number().int().positive(), note: NoteItem }),
  },
  /** "Mis tareas" (mine, open first by due date), or the tasks of one conversation. */
  'tasks.list': {
    input: z
      .object({
        scope: z.enum(['mine', 'conversation', 'all']),
        conversationId: Id.optional(),
        includeDone: z.boolean().default(false),
      })
      .refine((v) => v.scope !== 'conversation' || v.conversationId, {
        message: 'conversationId is required for the conversation scope',
        path: ['conversationId'],
      }),
    output: z.object({ items: z.array(Task) }),
  },
  'tasks.create': {
    input: z.object({
      conversationId: Id.nullable(),
      title: OneLine(200),
      dueAt: Timestamp.nullable(),
      assigneeId: Id.nullable(),
    }),
    output: savedResult.extend({ task: Task }),
  },
  'tasks.update': {
    input: MutationArgs.updateTask,
    output: savedResult.extend({ task: Task }),
  },
  'tickets.forConversation': { input: conversationRef, output: z.object({ items: z.array(Ticket) }) },
  /** Tickets by number or subject, for associating an existing one. */
  'tickets.search': {
    input: z.object({ query: z.string().trim().max(200), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(Ticket) }),
  },
  'tickets.create': {
    input: conversationRef.extend({ subject: OneLine(200), priority: Priority }),
    output: savedResult.extend({ ticket: Ticket }),
  },
  'tickets.update': {
    input: z.object({
      ticketId: Id,
      subject: OneLine(200).optional(),
      status: TicketStatus.optional(),
      priority: Priority.optional(),
    }),
    output: savedResult.extend({ ticket: Ticket }),
  },
  'tickets.link': { input: conversationRef.extend({ ticketId: Id }), output: savedResult },
  'tickets.unlink': { input: conversationRef.extend({ ticketId: Id }), output: savedResult },
  'companies.search': {
    input: z.object({ query: z.string().trim().max(200), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(Company) }),
  },
  'companies.create': {
    input: MutationArgs.createCompany.omit({ companyId: true }),
    output: savedResult.extend({ company: Company }),
  },
  'contacts.setCompany': { input: z.object({ contactId: Id, companyId: Id.nullable() }), output: savedResult },
  'contacts.update': {
    input: MutationArgs.updateContact,
    output: savedResult,
  },
  'contacts.addIdentity': {
    input: MutationArgs.addContactIdentity.omit({ identityId: true }),
    output: savedResult,
  },
  /** In-app notifications (mentions, assignments, due snoozes and tasks), newest first. */
  'notifications.list': {
    input: z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ items: z.array(NotificationItem), unread: z.number().int().nonnegative() }),
  },
  'notifications.markRead': {
    input: z.object({ ids: z.array(z.string().max(200)).max(500).optional(), all: z.boolean().optional() }),
    output: z.object({ unread: z.number().int().nonnegative() }),
  },
  /** Supervisors and admins: resolved cycles for the weekly review (guide §8), newest first. */
  'reviews.closures': {
    input: z.object({
      filters: ClosureFilters.default({}),
      cursor: Cursor.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: page(ClosureItem).extend({
      /** Over the whole filtered period (every page), for the review's summary line. */
      totals: z.object({
        closures: z.number().int().nonnegative(),
        unanswered: z.number().int().nonnegative(),
        /** Closed without a human reply and without a justification: a defect of the guide's policy. */
        unjustified: z.number().int().nonnegative(),
      }),
    }),
  },
  'settings.saveTray': {
    input: MutationArgs.saveTray.partial({ trayId: true }),
    output: savedResult.extend({ id: Id }),
  },
  'settings.saveCategory': {
    input: MutationArgs.saveCategory.partial({ categoryId: true }),
    output: savedResult.extend({ id: Id }),
  },
  'settings.saveTag': { input: MutationArgs.saveTag.partial({ tagId: true }), output: savedResult.extend({ id: Id }) },
  'settings.saveDisposition': {
    input: MutationArgs.saveDisposition.partial({ dispositionId: true }),
    output: savedResult.extend({ id: Id }),
  },
  'settings.reorder': { input: MutationArgs.reorder, output: savedResult },
  'settings.setTrayMembers': { input: MutationArgs.setTrayMembers, output: savedResult },
  'settings.update': { input: MutationArgs.saveSettings, output: savedResult },
  'messages.sendReply': {
    input: conversationRef.extend({
      text: FreeText(10_000),
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
      notifications: Prefs.shape.notifications.optional(),
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
  /** The in-app notification list changed (a mention arrived, something was read). */
  'notifications.changed': z.object({ unread: z.number().int().nonnegative() }),
  /** Headless host only: show this desktop notification with the web Notification API (Electron shows it natively). */
  'host.notify': DesktopNotice,
  /** A desktop notification was clicked: bring up this conversation. */
  'shell.openConversation': z.object({ conversationId: Id }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

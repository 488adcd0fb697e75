// Implementation of every contract method on top of queries and mutators. Inputs arrive parsed by
// `dispatch`; each handler returns the contract's output type, so TypeScript checks the table.
import {
  AppError,
  newId,
  type BulkAction,
  type BulkItemResult,
  type Justification,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type ThreadItem,
} from '../shared';
import { toErrorPayload } from '../shared';
import { checkAction } from '../shared/mutators';
import type { CoreContext } from './context';
import { getDraft, getPrefs, setDraft, setPrefs } from './local-state';
import { applyMutation, type AppliedMutation } from './mutators/apply';
import { runOnReplica } from './mutators/driver';
import { listNotifications, markRead } from './notifications/inbox';
import { listClosures } from './queries/closures';
import { auditTimeline, getContact, getConversation, threadPage } from './queries/conversation';
import {
  getCompany,
  getTask,
  getTicket,
  listTasks,
  searchCompanies,
  searchTickets,
  ticketsForConversation,
} from './queries/work';
import { listConversations, searchConversations } from './queries/conversation-list';
import { countConversations } from './queries/counts';
import { conversationRow, encodeCursor, summariesOf } from './queries/rows';
import { getSession } from './queries/session';
import { dismissRejection, listRejections } from './sync/rejections';
import type { SessionManager } from './sync/session';

export type Handlers = {
  [M in MethodName]: (
    ctx: CoreContext,
    input: MethodInput<M>,
    env: HandlerEnv,
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface HandlerEnv {
  openExternal(url: string): Promise<boolean>;
  session: SessionManager;
}

function summaryAfter(ctx: CoreContext, conversationId: string, applied: AppliedMutation) {
  const row = conversationRow(ctx, conversationId);
  if (!row) throw new AppError('not_found', 'Conversation vanished', 'errors.conversationNotFound');
  const [conversation] = summariesOf(ctx, [row]);
  return {
    mutationId: applied.mutationId,
    changed: applied.changed,
    conversation: conversation!,
  };
}

function applyBulkAction(ctx: CoreContext, conversationId: string, action: BulkAction): AppliedMutation {
  switch (action.type) {
    case 'assign':
      return applyMutation(ctx, 'assign', {
        conversationId,
        assigneeId: action.assigneeId,
      });
    case 'move':
      return applyMutation(ctx, 'move', {
        conversationId,
        trayId: action.trayId,
        categoryId: action.categoryId,
      });
    case 'setStatus':
      return applyMutation(ctx, 'setStatus', {
        conversationId,
        status: action.status,
      });
    case 'addTag':
      return applyMutation(ctx, 'addTag', {
        conversationId,
        tagId: action.tagId,
      });
    case 'removeTag':
      return applyMutation(ctx, 'removeTag', {
        conversationId,
        tagId: action.tagId,
      });
    case 'resolve':
      return applyMutation(ctx, 'resolve', { conversationId, dispositionId: action.dispositionId });
    case 'snooze':
      return applyMutation(ctx, 'snooze', { conversationId, until: action.until });
  }
}

/** A change that is not about one conversation: its outbox id and whether anything changed. */
const saved = (applied: AppliedMutation) => ({ mutationId: applied.mutationId, changed: applied.changed });

/** Settings saves mint the id of what they create; an update names it. */
function saveSetting<N extends 'saveTray' | 'saveCategory' | 'saveTag' | 'saveDisposition'>(
  ctx: CoreContext,
  name: N,
  idKey: string,
  input: Record<string, unknown>,
) {
  const id = (input[idKey] as string | undefined) ?? newId();
  const applied = applyMutation(ctx, name, { ...input, [idKey]: id } as never);
  return { ...saved(applied), id };
}

/** The thread item a mutation just wrote, read back the way the thread shows it (newest page). */
function readBack<T extends ThreadItem['type']>(
  ctx: CoreContext,
  conversationId: string,
  id: string,
  type: T,
): Extract<ThreadItem, { type: T }> {
  // Not "the newest page": with a skewed clock (or older items arriving from the server) the new item can
  // sit anywhere in the thread. A cursor just after its own time makes it the first row of the page.
  const table = type === 'note' ? 'notes' : 'messages';
  const at = ctx.statements.get(`SELECT created_at AS t FROM ${table} WHERE id = ?`).get(id) as
    { t: number } | undefined;
  const page = at ? threadPage(ctx, conversationId, encodeCursor(at.t + 1, id), 1).items : [];
  const item = page.find((i) => i.id === id);
  if (!item || item.type !== type) throw new AppError('internal', `${type} not readable after insert`);
  return item as Extract<ThreadItem, { type: T }>;
}

/** A note of any kind: the id minted here, the note read back as the thread shows it. */
function writeNote(ctx: CoreContext, conversationId: string, apply: (noteId: string) => AppliedMutation) {
  const noteId = newId();
  const applied = apply(noteId);
  return { mutationId: applied.mutationId!, note: readBack(ctx, conversationId, noteId, 'note') };
}

const OPENABLE = /^(https?:|mailto:|tel:|file:)/i;

export const handlers: Handlers = {
  'session.get': (ctx) => getSession(ctx),
  'conversations.list': (ctx, input) => listConversations(ctx, input),
  'conversations.counts': (ctx) => countConversations(ctx),
  'conversations.get': (ctx, { id }) => getConversation(ctx, id),
  'conversations.search': (ctx, { query, limit }) => searchConversations(ctx, query, limit ?? 20),
  'thread.page': (ctx, { conversationId, before, limit }) => threadPage(ctx, conversationId, before, limit ?? 50),
  'contacts.get': (ctx, { id }) => getContact(ctx, id),
  'audit.timeline': (ctx, { conversationId, before, limit }) => auditTimeline(ctx, conversationId, before, limit ?? 50),
  'conversations.assign': (ctx, input) => summaryAfter(ctx, input.conversationId, applyMutation(ctx, 'assign', input)),
  'conversations.move': (ctx, input) => summaryAfter(ctx, input.conversationId, applyMutation(ctx, 'move', input)),
  'conversations.setStatus': (ctx, input) =>
    summaryAfter(ctx, input.conversationId, applyMutation(ctx, 'setStatus', input)),
  'conversations.addTag': (ctx, input) => summaryAfter(ctx, input.conversationId, applyMutation(ctx, 'addTag', input)),
  'conversations.removeTag': (ctx, input) =>
    summaryAfter(ctx, input.conversationId, applyMutation(ctx, 'removeTag', input)),
  'conversations.resolve': (ctx, input) => {
    const applied = applyMutation(ctx, 'resolve', input);
    return { ...summaryAfter(ctx, input.conversationId, applied), justification: applied.value as Justification };
  },
  'conversations.snooze': (ctx, input) => summaryAfter(ctx, input.conversationId, applyMutation(ctx, 'snooze', input)),
  'conversations.setFollowUp': (ctx, input) =>
    summaryAfter(ctx, input.conversationId, applyMutation(ctx, 'setFollowUp', input)),
  'conversations.check': (ctx, { conversationId, action }) =>
    runOnReplica(ctx, ctx.clock.now(), (env) => checkAction(env, conversationId, action)).value,
  'conversations.markConfirmed': (ctx, input) =>
    summaryAfter(ctx, input.conversationId, applyMutation(ctx, 'markCustomerConfirmed', input)),
  'conversations.merge': (ctx, { conversationId, sourceId }) =>
    summaryAfter(ctx, conversationId, applyMutation(ctx, 'mergeConversations', { targetId: conversationId, sourceId })),
  'conversations.bulk': (ctx, { conversationIds, action }) => {
    // Each conversation is its own transaction: one failure never undoes or blocks the others.
    const results: BulkItemResult[] = [...new Set(conversationIds)].map((conversationId) => {
      try {
        const applied = applyBulkAction(ctx, conversationId, action);
        return {
          conversationId,
          ok: true,
          outcome: applied.changed ? 'changed' : 'unchanged',
        };
      } catch (err) {
        return {
          conversationId,
          ok: false,
          outcome: 'failed',
          error: toErrorPayload(err),
        };
      }
    });
    return { results };
  },
  'notes.add': (ctx, { conversationId, body, mentions }) =>
    writeNote(ctx, conversationId, (noteId) =>
      applyMutation(ctx, 'addNote', { conversationId, noteId, body, mentions }),
    ),
  'notes.addDescriptive': (ctx, { conversationId, fields, mentions }) =>
    writeNote(ctx, conversationId, (noteId) =>
      applyMutation(ctx, 'addDescriptiveNote', { conversationId, noteId, fields, mentions }),
    ),
  'notes.logExternal': (ctx, { conversationId, channel, occurredAt, summary }) =>
    writeNote(ctx, conversationId, (noteId) =>
      applyMutation(ctx, 'logExternalContact', { conversationId, noteId, channel, occurredAt, summary }),
    ),
  'tasks.list': (ctx, input) => ({ items: listTasks(ctx, input) }),
  'tasks.create': (ctx, input) => {
    const taskId = newId();
    const applied = applyMutation(ctx, 'createTask', { taskId, ...input });
    return { ...saved(applied), task: getTask(ctx, taskId) };
  },
  'tasks.update': (ctx, input) => {
    const applied = applyMutation(ctx, 'updateTask', input);
    return { ...saved(applied), task: getTask(ctx, input.taskId) };
  },
  'tickets.forConversation': (ctx, { conversationId }) => ({ items: ticketsForConversation(ctx, conversationId) }),
  'tickets.search': (ctx, { query, limit }) => ({ items: searchTickets(ctx, query, limit ?? 20) }),
  'tickets.create': (ctx, input) => {
    const ticketId = newId();
    const applied = applyMutation(ctx, 'createTicket', { ticketId, ...input });
    return { ...saved(applied), ticket: getTicket(ctx, ticketId) };
  },
  'tickets.update': (ctx, input) => {
    const applied = applyMutation(ctx, 'updateTicket', input);
    return { ...saved(applied), ticket: getTicket(ctx, input.ticketId) };
  },
  'tickets.link': (ctx, input) => saved(applyMutation(ctx, 'linkTicket', input)),
  'tickets.unlink': (ctx, input) => saved(applyMutation(ctx, 'unlinkTicket', input)),
  'companies.search': (ctx, { query, limit }) => ({ items: searchCompanies(ctx, query, limit ?? 20) }),
  'companies.create': (ctx, input) => {
    const companyId = newId();
    const applied = applyMutation(ctx, 'createCompany', { companyId, ...input });
    return { ...saved(applied), company: getCompany(ctx, companyId) };
  },
  'contacts.setCompany': (ctx, input) => saved(applyMutation(ctx, 'setContactCompany', input)),
  'contacts.update': (ctx, input) => saved(applyMutation(ctx, 'updateContact', input)),
  'contacts.addIdentity': (ctx, input) =>
    saved(applyMutation(ctx, 'addContactIdentity', { identityId: newId(), ...input })),
  'notifications.list': (ctx, { unreadOnly, limit }) => listNotifications(ctx, { unreadOnly, limit: limit ?? 50 }),
  'notifications.markRead': (ctx, input) => {
    const unread = markRead(ctx, input);
    ctx.emit('notifications.changed', { unread });
    return { unread };
  },
  'reviews.closures': (ctx, { filters, cursor, limit }) => listClosures(ctx, filters ?? {}, cursor, limit ?? 50),
  'settings.saveTray': (ctx, input) => saveSetting(ctx, 'saveTray', 'trayId', input),
  'settings.saveCategory': (ctx, input) => saveSetting(ctx, 'saveCategory', 'categoryId', input),
  'settings.saveTag': (ctx, input) => saveSetting(ctx, 'saveTag', 'tagId', input),
  'settings.saveDisposition': (ctx, input) => saveSetting(ctx, 'saveDisposition', 'dispositionId', input),
  'settings.reorder': (ctx, input) => saved(applyMutation(ctx, 'reorder', input)),
  'settings.setTrayMembers': (ctx, input) => saved(applyMutation(ctx, 'setTrayMembers', input)),
  'settings.update': (ctx, input) => saved(applyMutation(ctx, 'saveSettings', input)),
  'messages.sendReply': (ctx, { conversationId, text }) => {
    const messageId = newId();
    const applied = applyMutation(ctx, 'sendReply', {
      conversationId,
      messageId,
      text,
    });
    return { mutationId: applied.mutationId!, message: readBack(ctx, conversationId, messageId, 'message') };
  },
  'drafts.get': (ctx, { conversationId }) => getDraft(ctx, conversationId),
  'drafts.set': (ctx, input) => setDraft(ctx, input),
  'sync.status': (_ctx, _input, env) => env.session.syncStatus(),
  'sync.now': (_ctx, _input, env) => env.session.syncNow(),
  'sync.rejections': (ctx, { conversationId }) => ({ items: listRejections(ctx, conversationId) }),
  'sync.dismissRejection': (ctx, { mutationId }, env) => {
    const dismissed = dismissRejection(ctx, mutationId);
    if (dismissed) ctx.emit('sync.changed', env.session.syncStatus());
    return { dismissed };
  },
  'presence.list': (_ctx, _input, env) => ({ agents: env.session.presence() }),
  'presence.setActivity': (_ctx, { state }, env) => {
    env.session.setActivity(state);
    return { ok: true as const };
  },
  'auth.status': (_ctx, _input, env) => env.session.status(),
  'auth.signIn': (_ctx, input, env) => env.session.signIn(input),
  'auth.signOut': (_ctx, input, env) => env.session.signOut(input),
  'prefs.get': (ctx) => getPrefs(ctx),
  'prefs.set': (ctx, input) => setPrefs(ctx, input),
  'attachments.open': async (_ctx, { url }, env) => {
    if (!OPENABLE.test(url)) throw new AppError('forbidden', 'Scheme not allowed', 'errors.schemeNotAllowed');
    return { opened: await env.openExternal(url) };
  },
};

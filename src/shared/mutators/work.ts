// Follow-up work: tasks (of a conversation or standalone) and support tickets. A task of a conversation
// follows that conversation's tray (who may touch it, who may be given it); a standalone task belongs to
// whoever created it or has it. Tickets are workspace-wide and numbered by the server; a conversation links
// to any number of them. Both are the closing policy's c), so each change touches the conversation.
import type { MutationArgsOf } from '../mutations';
import type { ConversationRow, TaskRow, TicketRow } from '../rows';
import { loadForActor, requireActiveAgent, requireNewId, seesTray } from './access';
import { type Mutator, touchConversation } from './conversation';
import { changedFields } from './diff';
import {
  audit,
  auditAcross,
  deleteRow,
  findRows,
  getRow,
  insertRow,
  type MutatorEnv,
  refuse,
  serverEffect,
  type Tx,
  updateRow,
} from './runtime';

/** The assignee of a conversation's task must be able to open that conversation. */
function* requireAssignee(env: MutatorEnv, conv: ConversationRow | null, assigneeId: string): Tx<void> {
  const a = yield* requireActiveAgent(env, assigneeId);
  if (conv && !(yield* seesTray(a, conv.trayId)))
    throw refuse(
      'rule_violation',
      'errors.assigneeCannotSee',
      `${a.name} no ve esta bandeja: no podría hacer la tarea`,
      {
        name: a.name,
      },
    );
}

function* loadTask(env: MutatorEnv, id: string): Tx<TaskRow> {
  const task = yield* getRow('tasks', { id });
  if (!task || task.workspaceId !== env.workspaceId)
    throw refuse('not_found', 'errors.taskNotFound', 'La tarea ya no existe');
  return task;
}

/**
 * A conversation's task: whoever may touch the conversation. A standalone one: its creator or its assignee
 * (supervisors and admins: any).
 */
function* taskConversationForActor(env: MutatorEnv, task: TaskRow): Tx<ConversationRow | null> {
  if (task.conversationId) return yield* loadForActor(env, task.conversationId);
  if (env.actor.role === 'agent' && task.createdBy !== env.actor.id && task.assigneeId !== env.actor.id)
    throw refuse(
      'forbidden',
      'errors.taskForbidden',
      'Solo quien creó la tarea o quien la tiene asignada puede cambiarla',
    );
  return null;
}

export const createTask: Mutator<MutationArgsOf<'createTask'>> = function* (env, args) {
  const conv = args.conversationId ? yield* loadForActor(env, args.conversationId) : null;
  yield* requireNewId('tasks', args.taskId);
  if (args.assigneeId !== null) yield* requireAssignee(env, conv, args.assigneeId);
  yield* insertRow('tasks', {
    id: args.taskId,
    workspaceId: env.workspaceId,
    conversationId: conv?.id ?? null,
    title: args.title,
    dueAt: args.dueAt,
    assigneeId: args.assigneeId,
    done: false,
    doneAt: null,
    doneBy: null,
    createdBy: env.actor.id,
    createdAt: env.at,
    updatedAt: env.at,
  });
  if (conv) yield* touchConversation(env, conv.id);
  yield* audit({
    action: 'task.created',
    entity: 'task',
    entityId: args.taskId,
    conversationId: conv?.id ?? null,
    before: null,
    after: { title: args.title, dueAt: args.dueAt, assigneeId: args.assigneeId },
  });
};

/** Only the fields given change; done=true records who finished it and when, done=false clears that. */
export const updateTask: Mutator<MutationArgsOf<'updateTask'>> = function* (env, args) {
  const task = yield* loadTask(env, args.taskId);
  const conv = yield* taskConversationForActor(env, task);
  const wanted: Partial<TaskRow> = { title: args.title, dueAt: args.dueAt, assigneeId: args.assigneeId };
  if (args.done === true && !task.done) Object.assign(wanted, { done: true, doneAt: env.at, doneBy: env.actor.id });
  if (args.done === false && task.done) Object.assign(wanted, { done: false, doneAt: null, doneBy: null });
  const { before, after } = changedFields(task, wanted);
  if (!after) return;
  if (after.assigneeId) yield* requireAssignee(env, conv, after.assigneeId);
  yield* updateRow('tasks', { id: task.id }, { ...after, updatedAt: env.at });
  if (conv) yield* touchConversation(env, conv.id);
  yield* audit({
    action: 'task.updated',
    entity: 'task',
    entityId: task.id,
    conversationId: conv?.id ?? null,
    before,
    after,
  });
};

function* loadTicket(env: MutatorEnv, id: string): Tx<TicketRow> {
  const t = yield* getRow('tickets', { id });
  if (!t || t.workspaceId !== env.workspaceId)
    throw refuse('not_found', 'errors.ticketNotFound', 'El ticket ya no existe');
  return t;
}

export const createTicket: Mutator<MutationArgsOf<'createTicket'>> = function* (env, args) {
  const conv = yield* loadForActor(env, args.conversationId);
  yield* requireNewId('tickets', args.ticketId);
  // The server numbers tickets in order per workspace; the replica stores null ("#—") until the server's row arrives.
  const n = yield* serverEffect({ name: 'nextTicketNumber' });
  const number = typeof n === 'number' ? n : null;
  yield* insertRow('tickets', {
    id: args.ticketId,
    workspaceId: env.workspaceId,
    number,
    subject: args.subject,
    status: 'open',
    priority: args.priority,
    createdBy: env.actor.id,
    createdAt: env.at,
    updatedAt: env.at,
  });
  yield* insertRow('conversation_tickets', { conversationId: conv.id, ticketId: args.ticketId, createdAt: env.at });
  yield* touchConversation(env, conv.id);
  yield* audit({
    action: 'ticket.created',
    entity: 'ticket',
    entityId: args.ticketId,
    conversationId: conv.id,
    before: null,
    after: { number, subject: args.subject, status: 'open', priority: args.priority },
  });
};

/**
 * Tickets are workspace-wide (anyone can find one and link it), so anyone in the workspace may update one.
 * It may span several conversations: its history is its own (conversationId null).
 */
export const updateTicket: Mutator<MutationArgsOf<'updateTicket'>> = function* (env, args) {
  const ticket = yield* loadTicket(env, args.ticketId);
  const { before, after } = changedFields(ticket, {
    subject: args.subject,
    status: args.status,
    priority: args.priority,
  });
  if (!after) return;
  yield* updateRow('tickets', { id: ticket.id }, { ...after, updatedAt: env.at });
  const links = yield* findRows('conversation_tickets', { ticketId: ticket.id });
  yield* auditAcross(
    links.map((l) => l.conversationId),
    {
      action: 'ticket.updated',
      entity: 'ticket',
      entityId: ticket.id,
      before,
      after,
    },
  );
};

export const linkTicket: Mutator<MutationArgsOf<'linkTicket'>> = function* (env, { conversationId, ticketId }) {
  yield* loadForActor(env, conversationId);
  const ticket = yield* loadTicket(env, ticketId);
  if (yield* getRow('conversation_tickets', { conversationId, ticketId })) return;
  yield* insertRow('conversation_tickets', { conversationId, ticketId, createdAt: env.at });
  yield* touchConversation(env, conversationId);
  yield* audit({
    action: 'ticket.linked',
    entity: 'ticket',
    entityId: ticketId,
    conversationId,
    before: null,
    after: { ticketId, number: ticket.number },
  });
};

export const unlinkTicket: Mutator<MutationArgsOf<'unlinkTicket'>> = function* (env, { conversationId, ticketId }) {
  yield* loadForActor(env, conversationId);
  const ticket = yield* loadTicket(env, ticketId);
  if (!(yield* deleteRow('conversation_tickets', { conversationId, ticketId }))) return;
  yield* touchConversation(env, conversationId);
  yield* audit({
    action: 'ticket.unlinked',
    entity: 'ticket',
    entityId: ticketId,
    conversationId,
    before: { ticketId, number: ticket.number },
    after: null,
  });
};

// Cases of tasks, tickets, companies and contacts: who may touch them, who may be given a task, ticket
// numbers, idempotent links, unique names and identities.
import { expect } from 'vitest';
import { H } from '../../helpers/memory-seed';
import { find, get, rows } from '../../helpers/memory-store';
import { call, type Case, lastAudit, must } from '../../helpers/mutator-cases';

const ghost = '0190a000-9999-7000-8000-000000000003';

export const taskCases: Case[] = [
  {
    name: 'a task of a conversation, for a teammate who sees the tray',
    as: 'ana',
    call: (s) =>
      call('createTask', {
        taskId: s.newId(),
        conversationId: s.conversations.unanswered,
        title: 'Pedir fotos',
        dueAt: s.now + H,
        assigneeId: s.agents.ana.id,
      }),
    expect: { audit: 'task.created' },
    check: (s) => {
      const task = rows(s.store, 'tasks').find((t) => t.title === 'Pedir fotos')!;
      expect(task).toMatchObject({
        workspaceId: s.workspaceId,
        conversationId: s.conversations.unanswered,
        done: false,
        doneAt: null,
        createdBy: s.agents.ana.id,
        createdAt: s.now,
      });
      expect(lastAudit(s)).toMatchObject({ entity: 'task', conversationId: s.conversations.unanswered, before: null });
    },
  },
  {
    name: 'a standalone task',
    as: 'ana',
    call: (s) =>
      call('createTask', {
        taskId: s.newId(),
        conversationId: null,
        title: 'Ordenar repuestos',
        dueAt: null,
        assigneeId: null,
      }),
    expect: { audit: 'task.created' },
    check: (s) => expect(lastAudit(s).conversationId).toBeNull(),
  },
  {
    name: "a conversation's task cannot go to an agent who does not see its tray",
    as: 'ana',
    call: (s) =>
      call('createTask', {
        taskId: s.newId(),
        conversationId: s.conversations.unanswered,
        title: 'Cotizar',
        dueAt: null,
        assigneeId: s.agents.beto.id,
      }),
    expect: { refused: 'errors.assigneeCannotSee', params: { name: 'Beto Rojas' } },
  },
  {
    name: "a conversation's task may go to a supervisor (they see every tray)",
    as: 'ana',
    call: (s) =>
      call('createTask', {
        taskId: s.newId(),
        conversationId: s.conversations.unanswered,
        title: 'Aprobar cambio',
        dueAt: null,
        assigneeId: s.agents.supervisor.id,
      }),
    expect: { audit: 'task.created' },
  },
  {
    name: 'a standalone task may go to any active agent',
    as: 'ana',
    call: (s) =>
      call('createTask', {
        taskId: s.newId(),
        conversationId: null,
        title: 'Enviar catálogo',
        dueAt: null,
        assigneeId: s.agents.beto.id,
      }),
    expect: { audit: 'task.created' },
  },
  {
    name: 'a task cannot go to a disabled agent',
    as: 'ana',
    call: (s) =>
      call('createTask', {
        taskId: s.newId(),
        conversationId: null,
        title: 'Algo',
        dueAt: null,
        assigneeId: s.agents.carla.id,
      }),
    expect: { refused: 'errors.agentDisabled', params: { name: 'Carla Díaz' } },
  },
  {
    name: 'a task id already taken is refused',
    as: 'ana',
    call: (s) =>
      call('createTask', {
        taskId: s.tasks.betoStandalone,
        conversationId: null,
        title: 'Algo',
        dueAt: null,
        assigneeId: null,
      }),
    expect: { refused: 'errors.idTaken' },
  },
  {
    name: 'a task on a conversation outside her trays is refused',
    as: 'beto',
    call: (s) =>
      call('createTask', {
        taskId: s.newId(),
        conversationId: s.conversations.unanswered,
        title: 'Algo',
        dueAt: null,
        assigneeId: null,
      }),
    expect: { refused: 'errors.notTrayMember' },
  },
  {
    name: 'done records who finished it and when',
    as: 'ana',
    call: (s) => call('updateTask', { taskId: s.tasks.anaStandalone, done: true }),
    expect: { audit: 'task.updated' },
    check: (s) => {
      expect(get(s.store, 'tasks', { id: s.tasks.anaStandalone })).toMatchObject({
        done: true,
        doneAt: s.now,
        doneBy: s.agents.ana.id,
        updatedAt: s.now,
      });
      expect(lastAudit(s)).toMatchObject({
        before: { done: false, doneAt: null, doneBy: null },
        after: { done: true, doneAt: s.now, doneBy: s.agents.ana.id },
      });
    },
  },
  {
    name: 'undone clears who finished it',
    as: 'ana',
    setup: (s) => must(s, 'ana', call('updateTask', { taskId: s.tasks.anaStandalone, done: true })),
    call: (s) => call('updateTask', { taskId: s.tasks.anaStandalone, done: false }),
    expect: { audit: 'task.updated' },
    check: (s) =>
      expect(get(s.store, 'tasks', { id: s.tasks.anaStandalone })).toMatchObject({
        done: false,
        doneAt: null,
        doneBy: null,
      }),
  },
  {
    name: 'only the fields given change',
    as: 'ana',
    call: (s) => call('updateTask', { taskId: s.tasks.anaStandalone, title: 'Llamar al proveedor hoy' }),
    expect: { audit: 'task.updated' },
    check: (s) => {
      expect(get(s.store, 'tasks', { id: s.tasks.anaStandalone })).toMatchObject({
        title: 'Llamar al proveedor hoy',
        dueAt: s.now + 24 * H,
      });
      expect(lastAudit(s)).toMatchObject({
        before: { title: 'Llamar a proveedor de repuestos' },
        after: { title: 'Llamar al proveedor hoy' },
      });
    },
  },
  {
    name: 'clearing the due date and the assignee',
    as: 'ana',
    call: (s) => call('updateTask', { taskId: s.tasks.anaStandalone, dueAt: null, assigneeId: null }),
    expect: { audit: 'task.updated' },
  },
  {
    name: 'an update that changes nothing is a no-op',
    as: 'ana',
    call: (s) =>
      call('updateTask', { taskId: s.tasks.anaStandalone, title: 'Llamar a proveedor de repuestos', done: false }),
    expect: 'noop',
  },
  {
    name: "an agent cannot change someone else's standalone task",
    as: 'ana',
    call: (s) => call('updateTask', { taskId: s.tasks.betoStandalone, done: true }),
    expect: { refused: 'errors.taskForbidden' },
  },
  {
    name: 'the assignee of a standalone task may change it',
    as: 'ana',
    setup: (s, ctx) => {
      ctx.task = s.newId();
      must(
        s,
        'beto',
        call('createTask', {
          taskId: ctx.task,
          conversationId: null,
          title: 'Revisar stock',
          dueAt: null,
          assigneeId: s.agents.ana.id,
        }),
      );
    },
    call: (_s, ctx) => call('updateTask', { taskId: ctx.task!, done: true }),
    expect: { audit: 'task.updated' },
  },
  {
    name: 'a supervisor may change any task',
    as: 'supervisor',
    call: (s) => call('updateTask', { taskId: s.tasks.betoStandalone, dueAt: s.now + 2 * H }),
    expect: { audit: 'task.updated' },
  },
  {
    name: "a conversation's task follows its tray: outside it, refused",
    as: 'beto',
    setup: (s, ctx) => {
      ctx.task = s.newId();
      must(
        s,
        'ana',
        call('createTask', {
          taskId: ctx.task,
          conversationId: s.conversations.unanswered,
          title: 'Pedir fotos',
          dueAt: null,
          assigneeId: null,
        }),
      );
    },
    call: (_s, ctx) => call('updateTask', { taskId: ctx.task!, done: true }),
    expect: { refused: 'errors.notTrayMember' },
  },
  {
    name: "a conversation's task cannot be handed to someone who does not see the tray",
    as: 'ana',
    setup: (s, ctx) => {
      ctx.task = s.newId();
      must(
        s,
        'ana',
        call('createTask', {
          taskId: ctx.task,
          conversationId: s.conversations.unanswered,
          title: 'Pedir fotos',
          dueAt: null,
          assigneeId: null,
        }),
      );
    },
    call: (s, ctx) => call('updateTask', { taskId: ctx.task!, assigneeId: s.agents.beto.id }),
    expect: { refused: 'errors.assigneeCannotSee', params: { name: 'Beto Rojas' } },
  },
  {
    name: 'an unknown task',
    as: 'ana',
    call: () => call('updateTask', { taskId: ghost, done: true }),
    expect: { refused: 'errors.taskNotFound' },
  },
];

export const ticketCases: Case[] = [
  {
    name: 'a ticket created from a conversation is linked to it (the replica has no number yet)',
    as: 'ana',
    side: 'client',
    call: (s) =>
      call('createTicket', {
        ticketId: s.newId(),
        conversationId: s.conversations.unanswered,
        subject: 'Equipo no enciende',
        priority: 'high',
      }),
    expect: { audit: 'ticket.created' },
    check: (s) => {
      const ticket = rows(s.store, 'tickets').find((t) => t.subject === 'Equipo no enciende')!;
      expect(ticket).toMatchObject({ number: null, status: 'open', priority: 'high', createdBy: s.agents.ana.id });
      expect(
        get(s.store, 'conversation_tickets', { conversationId: s.conversations.unanswered, ticketId: ticket.id }),
      ).toBeDefined();
    },
  },
  {
    name: 'the server numbers tickets in order per workspace',
    as: 'ana',
    side: 'server',
    call: (s) =>
      call('createTicket', {
        ticketId: s.newId(),
        conversationId: s.conversations.unanswered,
        subject: 'Equipo no enciende',
        priority: 'high',
      }),
    expect: { audit: 'ticket.created' },
    check: (s) => {
      expect(rows(s.store, 'tickets').find((t) => t.subject === 'Equipo no enciende')!.number).toBe(2);
      expect(lastAudit(s).after).toMatchObject({ number: 2 });
    },
  },
  {
    name: 'a ticket id already taken is refused',
    as: 'ana',
    call: (s) =>
      call('createTicket', {
        ticketId: s.tickets.k1,
        conversationId: s.conversations.unanswered,
        subject: 'Otra',
        priority: 'low',
      }),
    expect: { refused: 'errors.idTaken' },
  },
  {
    name: 'a ticket on a conversation outside her trays is refused',
    as: 'beto',
    call: (s) =>
      call('createTicket', {
        ticketId: s.newId(),
        conversationId: s.conversations.unanswered,
        subject: 'Otra',
        priority: 'low',
      }),
    expect: { refused: 'errors.notTrayMember' },
  },
  {
    name: 'a ticket changes status and priority',
    as: 'ana',
    call: (s) => call('updateTicket', { ticketId: s.tickets.k1, status: 'inProgress', priority: 'high' }),
    expect: { audit: 'ticket.updated' },
    check: (s) => {
      // Written into the timeline of every conversation the ticket is associated with.
      const linked = find(s.store, 'conversation_tickets', { ticketId: s.tickets.k1 }).map((l) => l.conversationId);
      const written = s.store.audits.filter((a) => a.action === 'ticket.updated');
      expect(written.map((a) => a.conversationId).sort()).toEqual(linked.sort());
      expect(lastAudit(s)).toMatchObject({ before: { status: 'open' }, after: { status: 'inProgress' } });
    },
  },
  {
    name: 'a ticket update that changes nothing is a no-op',
    as: 'beto',
    call: (s) => call('updateTicket', { ticketId: s.tickets.k1, subject: 'Cotización grande', priority: 'high' }),
    expect: 'noop',
  },
  {
    name: "another workspace's ticket does not exist",
    as: 'admin',
    call: (s) => call('updateTicket', { ticketId: s.other.ticket, status: 'closed' }),
    expect: { refused: 'errors.ticketNotFound' },
  },
  {
    name: 'a ticket can be linked to a second conversation',
    as: 'ana',
    call: (s) => call('linkTicket', { conversationId: s.conversations.unanswered, ticketId: s.tickets.k1 }),
    expect: { audit: 'ticket.linked' },
    check: (s) =>
      expect(rows(s.store, 'conversation_tickets').filter((l) => l.ticketId === s.tickets.k1)).toHaveLength(2),
  },
  {
    name: 'linking an already linked ticket is a no-op',
    as: 'beto',
    call: (s) => call('linkTicket', { conversationId: s.conversations.sales, ticketId: s.tickets.k1 }),
    expect: 'noop',
  },
  {
    name: "linking another workspace's ticket is refused",
    as: 'ana',
    call: (s) => call('linkTicket', { conversationId: s.conversations.unanswered, ticketId: s.other.ticket }),
    expect: { refused: 'errors.ticketNotFound' },
  },
  {
    name: 'linking to a conversation outside her trays is refused',
    as: 'ana',
    call: (s) => call('linkTicket', { conversationId: s.conversations.sales, ticketId: s.tickets.k1 }),
    expect: { refused: 'errors.notTrayMember' },
  },
  {
    name: 'unlinking a ticket',
    as: 'beto',
    call: (s) => call('unlinkTicket', { conversationId: s.conversations.sales, ticketId: s.tickets.k1 }),
    expect: { audit: 'ticket.unlinked' },
    check: (s) =>
      expect(
        get(s.store, 'conversation_tickets', { conversationId: s.conversations.sales, ticketId: s.tickets.k1 }),
      ).toBeUndefined(),
  },
  {
    name: 'unlinking a ticket that is not linked is a no-op',
    as: 'ana',
    call: (s) => call('unlinkTicket', { conversationId: s.conversations.unanswered, ticketId: s.tickets.k1 }),
    expect: 'noop',
  },
  {
    name: 'unlinking an unknown ticket is refused',
    as: 'ana',
    call: (s) => call('unlinkTicket', { conversationId: s.conversations.unanswered, ticketId: ghost }),
    expect: { refused: 'errors.ticketNotFound' },
  },
];

export const contactCases: Case[] = [
  {
    name: 'any agent creates a company (domain in lower case)',
    as: 'beto',
    call: (s) => call('createCompany', { companyId: s.newId(), name: 'Soprole', domain: ' Soprole.CL ' }),
    expect: { audit: 'company.created' },
    check: (s) => {
      expect(rows(s.store, 'companies').find((c) => c.name === 'Soprole')).toMatchObject({
        domain: 'soprole.cl',
        workspaceId: s.workspaceId,
      });
      expect(lastAudit(s)).toMatchObject({ entity: 'company', conversationId: null });
    },
  },
  {
    name: 'a company name already taken (any case) is refused',
    as: 'ana',
    call: (s) => call('createCompany', { companyId: s.newId(), name: 'ACME LTDA.', domain: null }),
    expect: { refused: 'errors.companyExists', params: { name: 'Acme Ltda.' } },
  },
  {
    name: "another workspace's company name is free here",
    as: 'ana',
    call: (s) => call('createCompany', { companyId: s.newId(), name: 'Globex', domain: '' }),
    expect: { audit: 'company.created' },
    check: (s) =>
      expect(
        rows(s.store, 'companies').find((c) => c.workspaceId === s.workspaceId && c.name === 'Globex')!.domain,
      ).toBeNull(),
  },
  {
    name: 'a company id already taken is refused',
    as: 'ana',
    call: (s) => call('createCompany', { companyId: s.companies.initech, name: 'Nueva', domain: null }),
    expect: { refused: 'errors.idTaken' },
  },
  {
    name: 'a contact gets a company',
    as: 'ana',
    call: (s) => call('setContactCompany', { contactId: s.contacts.luis, companyId: s.companies.initech }),
    expect: { audit: 'contact.companySet' },
    check: (s) => {
      // In the timeline of each of the contact's conversations still in work (or workspace-level if none).
      const live = find(s.store, 'conversations', { contactId: s.contacts.luis })
        .filter((c) => c.status !== 'resolved')
        .map((c) => c.id);
      const written = s.store.audits.filter((a) => a.action === 'contact.companySet').map((a) => a.conversationId);
      expect(written.sort()).toEqual(live.length ? live.sort() : [null]);
      expect(lastAudit(s)).toMatchObject({ entity: 'contact', before: { companyId: null } });
    },
  },
  {
    name: 'a contact loses its company',
    as: 'ana',
    call: (s) => call('setContactCompany', { contactId: s.contacts.maria, companyId: null }),
    expect: { audit: 'contact.companySet' },
  },
  {
    name: 'the same company is a no-op',
    as: 'ana',
    call: (s) => call('setContactCompany', { contactId: s.contacts.maria, companyId: s.companies.acme }),
    expect: 'noop',
  },
  {
    name: "another workspace's company is refused",
    as: 'ana',
    call: (s) => call('setContactCompany', { contactId: s.contacts.luis, companyId: s.other.company }),
    expect: { refused: 'errors.companyNotFound' },
  },
  {
    name: "another workspace's contact is refused",
    as: 'admin',
    call: (s) => call('setContactCompany', { contactId: s.other.contact, companyId: s.companies.acme }),
    expect: { refused: 'errors.contactNotFound' },
  },
  {
    name: 'a contact known only by a phone number gets a name',
    as: 'ana',
    call: (s) => call('updateContact', { contactId: s.contacts.stranger, name: 'Pedro Pascal' }),
    expect: { audit: 'contact.updated' },
    check: (s) =>
      expect(lastAudit(s)).toMatchObject({ before: { name: '+56 9 2222 2222' }, after: { name: 'Pedro Pascal' } }),
  },
  {
    name: 'renaming to the same name is a no-op',
    as: 'ana',
    call: (s) => call('updateContact', { contactId: s.contacts.maria, name: 'María Pérez' }),
    expect: 'noop',
  },
  {
    name: 'renaming an unknown contact is refused',
    as: 'ana',
    call: () => call('updateContact', { contactId: ghost, name: 'Nadie' }),
    expect: { refused: 'errors.contactNotFound' },
  },
  {
    name: 'an email identity is stored in lower case',
    as: 'ana',
    call: (s) =>
      call('addContactIdentity', {
        contactId: s.contacts.stranger,
        identityId: s.newId(),
        kind: 'email',
        value: ' Pedro@Correo.CL ',
      }),
    expect: { audit: 'contact.identityAdded' },
    check: (s) =>
      expect(
        rows(s.store, 'contact_identities').find((i) => i.contactId === s.contacts.stranger && i.kind === 'email'),
      ).toMatchObject({
        value: 'pedro@correo.cl',
        channelKind: '',
      }),
  },
  {
    name: 'a phone identity is stored trimmed',
    as: 'ana',
    call: (s) =>
      call('addContactIdentity', {
        contactId: s.contacts.luis,
        identityId: s.newId(),
        kind: 'phone',
        value: '  +56933333333 ',
      }),
    expect: { audit: 'contact.identityAdded' },
    check: (s) => expect(lastAudit(s).after).toMatchObject({ value: '+56933333333' }),
  },
  {
    name: "another contact's email is refused, naming them",
    as: 'ana',
    call: (s) =>
      call('addContactIdentity', {
        contactId: s.contacts.luis,
        identityId: s.newId(),
        kind: 'email',
        value: 'MARIA@acme.cl',
      }),
    expect: { refused: 'errors.identityTaken', params: { name: 'María Pérez' } },
  },
  {
    name: "the contact's own email again is a no-op",
    as: 'ana',
    call: (s) =>
      call('addContactIdentity', {
        contactId: s.contacts.maria,
        identityId: s.newId(),
        kind: 'email',
        value: 'Maria@Acme.cl',
      }),
    expect: 'noop',
  },
  {
    name: 'an email known in another workspace is free here',
    as: 'ana',
    call: (s) =>
      call('addContactIdentity', {
        contactId: s.contacts.luis,
        identityId: s.newId(),
        kind: 'email',
        value: 'homero@globex.com',
      }),
    expect: { audit: 'contact.identityAdded' },
  },
  {
    name: 'an identity id already taken is refused',
    as: 'ana',
    call: (s) =>
      call('addContactIdentity', {
        contactId: s.contacts.luis,
        identityId: rows(s.store, 'contact_identities')[0]!.id,
        kind: 'phone',
        value: '+56944444444',
      }),
    expect: { refused: 'errors.idTaken' },
  },
  {
    name: 'an identity for an unknown contact is refused',
    as: 'ana',
    call: (s) =>
      call('addContactIdentity', { contactId: ghost, identityId: s.newId(), kind: 'phone', value: '+56944444444' }),
    expect: { refused: 'errors.contactNotFound' },
  },
];

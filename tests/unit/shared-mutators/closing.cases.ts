// Cases of the closing policy (resolve: a)–d), dispositions, follow-up tasks, the descriptive note) and of
// what agents write (replies, notes with @mentions, external contacts, the customer's confirmation).
import { expect } from 'vitest';
import { H, MIN, customerWrites } from '../../helpers/memory-seed';
import { get, insert, remove, rows, update } from '../../helpers/memory-store';
import {
  call,
  type Case,
  conv,
  cycles,
  externalLog,
  FULL_NOTE,
  lastAudit,
  must,
  noteWith,
  settingsOff,
} from '../../helpers/mutator-cases';

const resolveAs = (conversationId: string, dispositionId: string) => call('resolve', { conversationId, dispositionId });
const confirm = (conversationId: string, messageId: string | null) =>
  call('markCustomerConfirmed', { conversationId, messageId });

export const resolveCases: Case[] = [
  {
    name: 'a) answered + a disposition: resolved, and the cycle records how',
    as: 'ana',
    call: (s) => resolveAs(s.conversations.answered, s.dispositions.resolved),
    expect: { audit: 'conversation.resolved' },
    check: (s, value) => {
      expect(value).toBe('answered');
      expect(conv(s, s.conversations.answered)).toMatchObject({ status: 'resolved', followUpAt: null });
      expect(cycles(s, s.conversations.answered)[0]).toMatchObject({
        resolvedAt: s.now,
        resolvedBy: s.agents.ana.id,
        dispositionId: s.dispositions.resolved,
        justification: 'answered',
        resolvedTrayId: s.trays.support,
      });
    },
  },
  {
    name: 'no justification: refused, saying the customer has no answer',
    as: 'ana',
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: { refused: 'errors.closingRefused', params: { missing: 'noJustification' } },
  },
  {
    name: 'no justification and an inactive disposition: both are listed',
    as: 'ana',
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.retired),
    expect: { refused: 'errors.closingRefused', params: { missing: 'noJustification,dispositionRequired' } },
  },
  {
    name: 'an unknown disposition is a missing disposition',
    as: 'ana',
    call: (s) => resolveAs(s.conversations.answered, '0190a000-9999-7000-8000-000000000002'),
    expect: { refused: 'errors.closingRefused', params: { missing: 'dispositionRequired' } },
  },
  {
    name: 'an inactive disposition is a missing disposition',
    as: 'ana',
    call: (s) => resolveAs(s.conversations.answered, s.dispositions.retired),
    expect: { refused: 'errors.closingRefused', params: { missing: 'dispositionRequired' } },
  },
  {
    name: "another workspace's disposition is a missing disposition",
    as: 'ana',
    call: (s) => resolveAs(s.conversations.answered, s.other.disposition),
    expect: { refused: 'errors.closingRefused', params: { missing: 'dispositionRequired' } },
  },
  {
    name: 'a follow-up disposition without any task is refused',
    as: 'ana',
    call: (s) => resolveAs(s.conversations.answered, s.dispositions.followUp),
    expect: { refused: 'errors.closingRefused', params: { missing: 'followUpTaskRequired' } },
  },
  {
    name: 'a follow-up disposition with an open task without a date is refused',
    as: 'ana',
    setup: (s) =>
      must(
        s,
        'ana',
        call('createTask', {
          taskId: s.newId(),
          conversationId: s.conversations.answered,
          title: 'Llamar mañana',
          dueAt: null,
          assigneeId: null,
        }),
      ),
    call: (s) => resolveAs(s.conversations.answered, s.dispositions.followUp),
    expect: { refused: 'errors.closingRefused', params: { missing: 'followUpTaskRequired' } },
  },
  {
    name: 'a follow-up disposition with a dated task already done is refused',
    as: 'ana',
    setup: (s, ctx) => {
      ctx.task = s.newId();
      must(
        s,
        'ana',
        call('createTask', {
          taskId: ctx.task,
          conversationId: s.conversations.answered,
          title: 'Llamar',
          dueAt: s.now + H,
          assigneeId: null,
        }),
      );
      must(s, 'ana', call('updateTask', { taskId: ctx.task, done: true }));
    },
    call: (s) => resolveAs(s.conversations.answered, s.dispositions.followUp),
    expect: { refused: 'errors.closingRefused', params: { missing: 'followUpTaskRequired' } },
  },
  {
    name: 'a follow-up disposition with an open dated task',
    as: 'ana',
    setup: (s) =>
      must(
        s,
        'ana',
        call('createTask', {
          taskId: s.newId(),
          conversationId: s.conversations.answered,
          title: 'Llamar',
          dueAt: s.now + 24 * H,
          assigneeId: s.agents.ana.id,
        }),
      ),
    call: (s) => resolveAs(s.conversations.answered, s.dispositions.followUp),
    expect: { audit: 'conversation.resolved' },
    check: (_s, value) => expect(value).toBe('answered'),
  },
  {
    name: 'c) a linked task justifies it',
    as: 'ana',
    setup: (s) =>
      must(
        s,
        'ana',
        call('createTask', {
          taskId: s.newId(),
          conversationId: s.conversations.unanswered,
          title: 'Revisar garantía',
          dueAt: null,
          assigneeId: null,
        }),
      ),
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.escalated),
    expect: { audit: 'conversation.resolved' },
    check: (_s, value) => expect(value).toBe('linkedWork'),
  },
  {
    name: 'c) a linked ticket justifies it',
    as: 'ana',
    setup: (s) =>
      must(
        s,
        'ana',
        call('createTicket', {
          ticketId: s.newId(),
          conversationId: s.conversations.unanswered,
          subject: 'Equipo no enciende',
          priority: 'high',
        }),
      ),
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.escalated),
    expect: { audit: 'conversation.resolved' },
    check: (_s, value) => expect(value).toBe('linkedWork'),
  },
  {
    name: 'b) by a descriptive note naming the external channel',
    as: 'ana',
    setup: (s) => must(s, 'ana', noteWith(s, s.conversations.unanswered, 'context', 'actions', 'externalChannel')),
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: { audit: 'conversation.resolved' },
    check: (_s, value) => expect(value).toBe('derived'),
  },
  {
    name: 'b) by an external contact log alone: the descriptive note is still required',
    as: 'ana',
    setup: (s) => must(s, 'ana', externalLog(s, s.conversations.unanswered)),
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: {
      refused: 'errors.descriptiveNoteRequired',
      params: { reasons: 'resolveDerived,externalChannel', fields: 'context,actions,externalChannel' },
    },
  },
  {
    name: 'b) by an external contact log plus the descriptive note',
    as: 'ana',
    setup: (s) => {
      must(s, 'ana', externalLog(s, s.conversations.unanswered));
      must(s, 'ana', noteWith(s, s.conversations.unanswered, 'context', 'actions', 'externalChannel'));
    },
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: { audit: 'conversation.resolved' },
    check: (_s, value) => expect(value).toBe('derived'),
  },
  {
    name: 'b) with its note rules switched off, the log alone is enough',
    as: 'ana',
    setup: (s) => {
      must(s, 'admin', settingsOff('resolveDerived', 'externalChannel'));
      must(s, 'ana', externalLog(s, s.conversations.unanswered));
    },
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: { audit: 'conversation.resolved' },
    check: (_s, value) => expect(value).toBe('derived'),
  },
  {
    name: 'd) the customer confirmed: the descriptive note is required',
    as: 'ana',
    setup: (s) => must(s, 'ana', confirm(s.conversations.unanswered, s.messages.m1)),
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: {
      refused: 'errors.descriptiveNoteRequired',
      params: { reasons: 'resolveConfirmed', fields: 'context,actions' },
    },
  },
  {
    name: 'd) the customer confirmed, with the note',
    as: 'ana',
    setup: (s) => {
      must(s, 'ana', confirm(s.conversations.unanswered, s.messages.m1));
      must(s, 'ana', noteWith(s, s.conversations.unanswered, 'context', 'actions'));
    },
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: { audit: 'conversation.resolved' },
    check: (_s, value) => expect(value).toBe('customerConfirmed'),
  },
  {
    name: 'd) with resolveConfirmed switched off, no note is needed',
    as: 'ana',
    setup: (s) => {
      must(s, 'admin', settingsOff('resolveConfirmed'));
      must(s, 'ana', confirm(s.conversations.unanswered, s.messages.m1));
    },
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: { audit: 'conversation.resolved' },
    check: (_s, value) => expect(value).toBe('customerConfirmed'),
  },
  {
    name: 'd) is voided by a later customer message',
    as: 'ana',
    setup: (s) => {
      must(s, 'ana', confirm(s.conversations.unanswered, s.messages.m1));
      must(s, 'ana', noteWith(s, s.conversations.unanswered, 'context', 'actions'));
      customerWrites(s, s.conversations.unanswered, s.now - 5 * MIN, 'Perdón, una cosa más');
    },
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.resolved),
    expect: { refused: 'errors.closingRefused', params: { missing: 'noJustification' } },
  },
  {
    name: 'd) without the note and with an inactive disposition: both are listed',
    as: 'ana',
    setup: (s) => must(s, 'ana', confirm(s.conversations.unanswered, s.messages.m1)),
    call: (s) => resolveAs(s.conversations.unanswered, s.dispositions.retired),
    expect: {
      refused: 'errors.closingRefused',
      params: { missing: 'dispositionRequired,descriptiveNoteRequired', fields: 'context,actions' },
    },
  },
  {
    name: 'a) answered but the contact is incomplete: the note must say what data is missing',
    as: 'ana',
    setup: (s) =>
      must(
        s,
        'ana',
        call('sendReply', {
          conversationId: s.conversations.stranger,
          messageId: s.newId(),
          text: '¿Me dices tu nombre?',
        }),
      ),
    call: (s) => resolveAs(s.conversations.stranger, s.dispositions.resolved),
    expect: {
      refused: 'errors.descriptiveNoteRequired',
      params: { reasons: 'incompleteContact', fields: 'context,missingData' },
    },
  },
  {
    name: 'an already resolved conversation',
    as: 'ana',
    call: (s) => resolveAs(s.conversations.closed, s.dispositions.resolved),
    expect: { refused: 'errors.alreadyResolved' },
  },
  {
    name: 'resolving outside her trays is refused',
    as: 'beto',
    call: (s) => resolveAs(s.conversations.answered, s.dispositions.resolved),
    expect: { refused: 'errors.notTrayMember' },
  },
];

export const messageCases: Case[] = [
  {
    name: 'a reply ends the wait and sets the first response of the conversation and the cycle',
    as: 'ana',
    call: (s) =>
      call('sendReply', {
        conversationId: s.conversations.unanswered,
        messageId: s.newId(),
        text: 'Hola María, ya lo reviso',
      }),
    expect: { audit: 'message.sent' },
    check: (s) => {
      expect(conv(s, s.conversations.unanswered)).toMatchObject({
        waitingSince: null,
        firstResponseAt: s.now,
        lastHumanReplyAt: s.now,
        lastActivityAt: s.now,
        snippet: 'Hola María, ya lo reviso',
      });
      expect(cycles(s, s.conversations.unanswered)[0]!.firstHumanReplyAt).toBe(s.now);
    },
  },
  {
    name: "a reply after the resolution does not rewrite the closed cycle's record",
    as: 'ana',
    setup: (s, ctx) => void (ctx.cycle = JSON.stringify(cycles(s, s.conversations.closed))),
    call: (s) =>
      call('sendReply', { conversationId: s.conversations.closed, messageId: s.newId(), text: 'Una cosa más' }),
    expect: { audit: 'message.sent' },
    check: (s, _v, ctx) => expect(JSON.stringify(cycles(s, s.conversations.closed))).toBe(ctx.cycle),
  },
  {
    name: 'a reply with an id already taken is refused',
    as: 'ana',
    call: (s) =>
      call('sendReply', { conversationId: s.conversations.unanswered, messageId: s.messages.m2, text: 'Hola' }),
    expect: { refused: 'errors.idTaken' },
  },
  {
    name: 'replying outside her trays is refused',
    as: 'beto',
    call: (s) => call('sendReply', { conversationId: s.conversations.unanswered, messageId: s.newId(), text: 'Hola' }),
    expect: { refused: 'errors.notTrayMember' },
  },
  {
    name: 'a private note mentioning a supervisor (duplicates ignored)',
    as: 'ana',
    call: (s) =>
      call('addNote', {
        conversationId: s.conversations.unanswered,
        noteId: s.newId(),
        body: '@Sofía ¿lo vemos?',
        mentions: [s.agents.supervisor.id, s.agents.supervisor.id],
      }),
    expect: { audit: 'note.added' },
    check: (s) => {
      const note = rows(s.store, 'notes').find((n) => n.body === '@Sofía ¿lo vemos?')!;
      expect(note).toMatchObject({ kind: 'plain', mentions: [s.agents.supervisor.id], authorAgentId: s.agents.ana.id });
    },
  },
  {
    name: 'a mention of an agent who cannot see the tray is refused',
    as: 'ana',
    call: (s) =>
      call('addNote', {
        conversationId: s.conversations.unanswered,
        noteId: s.newId(),
        body: '@Beto mira',
        mentions: [s.agents.beto.id],
      }),
    expect: { refused: 'errors.mentionCannotSee', params: { name: 'Beto Rojas' } },
  },
  {
    name: 'a mention of a disabled agent is refused',
    as: 'ana',
    call: (s) =>
      call('addNote', {
        conversationId: s.conversations.unanswered,
        noteId: s.newId(),
        body: '@Carla mira',
        mentions: [s.agents.carla.id],
      }),
    expect: { refused: 'errors.agentDisabled', params: { name: 'Carla Díaz' } },
  },
  {
    name: 'a mention of an agent of another workspace is refused',
    as: 'ana',
    call: (s) =>
      call('addNote', {
        conversationId: s.conversations.unanswered,
        noteId: s.newId(),
        body: '@Otro mira',
        mentions: [s.other.admin],
      }),
    expect: { refused: 'errors.agentNotFound' },
  },
  {
    name: 'a note with an id already taken is refused',
    as: 'ana',
    call: (s) => call('addNote', { conversationId: s.conversations.unanswered, noteId: s.notes.n1, body: 'Hola' }),
    expect: { refused: 'errors.idTaken' },
  },
  {
    name: 'an empty note is not a valid argument',
    as: 'ana',
    call: (s) => call('addNote', { conversationId: s.conversations.unanswered, noteId: s.newId(), body: '   ' }),
    expect: { refused: 'errors.invalidInput' },
  },
  {
    name: 'a descriptive note is stored with its fields and a readable body',
    as: 'ana',
    call: (s) => noteWith(s, s.conversations.unanswered, 'context', 'actions', 'nextSteps'),
    expect: { audit: 'note.added' },
    check: (s) => {
      const note = rows(s.store, 'notes').find((n) => n.kind === 'descriptive')!;
      expect(Object.keys(note.fields!)).toEqual(['context', 'actions', 'nextSteps']);
      expect(note.body).toMatch(/^Contexto: .+\nAcciones realizadas: .+\nPróximos pasos: .+$/);
    },
  },
  {
    name: 'a descriptive note of "ok" fields is refused',
    as: 'ana',
    call: (s) =>
      call('addDescriptiveNote', {
        conversationId: s.conversations.unanswered,
        noteId: s.newId(),
        fields: { context: 'ok', actions: 'listo' },
      }),
    expect: { refused: 'errors.descriptiveFieldsEmpty', params: { fields: 'context,actions' } },
  },
  {
    name: 'a descriptive note whose context is one word is refused',
    as: 'ana',
    call: (s) =>
      call('addDescriptiveNote', {
        conversationId: s.conversations.unanswered,
        noteId: s.newId(),
        fields: { context: 'Garantía', actions: 'Revisamos la garantía del equipo' },
      }),
    expect: { refused: 'errors.descriptiveFieldsEmpty', params: { fields: 'context' } },
  },
  {
    name: 'a descriptive note mentioning someone who cannot see the tray is refused',
    as: 'ana',
    call: (s) =>
      call('addDescriptiveNote', {
        conversationId: s.conversations.unanswered,
        noteId: s.newId(),
        fields: { context: FULL_NOTE.context, actions: FULL_NOTE.actions },
        mentions: [s.agents.beto.id],
      }),
    expect: { refused: 'errors.mentionCannotSee' },
  },
  {
    name: 'a contact outside the CRM is logged as an external note',
    as: 'ana',
    call: (s) => externalLog(s, s.conversations.unanswered),
    expect: { audit: 'note.externalLogged' },
    check: (s) => {
      const note = rows(s.store, 'notes').find((n) => n.kind === 'external')!;
      expect(note).toMatchObject({ externalChannel: 'phone', occurredAt: s.now - 30 * MIN });
    },
  },
  {
    name: 'an external contact a few minutes ahead (clock skew) is accepted',
    as: 'ana',
    call: (s) => externalLog(s, s.conversations.unanswered, { occurredAt: s.now + 4 * MIN }),
    expect: { audit: 'note.externalLogged' },
  },
  {
    name: 'an external contact in the future is refused',
    as: 'ana',
    call: (s) => externalLog(s, s.conversations.unanswered, { occurredAt: s.now + H }),
    expect: { refused: 'errors.externalInFuture' },
  },
  {
    name: 'an external contact summarised as "ok" is refused',
    as: 'ana',
    call: (s) => externalLog(s, s.conversations.unanswered, { summary: 'ok' }),
    expect: { refused: 'errors.externalSummaryEmpty' },
  },
  {
    name: "d) marking the customer's message",
    as: 'ana',
    call: (s) => confirm(s.conversations.unanswered, s.messages.m1),
    expect: { audit: 'conversation.customerConfirmed' },
    check: (s) => expect(cycles(s, s.conversations.unanswered)[0]!.confirmedMessageId).toBe(s.messages.m1),
  },
  {
    name: 'd) marking the same message again is a no-op',
    as: 'ana',
    setup: (s) => must(s, 'ana', confirm(s.conversations.unanswered, s.messages.m1)),
    call: (s) => confirm(s.conversations.unanswered, s.messages.m1),
    expect: 'noop',
  },
  {
    name: 'd) unmarking',
    as: 'ana',
    setup: (s) => must(s, 'ana', confirm(s.conversations.unanswered, s.messages.m1)),
    call: (s) => confirm(s.conversations.unanswered, null),
    expect: { audit: 'conversation.customerConfirmed' },
    check: (s) => expect(cycles(s, s.conversations.unanswered)[0]!.confirmedMessageId).toBeNull(),
  },
  {
    name: "d) an agent's (outbound) message cannot confirm",
    as: 'ana',
    call: (s) => confirm(s.conversations.answered, s.messages.m3),
    expect: { refused: 'errors.notCustomerMessage' },
  },
  {
    name: "d) another conversation's message cannot confirm",
    as: 'ana',
    call: (s) => confirm(s.conversations.unanswered, s.messages.m2),
    expect: { refused: 'errors.notCustomerMessage' },
  },
  {
    name: "d) a resolved cycle's closure does not change",
    as: 'ana',
    call: (s) => confirm(s.conversations.closed, s.messages.m5),
    expect: { refused: 'errors.cycleClosed' },
  },
  {
    name: 'd) a message of an earlier cycle cannot confirm the current one',
    as: 'ana',
    setup: (s) => must(s, 'ana', call('setStatus', { conversationId: s.conversations.closed, status: 'open' })),
    call: (s) => confirm(s.conversations.closed, s.messages.m5),
    expect: { refused: 'errors.messageOfOldCycle' },
  },
];

export const mergeCases: Case[] = [
  {
    name: 'merging moves messages, notes, tasks, tickets and tags and removes the source',
    as: 'ana',
    setup: (s, ctx) => {
      const source = s.conversations.unanswered;
      must(s, 'ana', call('addTag', { conversationId: source, tagId: s.tags.complaint }));
      must(s, 'ana', call('addTag', { conversationId: source, tagId: s.tags.vip }));
      must(s, 'ana', call('addNote', { conversationId: source, noteId: s.newId(), body: 'Es la misma consulta' }));
      ctx.task = s.newId();
      must(
        s,
        'ana',
        call('createTask', {
          taskId: ctx.task,
          conversationId: source,
          title: 'Revisar',
          dueAt: null,
          assigneeId: null,
        }),
      );
      ctx.ticket = s.newId();
      must(
        s,
        'ana',
        call('createTicket', { ticketId: ctx.ticket, conversationId: source, subject: 'Falla', priority: 'normal' }),
      );
    },
    call: (s) =>
      call('mergeConversations', { targetId: s.conversations.answered, sourceId: s.conversations.unanswered }),
    expect: { audit: 'conversation.merged' },
    check: (s, _v, ctx) => {
      const target = s.conversations.answered;
      const source = s.conversations.unanswered;
      expect(get(s.store, 'conversations', { id: source })).toBeUndefined();
      expect(cycles(s, source)).toEqual([]);
      expect(get(s.store, 'messages', { id: s.messages.m1 })!.conversationId).toBe(target);
      expect(get(s.store, 'tasks', { id: ctx.task! })).toMatchObject({ conversationId: target, updatedAt: s.now });
      expect(get(s.store, 'conversation_tickets', { conversationId: target, ticketId: ctx.ticket! })).toBeDefined();
      const tags = rows(s.store, 'conversation_tags').filter((t) => t.conversationId === target);
      expect(tags.map((t) => t.tagId).sort()).toEqual([s.tags.vip, s.tags.complaint].sort());
      // The target's reply (1 h ago) came after the source's question (2 h ago): nobody is waiting.
      expect(conv(s, target)).toMatchObject({
        lastActivityAt: s.now - H,
        snippet: 'Te la envié por correo',
        waitingSince: null,
        lastCustomerMessageAt: s.now - 2 * H,
        lastHumanReplyAt: s.now - H,
        firstResponseAt: s.now - H,
        updatedAt: s.now,
      });
      expect(lastAudit(s)).toMatchObject({
        entityId: target,
        conversationId: target,
        after: { sourceId: source, messages: 1, notes: 1, tasks: 1 },
      });
    },
  },
  {
    name: 'no cycle is lost: closed ones keep their records, renumbered by start; the current ones become one',
    as: 'ana',
    setup: (s, ctx) => {
      const target = s.conversations.answered;
      const source = s.conversations.unanswered;
      // Each conversation was resolved once before (target 50 h ago, source 30 h ago) and reopened; the
      // source's current cycle started 4 h ago, before the target's (3 h ago, answered 1 h ago).
      const reopen = (conversationId: string, startedAt: number, current: number) => {
        const [open] = cycles(s, conversationId);
        update(s.store, 'conversation_cycles', { id: open!.id }, { number: 2, startedAt: current });
        update(s.store, 'conversations', { id: conversationId }, { cycle: 2, cycleStartedAt: current });
        const closedId = s.newId();
        insert(s.store, 'conversation_cycles', {
          id: closedId,
          conversationId,
          number: 1,
          startedAt,
          firstHumanReplyAt: startedAt + H,
          resolvedAt: startedAt + 2 * H,
          resolvedBy: s.agents.ana.id,
          dispositionId: s.dispositions.resolved,
          justification: 'answered',
          resolvedTrayId: s.trays.support,
        });
        return closedId;
      };
      ctx.targetClosed = reopen(target, s.now - 50 * H, s.now - 3 * H);
      ctx.sourceClosed = reopen(source, s.now - 30 * H, s.now - 4 * H);
      ctx.targetCurrent = cycles(s, target)[1]!.id;
      ctx.before = JSON.stringify(get(s.store, 'conversation_cycles', { id: ctx.sourceClosed }));
    },
    call: (s) =>
      call('mergeConversations', { targetId: s.conversations.answered, sourceId: s.conversations.unanswered }),
    expect: { audit: 'conversation.merged' },
    check: (s, _v, ctx) => {
      const target = s.conversations.answered;
      const all = cycles(s, target);
      expect(all.map((c) => [c.id, c.number])).toEqual([
        [ctx.targetClosed, 1],
        [ctx.sourceClosed, 2],
        [ctx.targetCurrent, 3],
      ]);
      // The source's closed cycle moved as it was: only its conversation and number changed.
      expect({ ...all[1]!, conversationId: s.conversations.unanswered, number: 1 }).toEqual(JSON.parse(ctx.before!));
      // The customer has been waiting since the source's question; the first human reply is the target's.
      expect(all[2]).toMatchObject({ startedAt: s.now - 4 * H, firstHumanReplyAt: s.now - H, resolvedAt: null });
      expect(conv(s, target)).toMatchObject({ cycle: 3, cycleStartedAt: s.now - 4 * H });
      expect(
        rows(s.store, 'conversation_cycles').filter((c) => c.conversationId === s.conversations.unanswered),
      ).toEqual([]);
    },
  },
  {
    name: "a target whose current cycle the replica has not pulled takes the source's, re-homed with the merged start",
    as: 'ana',
    setup: (s, ctx) => {
      remove(s.store, 'conversation_cycles', { id: cycles(s, s.conversations.answered)[0]!.id });
      ctx.sourceCurrent = cycles(s, s.conversations.unanswered)[0]!.id;
    },
    call: (s) =>
      call('mergeConversations', { targetId: s.conversations.answered, sourceId: s.conversations.unanswered }),
    expect: { audit: 'conversation.merged' },
    check: (s, _v, ctx) => {
      expect(cycles(s, s.conversations.answered)).toEqual([
        expect.objectContaining({ id: ctx.sourceCurrent, number: 1, startedAt: s.now - 3 * H, resolvedAt: null }),
      ]);
      expect(conv(s, s.conversations.answered)).toMatchObject({ cycle: 1, cycleStartedAt: s.now - 3 * H });
    },
  },
  {
    name: 'a customer still waiting in the source keeps waiting in the target',
    as: 'ana',
    setup: (s) => customerWrites(s, s.conversations.unanswered, s.now - 30 * MIN, 'Sigue sin encender'),
    call: (s) =>
      call('mergeConversations', { targetId: s.conversations.answered, sourceId: s.conversations.unanswered }),
    expect: { audit: 'conversation.merged' },
    check: (s) =>
      expect(conv(s, s.conversations.answered)).toMatchObject({
        waitingSince: s.now - 30 * MIN,
        lastActivityAt: s.now - 30 * MIN,
        snippet: 'Sigue sin encender',
        lastCustomerMessageAt: s.now - 30 * MIN,
      }),
  },
  {
    name: 'a conversation that continued the source now continues the target',
    as: 'ana',
    setup: (s) =>
      void update(
        s.store,
        'conversations',
        { id: s.conversations.stranger },
        { linkedFromId: s.conversations.unanswered },
      ),
    call: (s) =>
      call('mergeConversations', { targetId: s.conversations.answered, sourceId: s.conversations.unanswered }),
    expect: { audit: 'conversation.merged' },
    check: (s) => expect(conv(s, s.conversations.stranger).linkedFromId).toBe(s.conversations.answered),
  },
  {
    name: 'a conversation cannot be merged with itself',
    as: 'ana',
    call: (s) => call('mergeConversations', { targetId: s.conversations.answered, sourceId: s.conversations.answered }),
    expect: { refused: 'errors.mergeSameConversation' },
  },
  {
    name: 'conversations of different contacts are not merged',
    as: 'ana',
    call: (s) =>
      call('mergeConversations', { targetId: s.conversations.unanswered, sourceId: s.conversations.stranger }),
    expect: { refused: 'errors.mergeDifferentContact' },
  },
  {
    name: 'a resolved source is not merged',
    as: 'ana',
    call: (s) => call('mergeConversations', { targetId: s.conversations.unanswered, sourceId: s.conversations.closed }),
    expect: { refused: 'errors.mergeResolved' },
  },
  {
    name: 'a resolved target is not merged',
    as: 'ana',
    call: (s) => call('mergeConversations', { targetId: s.conversations.closed, sourceId: s.conversations.unanswered }),
    expect: { refused: 'errors.mergeResolved' },
  },
  {
    name: 'a source the agent cannot touch is refused',
    as: 'ana',
    call: (s) => call('mergeConversations', { targetId: s.conversations.unanswered, sourceId: s.conversations.sales }),
    expect: { refused: 'errors.notTrayMember' },
  },
  {
    name: 'a missing source is refused',
    as: 'supervisor',
    call: (s) => call('mergeConversations', { targetId: s.conversations.unanswered, sourceId: s.other.conversation }),
    expect: { refused: 'errors.conversationNotFound' },
  },
];

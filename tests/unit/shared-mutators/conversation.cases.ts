// Cases of the conversation mutators: assign (the race, escalation), move (hand-offs to other teams),
// setStatus (reopen = new cycle), tags, snooze and follow-up reminders.
import { expect } from 'vitest';
import { H, MIN } from '../../helpers/memory-seed';
import { update } from '../../helpers/memory-store';
import {
  call,
  type Case,
  conv,
  cycles,
  lastAudit,
  must,
  noteWith,
  externalLog,
  settingsOff,
} from '../../helpers/mutator-cases';

const ghost = '0190a000-9999-7000-8000-000000000001';

export const assignCases: Case[] = [
  {
    name: 'an agent claims an unassigned conversation of her tray',
    as: 'ana',
    call: (s) =>
      call('assign', {
        conversationId: s.conversations.stranger,
        assigneeId: s.agents.ana.id,
        expectedAssigneeId: null,
      }),
    expect: { audit: 'conversation.assigned' },
    check: (s) => {
      expect(conv(s, s.conversations.stranger).assigneeId).toBe(s.agents.ana.id);
      expect(lastAudit(s)).toMatchObject({ before: { assigneeId: null }, after: { assigneeId: s.agents.ana.id } });
    },
  },
  {
    name: 'the race: the later claim is refused and told who won',
    as: 'ana',
    setup: (s) =>
      must(
        s,
        'supervisor',
        call('assign', {
          conversationId: s.conversations.stranger,
          assigneeId: s.agents.supervisor.id,
          expectedAssigneeId: null,
        }),
      ),
    call: (s) =>
      call('assign', {
        conversationId: s.conversations.stranger,
        assigneeId: s.agents.ana.id,
        expectedAssigneeId: null,
      }),
    expect: { refused: 'errors.assignedMeanwhile', params: { name: 'Sofía Supervisora' } },
  },
  {
    name: 'the race: unassigned meanwhile is a conflict too',
    as: 'ana',
    setup: (s) => must(s, 'admin', call('assign', { conversationId: s.conversations.unanswered, assigneeId: null })),
    call: (s) =>
      call('assign', {
        conversationId: s.conversations.unanswered,
        assigneeId: s.agents.supervisor.id,
        expectedAssigneeId: s.agents.ana.id,
      }),
    expect: { refused: 'errors.assignedMeanwhile' },
  },
  {
    name: 'an old client without expectedAssigneeId: last writer wins',
    as: 'supervisor',
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.agents.supervisor.id }),
    expect: { audit: 'conversation.assigned' },
  },
  {
    name: 'assigning to the current owner is a no-op',
    as: 'ana',
    call: (s) =>
      call('assign', {
        conversationId: s.conversations.unanswered,
        assigneeId: s.agents.ana.id,
        expectedAssigneeId: s.agents.ana.id,
      }),
    expect: 'noop',
  },
  {
    name: 'unassigning',
    as: 'ana',
    call: (s) =>
      call('assign', {
        conversationId: s.conversations.unanswered,
        assigneeId: null,
        expectedAssigneeId: s.agents.ana.id,
      }),
    expect: { audit: 'conversation.assigned' },
    check: (s) => expect(conv(s, s.conversations.unanswered).assigneeId).toBeNull(),
  },
  {
    name: 'a disabled agent cannot receive it',
    as: 'ana',
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.agents.carla.id }),
    expect: { refused: 'errors.agentDisabled', params: { name: 'Carla Díaz' } },
  },
  {
    name: 'an unknown agent cannot receive it',
    as: 'ana',
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: ghost }),
    expect: { refused: 'errors.agentNotFound' },
  },
  {
    name: 'an agent of another workspace is unknown',
    as: 'ana',
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.other.admin }),
    expect: { refused: 'errors.agentNotFound' },
  },
  {
    name: 'an agent outside the tray cannot touch it',
    as: 'beto',
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.agents.beto.id }),
    expect: { refused: 'errors.notTrayMember', params: { tray: 'Servicio y Soporte' } },
  },
  {
    name: 'a conversation of another workspace does not exist',
    as: 'admin',
    call: (s) => call('assign', { conversationId: s.other.conversation, assigneeId: s.agents.admin.id }),
    expect: { refused: 'errors.conversationNotFound' },
  },
  {
    name: 'escalating (agent → supervisor) without the descriptive note is refused',
    as: 'ana',
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.agents.supervisor.id }),
    expect: {
      refused: 'errors.descriptiveNoteRequired',
      params: { reasons: 'escalate', fields: 'context,actions,nextSteps' },
    },
  },
  {
    name: 'escalating with a note that has context and actions but no next steps is refused',
    as: 'ana',
    setup: (s) => must(s, 'ana', noteWith(s, s.conversations.unanswered, 'context', 'actions')),
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.agents.admin.id }),
    expect: { refused: 'errors.descriptiveNoteRequired', params: { fields: 'nextSteps' } },
  },
  {
    name: 'escalating with the descriptive note',
    as: 'ana',
    setup: (s) => must(s, 'ana', noteWith(s, s.conversations.unanswered, 'context', 'actions', 'nextSteps')),
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.agents.supervisor.id }),
    expect: { audit: 'conversation.assigned' },
  },
  {
    name: 'escalating a contact with incomplete data also asks for the missing data',
    as: 'ana',
    call: (s) => call('assign', { conversationId: s.conversations.stranger, assigneeId: s.agents.supervisor.id }),
    expect: {
      refused: 'errors.descriptiveNoteRequired',
      params: { reasons: 'escalate,incompleteContact', fields: 'context,actions,nextSteps,missingData' },
    },
  },
  {
    name: 'a supervisor handing it to an admin is not an escalation',
    as: 'supervisor',
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.agents.admin.id }),
    expect: { audit: 'conversation.assigned' },
  },
  {
    name: 'with the escalation rule switched off no note is needed',
    as: 'ana',
    setup: (s) => must(s, 'admin', settingsOff('escalate')),
    call: (s) => call('assign', { conversationId: s.conversations.unanswered, assigneeId: s.agents.supervisor.id }),
    expect: { audit: 'conversation.assigned' },
  },
];

export const moveCases: Case[] = [
  {
    name: "moving to another team's tray (back to Global too) without the note is refused",
    as: 'ana',
    call: (s) => call('move', { conversationId: s.conversations.unanswered, trayId: s.trays.global, categoryId: null }),
    expect: {
      refused: 'errors.descriptiveNoteRequired',
      params: { reasons: 'moveToOtherTeam', fields: 'context,actions,nextSteps' },
    },
  },
  {
    name: "moving to another team's tray with the note",
    as: 'ana',
    setup: (s) => must(s, 'ana', noteWith(s, s.conversations.unanswered, 'context', 'actions', 'nextSteps')),
    call: (s) => call('move', { conversationId: s.conversations.unanswered, trayId: s.trays.global, categoryId: null }),
    expect: { audit: 'conversation.moved' },
    check: (s) => {
      expect(conv(s, s.conversations.unanswered)).toMatchObject({ trayId: s.trays.global, categoryId: null });
      expect(lastAudit(s).before).toEqual({ trayId: s.trays.support, categoryId: s.categories.faults });
    },
  },
  {
    name: 'any active tray may receive it, even one the agent is not in',
    as: 'ana',
    setup: (s) => must(s, 'ana', noteWith(s, s.conversations.unanswered, 'context', 'actions', 'nextSteps')),
    call: (s) =>
      call('move', {
        conversationId: s.conversations.unanswered,
        trayId: s.trays.sales,
        categoryId: s.categories.quotes,
      }),
    expect: { audit: 'conversation.moved' },
  },
  {
    name: 'a tray of the same team needs no note',
    as: 'ana',
    call: (s) =>
      call('move', { conversationId: s.conversations.unanswered, trayId: s.trays.supportL2, categoryId: null }),
    expect: { audit: 'conversation.moved' },
  },
  {
    name: 'another category of the same tray needs no note',
    as: 'ana',
    call: (s) =>
      call('move', {
        conversationId: s.conversations.unanswered,
        trayId: s.trays.support,
        categoryId: s.categories.warranty,
      }),
    expect: { audit: 'conversation.moved' },
  },
  {
    name: 'the same tray and category is a no-op',
    as: 'ana',
    call: (s) =>
      call('move', {
        conversationId: s.conversations.unanswered,
        trayId: s.trays.support,
        categoryId: s.categories.faults,
      }),
    expect: 'noop',
  },
  {
    name: 'with moveToOtherTeam switched off no note is needed',
    as: 'ana',
    setup: (s) => must(s, 'admin', settingsOff('moveToOtherTeam')),
    call: (s) =>
      call('move', { conversationId: s.conversations.unanswered, trayId: s.trays.marketing, categoryId: null }),
    expect: { audit: 'conversation.moved' },
  },
  {
    name: 'triage: classifying out of Global needs no note, even for an incomplete contact',
    as: 'ana',
    call: (s) => call('move', { conversationId: s.conversations.stranger, trayId: s.trays.support, categoryId: null }),
    expect: { audit: 'conversation.moved' },
  },
  {
    name: 'an incomplete contact adds "Datos faltantes" to the hand-off note',
    as: 'ana',
    setup: (s) => void update(s.store, 'conversations', { id: s.conversations.stranger }, { trayId: s.trays.support }),
    call: (s) => call('move', { conversationId: s.conversations.stranger, trayId: s.trays.sales, categoryId: null }),
    expect: {
      refused: 'errors.descriptiveNoteRequired',
      params: { reasons: 'moveToOtherTeam,incompleteContact', fields: 'context,actions,nextSteps,missingData' },
    },
  },
  {
    name: 'a contact outside the CRM adds "Canal externo" to the hand-off note',
    as: 'ana',
    setup: (s) => must(s, 'ana', externalLog(s, s.conversations.unanswered)),
    call: (s) => call('move', { conversationId: s.conversations.unanswered, trayId: s.trays.global, categoryId: null }),
    expect: {
      refused: 'errors.descriptiveNoteRequired',
      params: { reasons: 'moveToOtherTeam,externalChannel', fields: 'context,actions,nextSteps,externalChannel' },
    },
  },
  {
    name: "a note of the previous cycle does not count for this cycle's hand-off",
    as: 'ana',
    setup: (s) => {
      must(s, 'ana', noteWith(s, s.conversations.closed, 'context', 'actions', 'nextSteps'), s.now - 30 * MIN);
      must(s, 'ana', call('setStatus', { conversationId: s.conversations.closed, status: 'open' }), s.now - 20 * MIN);
    },
    call: (s) => call('move', { conversationId: s.conversations.closed, trayId: s.trays.global, categoryId: null }),
    expect: { refused: 'errors.descriptiveNoteRequired', params: { reasons: 'moveToOtherTeam' } },
  },
  {
    name: 'an inactive tray cannot receive it',
    as: 'admin',
    call: (s) =>
      call('move', { conversationId: s.conversations.unanswered, trayId: s.trays.archive, categoryId: null }),
    expect: { refused: 'errors.trayInactive', params: { tray: 'Archivo' } },
  },
  {
    name: 'a category of another tray is refused',
    as: 'ana',
    call: (s) =>
      call('move', {
        conversationId: s.conversations.unanswered,
        trayId: s.trays.support,
        categoryId: s.categories.quotes,
      }),
    expect: { refused: 'errors.categoryNotInTray', params: { tray: 'Servicio y Soporte' } },
  },
  {
    name: 'an inactive category is refused',
    as: 'ana',
    call: (s) =>
      call('move', {
        conversationId: s.conversations.unanswered,
        trayId: s.trays.support,
        categoryId: s.categories.obsolete,
      }),
    expect: { refused: 'errors.categoryInactive', params: { category: 'Obsoleta' } },
  },
  {
    name: 'a tray of another workspace does not exist',
    as: 'admin',
    call: (s) => call('move', { conversationId: s.conversations.unanswered, trayId: s.other.tray, categoryId: null }),
    expect: { refused: 'errors.trayNotFound' },
  },
  {
    name: 'moving out of a tray the agent is not in is refused',
    as: 'beto',
    call: (s) => call('move', { conversationId: s.conversations.unanswered, trayId: s.trays.sales, categoryId: null }),
    expect: { refused: 'errors.notTrayMember' },
  },
];

export const statusCases: Case[] = [
  {
    name: 'open → pending',
    as: 'ana',
    call: (s) => call('setStatus', { conversationId: s.conversations.unanswered, status: 'pending' }),
    expect: { audit: 'conversation.statusChanged' },
    check: (s) => expect(conv(s, s.conversations.unanswered).status).toBe('pending'),
  },
  {
    name: 'the same status is a no-op',
    as: 'ana',
    call: (s) => call('setStatus', { conversationId: s.conversations.unanswered, status: 'open' }),
    expect: 'noop',
  },
  {
    name: 'pending → open cancels the follow-up reminder',
    as: 'ana',
    setup: (s) => must(s, 'ana', call('setFollowUp', { conversationId: s.conversations.answered, at: s.now + 4 * H })),
    call: (s) => call('setStatus', { conversationId: s.conversations.answered, status: 'open' }),
    expect: { audit: 'conversation.statusChanged' },
    check: (s) =>
      expect(conv(s, s.conversations.answered)).toMatchObject({ status: 'open', followUpAt: null, followUpBy: null }),
  },
  {
    name: 'snoozed → pending clears the snooze',
    as: 'ana',
    setup: (s) => must(s, 'ana', call('snooze', { conversationId: s.conversations.unanswered, until: s.now + 2 * H })),
    call: (s) => call('setStatus', { conversationId: s.conversations.unanswered, status: 'pending' }),
    expect: { audit: 'conversation.statusChanged' },
    check: (s) =>
      expect(conv(s, s.conversations.unanswered)).toMatchObject({
        status: 'pending',
        snoozedUntil: null,
        snoozedBy: null,
      }),
  },
  {
    name: 'reopening a resolved conversation starts a new cycle and leaves the closed one as it was',
    as: 'ana',
    call: (s) => call('setStatus', { conversationId: s.conversations.closed, status: 'open' }),
    expect: { audit: 'conversation.statusChanged' },
    check: (s) => {
      expect(conv(s, s.conversations.closed)).toMatchObject({ status: 'open', cycle: 2, cycleStartedAt: s.now });
      const [first, second] = cycles(s, s.conversations.closed);
      expect(first).toMatchObject({ number: 1, resolvedAt: s.now - 5 * H, justification: 'answered' });
      expect(second).toMatchObject({ number: 2, startedAt: s.now, resolvedAt: null });
      expect(lastAudit(s).after).toEqual({ status: 'open', cycle: 2 });
    },
  },
  {
    name: 'resolved → pending is not allowed',
    as: 'ana',
    call: (s) => call('setStatus', { conversationId: s.conversations.closed, status: 'pending' }),
    expect: { refused: 'errors.transitionNotAllowed' },
  },
  {
    name: 'resolving by setStatus is not even a valid argument (it has its own mutation)',
    as: 'ana',
    call: (s) => call('setStatus', { conversationId: s.conversations.answered, status: 'resolved' as 'open' }),
    expect: { refused: 'errors.invalidInput' },
  },
  {
    name: 'an agent outside the tray cannot change the status',
    as: 'beto',
    call: (s) => call('setStatus', { conversationId: s.conversations.unanswered, status: 'pending' }),
    expect: { refused: 'errors.notTrayMember' },
  },
];

export const tagCases: Case[] = [
  {
    name: 'an agent applies a tag',
    as: 'ana',
    call: (s) => call('addTag', { conversationId: s.conversations.unanswered, tagId: s.tags.complaint }),
    expect: { audit: 'conversation.tagAdded' },
  },
  {
    name: 'applying a tag it already has is a no-op',
    as: 'ana',
    call: (s) => call('addTag', { conversationId: s.conversations.answered, tagId: s.tags.vip }),
    expect: 'noop',
  },
  {
    name: 'a tag of another workspace does not exist',
    as: 'ana',
    call: (s) => call('addTag', { conversationId: s.conversations.unanswered, tagId: s.other.tag }),
    expect: { refused: 'errors.tagNotFound' },
  },
  {
    name: 'tagging outside her trays is refused',
    as: 'beto',
    call: (s) => call('addTag', { conversationId: s.conversations.unanswered, tagId: s.tags.vip }),
    expect: { refused: 'errors.notTrayMember' },
  },
  {
    name: 'an agent removes a tag',
    as: 'ana',
    call: (s) => call('removeTag', { conversationId: s.conversations.answered, tagId: s.tags.vip }),
    expect: { audit: 'conversation.tagRemoved' },
  },
  {
    name: 'removing a tag it does not have is a no-op',
    as: 'ana',
    call: (s) => call('removeTag', { conversationId: s.conversations.answered, tagId: s.tags.complaint }),
    expect: 'noop',
  },
  {
    name: 'removing an unknown tag is refused',
    as: 'ana',
    call: (s) => call('removeTag', { conversationId: s.conversations.answered, tagId: ghost }),
    expect: { refused: 'errors.tagNotFound' },
  },
];

export const reminderCases: Case[] = [
  {
    name: 'snoozing takes it out of the inbox until a time',
    as: 'ana',
    call: (s) => call('snooze', { conversationId: s.conversations.unanswered, until: s.now + 2 * H }),
    expect: { audit: 'conversation.snoozed' },
    check: (s) => {
      expect(conv(s, s.conversations.unanswered)).toMatchObject({
        status: 'snoozed',
        snoozedUntil: s.now + 2 * H,
        snoozedBy: s.agents.ana.id,
      });
      expect(lastAudit(s)).toMatchObject({
        before: { status: 'open' },
        after: { status: 'snoozed', until: s.now + 2 * H },
      });
    },
  },
  {
    name: 'snoozing replaces a follow-up reminder',
    as: 'ana',
    setup: (s) => must(s, 'ana', call('setFollowUp', { conversationId: s.conversations.answered, at: s.now + 4 * H })),
    call: (s) => call('snooze', { conversationId: s.conversations.answered, until: s.now + H }),
    expect: { audit: 'conversation.snoozed' },
    check: (s) => expect(conv(s, s.conversations.answered)).toMatchObject({ followUpAt: null, followUpBy: null }),
  },
  {
    name: 're-snoozing to another time',
    as: 'ana',
    setup: (s) => must(s, 'ana', call('snooze', { conversationId: s.conversations.unanswered, until: s.now + 2 * H })),
    call: (s) => call('snooze', { conversationId: s.conversations.unanswered, until: s.now + 5 * H }),
    expect: { audit: 'conversation.snoozed' },
    check: (s) => expect(lastAudit(s).before).toEqual({ status: 'snoozed', until: s.now + 2 * H }),
  },
  {
    name: 're-snoozing to the same time is a no-op',
    as: 'ana',
    setup: (s) => must(s, 'ana', call('snooze', { conversationId: s.conversations.unanswered, until: s.now + 2 * H })),
    call: (s) => call('snooze', { conversationId: s.conversations.unanswered, until: s.now + 2 * H }),
    expect: 'noop',
  },
  {
    name: 'the replica refuses a wake time in the past',
    as: 'ana',
    side: 'client',
    call: (s) => call('snooze', { conversationId: s.conversations.unanswered, until: s.now - MIN }),
    expect: { refused: 'errors.snoozeInPast' },
  },
  {
    name: 'the replica refuses "now" as a wake time',
    as: 'ana',
    side: 'client',
    call: (s) => call('snooze', { conversationId: s.conversations.unanswered, until: s.now }),
    expect: { refused: 'errors.snoozeInPast' },
  },
  {
    name: 'the server accepts a snooze drafted offline whose time has passed (it wakes at once)',
    as: 'ana',
    side: 'server',
    call: (s) => call('snooze', { conversationId: s.conversations.unanswered, until: s.now - MIN }),
    expect: { audit: 'conversation.snoozed' },
    check: (s) => expect(conv(s, s.conversations.unanswered).snoozedUntil).toBe(s.now - MIN),
  },
  {
    name: 'a resolved conversation cannot be snoozed',
    as: 'ana',
    call: (s) => call('snooze', { conversationId: s.conversations.closed, until: s.now + H }),
    expect: { refused: 'errors.transitionNotAllowed' },
  },
  {
    name: 'snoozing outside her trays is refused',
    as: 'beto',
    call: (s) => call('snooze', { conversationId: s.conversations.unanswered, until: s.now + H }),
    expect: { refused: 'errors.notTrayMember' },
  },
  {
    name: 'a follow-up reminder on a pending conversation',
    as: 'ana',
    call: (s) => call('setFollowUp', { conversationId: s.conversations.answered, at: s.now + 24 * H }),
    expect: { audit: 'conversation.followUpSet' },
    check: (s) => {
      expect(conv(s, s.conversations.answered)).toMatchObject({
        followUpAt: s.now + 24 * H,
        followUpBy: s.agents.ana.id,
      });
      expect(lastAudit(s)).toMatchObject({ before: { at: null }, after: { at: s.now + 24 * H } });
    },
  },
  {
    name: 'a follow-up reminder needs a pending conversation',
    as: 'ana',
    call: (s) => call('setFollowUp', { conversationId: s.conversations.unanswered, at: s.now + H }),
    expect: { refused: 'errors.followUpNeedsPending' },
  },
  {
    name: 'the replica refuses a follow-up time in the past',
    as: 'ana',
    side: 'client',
    call: (s) => call('setFollowUp', { conversationId: s.conversations.answered, at: s.now - H }),
    expect: { refused: 'errors.followUpInPast' },
  },
  {
    name: 'the server accepts a follow-up drafted offline whose time has passed',
    as: 'ana',
    side: 'server',
    call: (s) => call('setFollowUp', { conversationId: s.conversations.answered, at: s.now - H }),
    expect: { audit: 'conversation.followUpSet' },
  },
  {
    name: 'clearing a follow-up reminder',
    as: 'ana',
    setup: (s) => must(s, 'ana', call('setFollowUp', { conversationId: s.conversations.answered, at: s.now + H })),
    call: (s) => call('setFollowUp', { conversationId: s.conversations.answered, at: null }),
    expect: { audit: 'conversation.followUpSet' },
    check: (s) => expect(conv(s, s.conversations.answered)).toMatchObject({ followUpAt: null, followUpBy: null }),
  },
  {
    name: 'clearing when there is no reminder is a no-op, in any status',
    as: 'ana',
    call: (s) => call('setFollowUp', { conversationId: s.conversations.unanswered, at: null }),
    expect: 'noop',
  },
  {
    name: 'a follow-up outside her trays is refused',
    as: 'beto',
    call: (s) => call('setFollowUp', { conversationId: s.conversations.answered, at: s.now + H }),
    expect: { refused: 'errors.notTrayMember' },
  },
];

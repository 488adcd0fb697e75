// Table-driven tests of the guide's rules in src/shared/rules: the status machine, the effect of a
// customer message, the closing policy and the descriptive note. The server and the core call these very
// functions, so a case here is a case everywhere.
import { describe, expect, it } from 'vitest';
import {
  checkAgentTransition,
  customerMessageEffect,
  decideAssign,
  decideClosing,
  DEFAULT_REOPEN_WINDOW_MS,
  isMeaningful,
  missingFields,
  startsNewCycle,
  type ClosingFacts,
  type Status,
} from '../../src/shared';

const H = 60 * 60 * 1000;

describe('status machine', () => {
  const cases: [Status, Status, { snoozeUntil?: number }, string][] = [
    ['open', 'pending', {}, 'ok'],
    ['open', 'resolved', {}, 'ok'],
    ['open', 'snoozed', {}, 'snoozeNeedsDate'],
    ['open', 'snoozed', { snoozeUntil: 1 }, 'ok'],
    ['open', 'open', {}, 'same'],
    ['pending', 'open', {}, 'ok'],
    ['snoozed', 'snoozed', { snoozeUntil: 2 }, 'ok'],
    ['snoozed', 'open', {}, 'ok'],
    ['resolved', 'open', {}, 'ok'],
    ['resolved', 'pending', {}, 'notAllowed'],
    ['resolved', 'snoozed', { snoozeUntil: 1 }, 'notAllowed'],
    ['resolved', 'resolved', {}, 'same'],
  ];
  it.each(cases)('%s → %s %j: %s', (from, to, opts, expected) => {
    const r = checkAgentTransition(from, to, opts);
    expect(r.ok ? 'ok' : r.reason).toBe(expected);
  });
  it('only reopening a resolved conversation starts a new cycle', () => {
    expect(startsNewCycle('resolved', 'open')).toBe(true);
    expect(startsNewCycle('pending', 'open')).toBe(false);
  });
});

describe('customer message effect', () => {
  const now = 1_000 * H;
  const cases: [Status, number | null, number | undefined, string][] = [
    ['open', null, undefined, 'append'],
    ['pending', null, undefined, 'reopen'],
    ['snoozed', null, undefined, 'reopen'],
    ['resolved', now - 1 * H, undefined, 'newCycle'],
    ['resolved', now - DEFAULT_REOPEN_WINDOW_MS, undefined, 'newCycle'],
    ['resolved', now - DEFAULT_REOPEN_WINDOW_MS - 1, undefined, 'newConversation'],
    ['resolved', now - 3 * H, 2 * H, 'newConversation'],
    ['resolved', now - 3 * H, 72 * H, 'newCycle'],
    ['resolved', null, undefined, 'newConversation'],
    // A window of 0 never reopens, not even a message in the same millisecond as the resolution.
    ['resolved', now, 0, 'newConversation'],
    ['resolved', now - 1, 0, 'newConversation'],
  ];
  it.each(cases)('%s resolved at %s, window %s → %s', (status, resolvedAt, reopenWindowMs, expected) => {
    expect(
      customerMessageEffect({ status, resolvedAt, now, ...(reopenWindowMs !== undefined ? { reopenWindowMs } : {}) })
        .kind,
    ).toBe(expected);
  });
});

describe('closing policy', () => {
  const base: ClosingFacts = {
    lastCustomerMessageAt: 10,
    lastAgentReplyAt: null,
    hasDerivationNote: false,
    linkedTasks: 0,
    linkedTickets: 0,
    openTasksWithDueDate: 0,
    customerConfirmed: false,
    disposition: { id: 'd', needsFollowUp: false },
  };
  const cases: [string, Partial<ClosingFacts>, string][] = [
    ['unanswered', {}, 'refused:noJustification'],
    ['answered after the last customer message', { lastAgentReplyAt: 11 }, 'answered'],
    ['reply before the last customer message', { lastAgentReplyAt: 9 }, 'refused:noJustification'],
    ['reply at the same instant is not after', { lastAgentReplyAt: 10 }, 'refused:noJustification'],
    ['no customer message, a reply', { lastCustomerMessageAt: null, lastAgentReplyAt: 5 }, 'answered'],
    ['derived and documented', { hasDerivationNote: true }, 'derived'],
    ['a linked task', { linkedTasks: 1 }, 'linkedWork'],
    ['a linked ticket', { linkedTickets: 1 }, 'linkedWork'],
    ['customer confirmed', { customerConfirmed: true }, 'customerConfirmed'],
    ['answered but no disposition', { lastAgentReplyAt: 11, disposition: null }, 'refused:dispositionRequired'],
    ['nothing at all', { disposition: null }, 'refused:noJustification,dispositionRequired'],
    [
      'follow-up disposition without a dated open task',
      { lastAgentReplyAt: 11, disposition: { id: 'f', needsFollowUp: true } },
      'refused:followUpTaskRequired',
    ],
    [
      'follow-up disposition with a dated open task',
      { linkedTasks: 1, openTasksWithDueDate: 1, disposition: { id: 'f', needsFollowUp: true } },
      'linkedWork',
    ],
  ];
  it.each(cases)('%s', (_name, facts, expected) => {
    const d = decideClosing({ ...base, ...facts });
    expect(d.allowed ? d.justification : `refused:${d.missing.join(',')}`).toBe(expected);
  });
});

describe('descriptive note', () => {
  it.each([
    ['ok', false],
    ['  Listo ', false],
    ['N/A', false],
    ['Cotización', false],
    ['Se envió cotización', true],
    ['Cliente contactado vía WhatsApp el 12/03', true],
    ['a b', false],
    ['🚗 🚗 🚗', false],
  ])('%j meaningful: %s', (text, expected) => expect(isMeaningful(text)).toBe(expected));
  it('lists missing required fields in the guide order', () => {
    expect(
      missingFields({ context: 'Cliente pide cambio de póliza', nextSteps: 'ok' }, [
        'nextSteps',
        'context',
        'externalChannel',
      ]),
    ).toEqual(['nextSteps', 'externalChannel']);
  });
});

describe('assignment race', () => {
  it.each([
    [null, 'a', null, 'apply'],
    [null, 'a', undefined, 'apply'],
    ['b', 'a', null, 'conflict'],
    ['b', 'a', 'b', 'apply'],
    ['a', 'a', null, 'unchanged'],
    ['b', null, 'b', 'apply'],
  ] as const)('current %s, requested %s, expected %s → %s', (current, requested, expected, kind) => {
    expect(decideAssign({ current, requested, expected }).kind).toBe(kind);
  });
});

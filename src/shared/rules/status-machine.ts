// The conversation status machine of the operating guide (seed 002): Abiertas (open), Pendientes
// (pending: waiting, no date), Pospuestas (snoozed: until a date), Resueltas (resolved). Client and
// server decide every transition with these functions; the closing policy (closing-policy.ts) decides
// whether a resolution is allowed at all.
import type { Status } from '../domain';

export const DEFAULT_REOPEN_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Which statuses an agent may move a conversation to by hand, from each status. */
const AGENT_TRANSITIONS: Record<Status, readonly Status[]> = {
  open: ['pending', 'snoozed', 'resolved'],
  pending: ['open', 'snoozed', 'resolved'],
  snoozed: ['open', 'pending', 'resolved'],
  // Reopening by hand starts a new cycle (like a customer writing within the window).
  resolved: ['open'],
};

export type TransitionCheck = { ok: true } | { ok: false; reason: 'same' | 'notAllowed' | 'snoozeNeedsDate' };

export function checkAgentTransition(
  from: Status,
  to: Status,
  opts: { snoozeUntil?: number | null } = {},
): TransitionCheck {
  if (from === to && to !== 'snoozed') return { ok: false, reason: 'same' };
  if (to === 'snoozed' && !opts.snoozeUntil) return { ok: false, reason: 'snoozeNeedsDate' };
  if (from === to) return { ok: true }; // re-snoozing to a new date
  return AGENT_TRANSITIONS[from].includes(to) ? { ok: true } : { ok: false, reason: 'notAllowed' };
}

/** Does an agent's move start a new cycle (METRICS.md: every KPI is per cycle)? */
export const startsNewCycle = (from: Status, to: Status): boolean => from === 'resolved' && to === 'open';

export type CustomerMessageEffect =
  /** Append, status unchanged (already open). */
  | { kind: 'append' }
  /** Append and bring it back to Abiertas (was pending or snoozed; the snooze is cancelled). */
  | { kind: 'reopen' }
  /** Append to the same conversation as a new cycle (resolved within the reopen window). */
  | { kind: 'newCycle' }
  /** Open a new conversation linked to this one (resolved longer ago than the window). */
  | { kind: 'newConversation' };

/**
 * What a customer message does to the conversation it belongs to. `resolvedAt` is when the current cycle
 * was resolved; the window is the workspace's setting (default 24 h).
 */
export function customerMessageEffect(input: {
  status: Status;
  resolvedAt: number | null;
  now: number;
  reopenWindowMs?: number;
}): CustomerMessageEffect {
  switch (input.status) {
    case 'open':
      return { kind: 'append' };
    case 'pending':
    case 'snoozed':
      return { kind: 'reopen' };
    case 'resolved': {
      const window = input.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS;
      // No recorded resolution time (legacy rows): treat as long ago, never silently merge.
      if (input.resolvedAt === null) return { kind: 'newConversation' };
      // A window of 0 means "never reopen" (settings.ts), even for a message in the same millisecond.
      return window > 0 && input.now - input.resolvedAt <= window ? { kind: 'newCycle' } : { kind: 'newConversation' };
    }
  }
}

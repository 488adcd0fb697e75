// The closing policy of the operating guide (§5, "Reglas de cierre", mandatory): a conversation may be
// resolved only if at least one holds —
//   a) answered: an agent reply was sent after the last customer message (checked from the thread, never
//      ticked by the agent);
//   b) derived to another channel and documented (a descriptive note naming the external channel);
//   c) a task or ticket is linked;
//   d) the customer confirmed they need nothing else (the agent marks that customer message);
// plus a disposition ("calificación"), and for a disposition that needs follow-up, an open task with a
// due date. "Para limpiar la bandeja" is impossible: bulk resolve runs this per conversation.
import { z } from 'zod';

export const JUSTIFICATIONS = ['answered', 'derived', 'linkedWork', 'customerConfirmed'] as const;
export const Justification = z.enum(JUSTIFICATIONS);
export type Justification = z.infer<typeof Justification>;

export type ClosingGap =
  /** None of a)–d) holds. */
  | 'noJustification'
  | 'dispositionRequired'
  /** The disposition needs follow-up: link an open task with a due date first. */
  | 'followUpTaskRequired'
  /** The guide's descriptive note is mandatory for this closure (rules/note-requirements.ts). */
  | 'descriptiveNoteRequired';

export interface ClosingFacts {
  /** Time of the last message from the customer in the current cycle (null: none). */
  lastCustomerMessageAt: number | null;
  /** Time of the last human agent reply (METRICS.md: authorKind agent, outbound) in the current cycle. */
  lastAgentReplyAt: number | null;
  /** A descriptive note with a meaningful "Canal externo" in the current cycle. */
  hasDerivationNote: boolean;
  /** Tasks (any state) or tickets linked to the conversation. */
  linkedTasks: number;
  linkedTickets: number;
  /** Open tasks with a due date linked to the conversation. */
  openTasksWithDueDate: number;
  /** The agent marked a customer message of this cycle as "needs nothing else". */
  customerConfirmed: boolean;
  disposition: { id: string; needsFollowUp: boolean } | null;
}

export type ClosingDecision =
  { allowed: true; justification: Justification } | { allowed: false; missing: ClosingGap[] };

/** Which justification holds, preferring the strongest evidence (the customer got an answer). */
export function justificationFor(f: ClosingFacts): Justification | null {
  const answered =
    f.lastAgentReplyAt !== null && (f.lastCustomerMessageAt === null || f.lastAgentReplyAt > f.lastCustomerMessageAt);
  if (answered) return 'answered';
  if (f.customerConfirmed) return 'customerConfirmed';
  if (f.linkedTasks + f.linkedTickets > 0) return 'linkedWork';
  if (f.hasDerivationNote) return 'derived';
  return null;
}

export function decideClosing(f: ClosingFacts): ClosingDecision {
  const missing: ClosingGap[] = [];
  const justification = justificationFor(f);
  if (!justification) missing.push('noJustification');
  if (!f.disposition) missing.push('dispositionRequired');
  else if (f.disposition.needsFollowUp && f.openTasksWithDueDate === 0) missing.push('followUpTaskRequired');
  return missing.length || !justification ? { allowed: false, missing } : { allowed: true, justification };
}

/**
 * a) from the conversation's own record, never from the agent: a human reply after the last customer
 * message, within the current cycle. The columns are kept by every writer of messages (replies, inbound,
 * merges), so this costs no scan of the thread.
 */
export function answeredInCycle(c: {
  lastCustomerMessageAt: number | null;
  lastHumanReplyAt: number | null;
  cycleStartedAt: number;
}): boolean {
  if (c.lastHumanReplyAt === null || c.lastHumanReplyAt < c.cycleStartedAt) return false;
  return c.lastCustomerMessageAt === null || c.lastHumanReplyAt > c.lastCustomerMessageAt;
}

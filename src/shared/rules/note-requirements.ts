// When the guide demands a descriptive note before an action (§5, "Regla adicional obligatoria": before
// moving or closing a conversation that needs another team, had contact outside the CRM, lacks the
// customer's data…), and which of its fields must say something. Client and server ask these functions, so
// the dialog that asks for the note and the refusal of a change that skipped it can never disagree.
import type { NoteRuleKey, NoteRules } from '../settings';
import type { Justification } from './closing-policy';
import { DESCRIPTIVE_FIELDS, type DescriptiveField, type DescriptiveNote, missingFields } from './descriptive-note';

export type NoteAction =
  /** Moving to another tray: only a tray of another team is a hand-off (leaving Global is triage). */
  | { kind: 'move'; fromTeam: string; toTeam: string }
  /** Handing the conversation to a supervisor or admin (other than oneself). */
  | { kind: 'escalate' }
  | { kind: 'resolve'; justification: Justification };

export interface NoteContext {
  /** The contact lacks a real name or any way to reach them outside this channel (rules/contact.ts). */
  contactIncomplete: boolean;
  /** A contact outside the CRM (phone, direct WhatsApp, external email) was logged in this cycle. */
  externalContactInCycle: boolean;
}

export interface NoteRequirement {
  /** Why a note is needed, in the order of the settings screen. */
  reasons: NoteRuleKey[];
  /** Fields that must be meaningfully filled, in the guide's order. */
  fields: DescriptiveField[];
}

/** What each situation asks the note to tell (the guide's "Estructura recomendada del comentario"). */
export const FIELDS_BY_RULE: Record<NoteRuleKey, readonly DescriptiveField[]> = {
  moveToOtherTeam: ['context', 'actions', 'nextSteps'],
  escalate: ['context', 'actions', 'nextSteps'],
  resolveDerived: ['context', 'actions', 'externalChannel'],
  resolveConfirmed: ['context', 'actions'],
  incompleteContact: ['context', 'missingData'],
  externalChannel: ['context', 'externalChannel'],
};

/** A descriptive note by itself always tells what happened: context and actions. */
export const BASE_FIELDS: readonly DescriptiveField[] = ['context', 'actions'];

/**
 * The team of the guide's entry tray (Global, DEFAULT_TRAYS[0]): moving a conversation out of it is
 * classification (guide §4, paso 2), not a hand-off — only moving between teams, or back to Global, is.
 */
export const ENTRY_TEAM = 'global';

const isTeamChange = (a: NoteAction): boolean =>
  a.kind === 'move' && a.fromTeam !== a.toTeam && a.fromTeam !== ENTRY_TEAM;

const isHandOff = (a: NoteAction): boolean => isTeamChange(a) || a.kind === 'escalate' || a.kind === 'resolve';

/** The note an action needs, or null when it needs none. */
export function requiredNote(action: NoteAction, context: NoteContext, rules: NoteRules): NoteRequirement | null {
  const reasons: NoteRuleKey[] = [];
  if (isTeamChange(action) && rules.moveToOtherTeam) reasons.push('moveToOtherTeam');
  if (action.kind === 'escalate' && rules.escalate) reasons.push('escalate');
  if (action.kind === 'resolve' && action.justification === 'derived' && rules.resolveDerived)
    reasons.push('resolveDerived');
  if (action.kind === 'resolve' && action.justification === 'customerConfirmed' && rules.resolveConfirmed)
    reasons.push('resolveConfirmed');
  if (isHandOff(action) && context.contactIncomplete && rules.incompleteContact) reasons.push('incompleteContact');
  if (isHandOff(action) && context.externalContactInCycle && rules.externalChannel) reasons.push('externalChannel');
  if (!reasons.length) return null;
  const wanted = new Set(reasons.flatMap((r) => FIELDS_BY_RULE[r]));
  return { reasons, fields: DESCRIPTIVE_FIELDS.filter((f) => wanted.has(f)) };
}

/** Does one of the cycle's descriptive notes fill every required field? (One note must say it all.) */
export function noteSatisfies(notes: readonly DescriptiveNote[], requirement: NoteRequirement | null): boolean {
  if (!requirement) return true;
  return notes.some((n) => missingFields(n, requirement.fields).length === 0);
}

/** The fields still missing, measured against the note that comes closest (for the refusal's wording). */
export function closestGap(notes: readonly DescriptiveNote[], requirement: NoteRequirement): DescriptiveField[] {
  let best: DescriptiveField[] = [...requirement.fields];
  for (const n of notes) {
    const gap = missingFields(n, requirement.fields);
    if (gap.length < best.length) best = gap;
  }
  return best;
}

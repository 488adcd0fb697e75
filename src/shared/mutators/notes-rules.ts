// The facts the descriptive-note rules need, read the same way on both sides: the workspace's rules, the
// contact's completeness, the current cycle's notes. `noteCheck` answers what the dialog must ask for;
// `requireNote` refuses the action when the cycle's notes do not say it yet.
import type { RuleCheck } from '../entities';
import type { ConversationRow, NoteRow } from '../rows';
import { isContactIncomplete } from '../rules/contact';
import { DESCRIPTIVE_FIELDS, type DescriptiveField, type DescriptiveNote } from '../rules/descriptive-note';
import { closestGap, type NoteAction, noteSatisfies, requiredNote } from '../rules/note-requirements';
import type { NoteRuleKey } from '../settings';
import { workspaceSettings } from './access';
import { findRows, getRow, type MutatorEnv, refuse, type Tx } from './runtime';

/** The guide's words for the fields, in Spanish: refusals reach the agent as plain Spanish. */
export const FIELD_LABELS_ES: Record<DescriptiveField, string> = {
  context: 'Contexto',
  actions: 'Acciones realizadas',
  nextSteps: 'Próximos pasos',
  missingData: 'Datos faltantes',
  externalChannel: 'Canal externo',
};

const RULE_LABELS_ES: Record<NoteRuleKey, string> = {
  moveToOtherTeam: 'mover a la bandeja de otro equipo',
  escalate: 'escalar',
  resolveDerived: 'resolver por derivación a otro canal',
  resolveConfirmed: 'resolver porque el cliente confirmó',
  incompleteContact: 'los datos del contacto están incompletos',
  externalChannel: 'hubo contacto fuera del CRM',
};

/** Notes of the conversation's current cycle, oldest first. */
export function* cycleNotes(conv: ConversationRow): Tx<NoteRow[]> {
  const notes = yield* findRows('notes', { conversationId: conv.id });
  return notes.filter((n) => n.createdAt >= conv.cycleStartedAt).sort((a, b) => a.createdAt - b.createdAt);
}

export function* contactIncomplete(conv: ConversationRow): Tx<boolean> {
  const contact = yield* getRow('contacts', { id: conv.contactId });
  if (!contact) return true;
  const identities = yield* findRows('contact_identities', { contactId: contact.id });
  return isContactIncomplete({ name: contact.name, identities, companyId: contact.companyId });
}

export const descriptiveFieldsOf = (notes: readonly NoteRow[]): DescriptiveNote[] =>
  notes.filter((n) => n.kind === 'descriptive').map((n) => (n.fields ?? {}) as DescriptiveNote);

export function* noteCheck(env: MutatorEnv, conv: ConversationRow, action: NoteAction): Tx<RuleCheck['note']> {
  const settings = yield* workspaceSettings(env);
  const notes = yield* cycleNotes(conv);
  const incomplete = yield* contactIncomplete(conv);
  const requirement = requiredNote(
    action,
    { contactIncomplete: incomplete, externalContactInCycle: notes.some((n) => n.kind === 'external') },
    settings.noteRules,
  );
  if (!requirement) return null;
  const descriptive = descriptiveFieldsOf(notes);
  return {
    ...requirement,
    missingFields: noteSatisfies(descriptive, requirement) ? [] : closestGap(descriptive, requirement),
  };
}

/** Refuses with what the note must still say, in the guide's words. */
export function noteRefusal(note: NonNullable<RuleCheck['note']>) {
  const fields = DESCRIPTIVE_FIELDS.filter((f) => note.missingFields.includes(f));
  const why = note.reasons.map((r) => RULE_LABELS_ES[r]).join('; ');
  return refuse(
    'rule_violation',
    'errors.descriptiveNoteRequired',
    `Falta la nota descriptiva (${why}): completa ${fields.map((f) => FIELD_LABELS_ES[f]).join(', ')}`,
    { reasons: note.reasons.join(','), fields: fields.join(',') },
  );
}

export function* requireNote(env: MutatorEnv, conv: ConversationRow, action: NoteAction): Tx<void> {
  const note = yield* noteCheck(env, conv, action);
  if (note && note.missingFields.length) throw noteRefusal(note);
}

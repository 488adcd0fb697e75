// Which dialog of the operating guide is open (resolve, descriptive note, external contact, merge, snooze) and
// what it acts on. Transient UI only: nothing here mirrors core data. One dialog at a time; while one is
// open the single-key shortcuts stay quiet (hooks/useShortcuts.ts).
import { create } from 'zustand';
import type { RuleCheck } from '../../../shared/entities';
import type { DescriptiveFields } from '../../../shared/mutations';
import { DESCRIPTIVE_FIELDS, type DescriptiveField } from '../../../shared/rules/descriptive-note';
import { NOTE_RULE_KEYS, type NoteRuleKey } from '../../../shared/settings';

/** Who an action is for: the open conversation, or the list's multi-selection. */
export type GuideTarget = { kind: 'one'; conversationId: string } | { kind: 'bulk'; conversationIds: string[] };

/** A hand-off the descriptive note unlocks; the note dialog runs it once the note is saved. */
export type PendingAction =
  { type: 'move'; trayId: string; categoryId: string | null } | { type: 'assign'; assigneeId: string | null };

export interface NoteRequirement {
  reasons: NoteRuleKey[];
  /** Every field the rules ask for (marked as required in the form). */
  fields: DescriptiveField[];
  /** The fields the cycle's notes do not say yet (what the dialog asks for). */
  missingFields: DescriptiveField[];
}

export type GuideDialog =
  | { kind: 'resolve'; target: GuideTarget }
  | {
      kind: 'note';
      /** The conversations that get the note (several for a bulk hand-off: the same note on each). */
      conversationIds: string[];
      /** null: a note written by choice (composer), with the fields a descriptive note always needs. */
      requirement: NoteRequirement | null;
      /** The action waiting for the note, applied to `actionIds` right after it is saved. */
      pending: { action: PendingAction; actionIds: string[]; bulk: boolean } | null;
      /** What the form starts with (the composer's note text goes into Contexto). */
      initial?: DescriptiveFields;
      /** Opened from the composer: its draft is emptied once the note is saved. */
      fromComposer?: boolean;
    }
  | { kind: 'external'; conversationId: string }
  | { kind: 'merge'; keepId: string; sourceId: string }
  /** Posponer (seed 002): quick choices or any date and time, with an optional private note first. */
  | { kind: 'snooze'; target: GuideTarget };

interface GuideDialogState {
  dialog: GuideDialog | null;
  open(dialog: GuideDialog): void;
  close(): void;
}

export const useGuideDialogStore = create<GuideDialogState>((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));

/** Merges what several conversations' checks ask of the note (a bulk hand-off writes one note for all). */
export function mergeRequirements(notes: NonNullable<RuleCheck['note']>[]): NoteRequirement | null {
  if (notes.length === 0) return null;
  const reasons = new Set<NoteRuleKey>();
  const fields = new Set<DescriptiveField>();
  const missing = new Set<DescriptiveField>();
  for (const n of notes) {
    n.reasons.forEach((r) => reasons.add(r));
    n.fields.forEach((f) => fields.add(f));
    n.missingFields.forEach((f) => missing.add(f));
  }
  // In the guide's order, whatever order the conversations came in.
  return {
    reasons: NOTE_RULE_KEYS.filter((r) => reasons.has(r)),
    fields: DESCRIPTIVE_FIELDS.filter((f) => fields.has(f)),
    missingFields: DESCRIPTIVE_FIELDS.filter((f) => missing.has(f)),
  };
}

// Workspace settings an admin edits (issue 4, point 9) and both the client and the server read: the reopen
// window of the status machine and the descriptive-note rules of the guide (§5, "Regla adicional
// obligatoria"). Stored as JSON (server: workspaces.settings jsonb, replica: workspaces.settings text);
// reading is tolerant — a missing or malformed value falls back to the default — so an old row or a newer
// server's extra keys never break a replica.
import { z } from 'zod';

/** Situations in which a descriptive note is mandatory before the action (each can be switched off). */
export const NOTE_RULE_KEYS = [
  /** Moving a conversation to a tray of another team. */
  'moveToOtherTeam',
  /** Escalating: handing the conversation to a supervisor or admin. */
  'escalate',
  /** Resolving by b) "derived to another channel and documented". */
  'resolveDerived',
  /** Resolving by d) "the customer confirmed they need nothing else". */
  'resolveConfirmed',
  /** Moving to another team or resolving while the contact's data is incomplete. */
  'incompleteContact',
  /** Moving to another team or resolving after a contact outside the CRM was logged in this cycle. */
  'externalChannel',
] as const;
export const NoteRuleKey = z.enum(NOTE_RULE_KEYS);
export type NoteRuleKey = z.infer<typeof NoteRuleKey>;

export const NoteRules = z.object(
  Object.fromEntries(NOTE_RULE_KEYS.map((k) => [k, z.boolean()])) as Record<NoteRuleKey, z.ZodBoolean>,
);
export type NoteRules = z.infer<typeof NoteRules>;

export const DEFAULT_NOTE_RULES: NoteRules = {
  moveToOtherTeam: true,
  escalate: true,
  resolveDerived: true,
  resolveConfirmed: true,
  incompleteContact: true,
  externalChannel: true,
};

/** At most 30 days: past that a customer writing again is a new matter, whatever the team prefers. */
export const MAX_REOPEN_WINDOW_HOURS = 24 * 30;

export const WorkspaceSettings = z.object({
  /** A customer message within this many hours of a resolution reopens it as a new cycle (0 = never). */
  reopenWindowHours: z.number().int().min(0).max(MAX_REOPEN_WINDOW_HOURS),
  noteRules: NoteRules,
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

export const DEFAULT_SETTINGS: WorkspaceSettings = { reopenWindowHours: 24, noteRules: DEFAULT_NOTE_RULES };

/** A partial update from the settings screen: only what the admin changed. */
export const SettingsPatch = z
  .object({
    reopenWindowHours: WorkspaceSettings.shape.reopenWindowHours.optional(),
    noteRules: NoteRules.partial().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** The effective settings of a stored JSON value: every missing or invalid part takes its default. */
export function readSettings(raw: unknown): WorkspaceSettings {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  const obj = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const hours = WorkspaceSettings.shape.reopenWindowHours.safeParse(obj.reopenWindowHours);
  const rulesRaw = obj.noteRules && typeof obj.noteRules === 'object' ? (obj.noteRules as Record<string, unknown>) : {};
  const noteRules = { ...DEFAULT_NOTE_RULES };
  for (const k of NOTE_RULE_KEYS) if (typeof rulesRaw[k] === 'boolean') noteRules[k] = rulesRaw[k];
  return { reopenWindowHours: hours.success ? hours.data : DEFAULT_SETTINGS.reopenWindowHours, noteRules };
}

export function applySettingsPatch(current: WorkspaceSettings, patch: SettingsPatch): WorkspaceSettings {
  return {
    reopenWindowHours: patch.reopenWindowHours ?? current.reopenWindowHours,
    noteRules: { ...current.noteRules, ...patch.noteRules },
  };
}

export const reopenWindowMs = (s: WorkspaceSettings): number => s.reopenWindowHours * 60 * 60 * 1000;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

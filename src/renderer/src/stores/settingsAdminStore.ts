// The admin sections of Ajustes: which section is shown, and the settings.* calls. The session
// (`session.get`) stays the one truth: a change shows at once (applyLocal), the core is asked, and the
// session is read again — on success to take the core's answer, on refusal to undo (run() explains why).
import { create } from 'zustand';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { Session } from '../../../shared/entities';
import type { SettingsPatch } from '../../../shared/settings';
import { run } from '../lib/api';
import { useSessionStore } from './sessionStore';

export const SETTINGS_SECTIONS = ['general', 'trays', 'tags', 'dispositions', 'rules'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

type SettingsMethod = Extract<MethodName, `settings.${string}`>;

interface SettingsAdminState {
  section: SettingsSection;
  /** Calls on their way to the core (the footer says "Guardando…"). */
  saving: number;
  /** When the last change was confirmed (the footer says "Cambios guardados"). */
  savedAt: number | null;
  setSection(section: SettingsSection): void;
  saveTray(input: MethodInput<'settings.saveTray'>): Promise<string | null>;
  saveCategory(input: MethodInput<'settings.saveCategory'>): Promise<string | null>;
  saveTag(input: MethodInput<'settings.saveTag'>): Promise<string | null>;
  saveDisposition(input: MethodInput<'settings.saveDisposition'>): Promise<string | null>;
  /** The whole list of a tray's members (session trays carry them as memberIds). */
  setTrayMembers(input: MethodInput<'settings.setTrayMembers'>): Promise<boolean>;
  reorder(entity: 'trays' | 'categories' | 'dispositions', ids: string[], trayId?: string): Promise<boolean>;
  update(patch: SettingsPatch): Promise<boolean>;
  reset(): void;
}

const byIds = <T extends { id: string }>(items: T[], ids: string[]): T[] => {
  const at = new Map(ids.map((id, i) => [id, i]));
  return items.map((x) => ({ ...x, position: at.get(x.id) ?? 0 })).sort((a, b) => a.position - b.position);
};

export const useSettingsAdminStore = create<SettingsAdminState>((set) => {
  /** One settings call: optimistic change, the call, then the session again (which undoes a refusal). */
  async function save<M extends SettingsMethod>(
    method: M,
    input: MethodInput<M>,
    local?: (s: Session) => Session,
  ): Promise<MethodOutput<M> | undefined> {
    const session = useSessionStore.getState();
    if (local) session.applyLocal(local);
    set((s) => ({ saving: s.saving + 1 }));
    const result = await run(method, input);
    await useSessionStore.getState().load();
    set((s) => ({ saving: s.saving - 1, savedAt: result ? Date.now() : s.savedAt }));
    return result;
  }

  return {
    section: 'general',
    saving: 0,
    savedAt: null,
    setSection: (section) => set({ section }),

    async saveTray(input) {
      const r = await save('settings.saveTray', input, (s) =>
        input.trayId
          ? {
              ...s,
              trays: s.trays.map((tr) =>
                tr.id === input.trayId ? { ...tr, name: input.name, team: input.team, active: input.active } : tr,
              ),
            }
          : s,
      );
      return r?.id ?? null;
    },

    async saveCategory(input) {
      const r = await save('settings.saveCategory', input, (s) =>
        input.categoryId
          ? {
              ...s,
              trays: s.trays.map((tr) => ({
                ...tr,
                categories: tr.categories.map((c) =>
                  c.id === input.categoryId ? { ...c, name: input.name, active: input.active } : c,
                ),
              })),
            }
          : s,
      );
      return r?.id ?? null;
    },

    async saveTag(input) {
      const r = await save('settings.saveTag', input, (s) =>
        input.tagId
          ? {
              ...s,
              tags: s.tags.map((tg) => (tg.id === input.tagId ? { ...tg, name: input.name, color: input.color } : tg)),
            }
          : s,
      );
      return r?.id ?? null;
    },

    async saveDisposition(input) {
      const r = await save('settings.saveDisposition', input, (s) =>
        input.dispositionId
          ? {
              ...s,
              dispositions: s.dispositions.map((d) =>
                d.id === input.dispositionId
                  ? { ...d, name: input.name, needsFollowUp: input.needsFollowUp, active: input.active }
                  : d,
              ),
            }
          : s,
      );
      return r?.id ?? null;
    },

    async setTrayMembers(input) {
      const r = await save('settings.setTrayMembers', input, (s) => ({
        ...s,
        trays: s.trays.map((tr) => (tr.id === input.trayId ? { ...tr, memberIds: [...input.agentIds] } : tr)),
      }));
      return Boolean(r);
    },

    async reorder(entity, ids, trayId) {
      const r = await save('settings.reorder', { entity, ids }, (s) => {
        if (entity === 'trays') return { ...s, trays: byIds(s.trays, ids) };
        if (entity === 'dispositions') return { ...s, dispositions: byIds(s.dispositions, ids) };
        return {
          ...s,
          trays: s.trays.map((tr) => (tr.id === trayId ? { ...tr, categories: byIds(tr.categories, ids) } : tr)),
        };
      });
      return Boolean(r);
    },

    async update(patch) {
      const r = await save('settings.update', { patch }, (s) => ({
        ...s,
        settings: {
          reopenWindowHours: patch.reopenWindowHours ?? s.settings.reopenWindowHours,
          noteRules: { ...s.settings.noteRules, ...patch.noteRules },
        },
      }));
      return Boolean(r);
    },

    reset: () => set({ section: 'general', saving: 0, savedAt: null }),
  };
});

/** Moves the item `id` one place up (-1) or down (+1); null when it is already at that end. */
export function moved(ids: string[], id: string, delta: -1 | 1): string[] | null {
  const i = ids.indexOf(id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= ids.length) return null;
  const next = [...ids];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

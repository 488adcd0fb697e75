// Who I am and the workspace's reference data (agents, trays, channels, tags, dispositions, settings) from
// `session.get`, with lookup maps so rows can resolve ids without scanning arrays. It is the one source of
// truth for names: after a settings change, or when a sync round brings new reference data, `load()` runs
// again and every screen shows the new names at once. Trays, categories and dispositions come sorted by
// position, inactive ones included (old closures still name them; pickers show the active ones).
import { create } from 'zustand';
import type { Agent, Category, Disposition, Session, Tag, Tray } from '../../../shared/entities';
import { call } from '../lib/api';

interface SessionState {
  session: Session | null;
  error: unknown;
  agentsById: Map<string, Agent>;
  traysById: Map<string, Tray>;
  categoriesById: Map<string, Category>;
  tagsById: Map<string, Tag>;
  dispositionsById: Map<string, Disposition>;
  load(): Promise<void>;
  /** Shows a change at once (a rename, a new order) while the core confirms it; `load()` then takes over. */
  applyLocal(change: (session: Session) => Session): void;
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

function derive(raw: Session): Omit<SessionState, 'error' | 'load' | 'applyLocal'> {
  const trays = [...raw.trays]
    .sort(byPosition)
    .map((tr) => ({ ...tr, categories: [...tr.categories].sort(byPosition) }));
  const dispositions = [...raw.dispositions].sort(byPosition);
  const session = { ...raw, trays, dispositions };
  return {
    session,
    agentsById: new Map(session.agents.map((a) => [a.id, a])),
    traysById: new Map(trays.map((tr) => [tr.id, tr])),
    categoriesById: new Map(trays.flatMap((tr) => tr.categories.map((c) => [c.id, c] as const))),
    tagsById: new Map(session.tags.map((tg) => [tg.id, tg])),
    dispositionsById: new Map(dispositions.map((d) => [d.id, d])),
  };
}

// Loads may overlap (a settings save and a sync round): only the newest answer is applied.
let generation = 0;

export const useSessionStore = create<SessionState>((set, get) => ({
  session: null,
  error: null,
  agentsById: new Map(),
  traysById: new Map(),
  categoriesById: new Map(),
  tagsById: new Map(),
  dispositionsById: new Map(),
  async load() {
    const gen = ++generation;
    try {
      const session = await call('session.get', {});
      if (gen !== generation) return;
      set({ ...derive(session), error: null });
    } catch (error) {
      if (gen === generation) set({ error });
    }
  },
  applyLocal(change) {
    const current = get().session;
    if (current) set(derive(change(current)));
  },
}));

export type Role = Session['me']['role'];
/** Settings are admin-only (the core and the server refuse them to anyone else with errors.adminOnly). */
export const isAdmin = (role: Role | undefined): boolean => role === 'admin';
/** The weekly closure review (guide §8) is for supervisors and admins. */
export const canReview = (role: Role | undefined): boolean => role === 'admin' || role === 'supervisor';

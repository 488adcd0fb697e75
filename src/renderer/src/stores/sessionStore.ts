// Who I am and the workspace's reference data (agents, trays, channels, tags) from `session.get`,
// with lookup maps so rows can resolve ids without scanning arrays.
import { create } from 'zustand';
import type { Agent, Category, Session, Tag, Tray } from '../../../shared/entities';
import { call } from '../lib/api';

interface SessionState {
  session: Session | null;
  error: unknown;
  agentsById: Map<string, Agent>;
  traysById: Map<string, Tray>;
  categoriesById: Map<string, Category>;
  tagsById: Map<string, Tag>;
  load(): Promise<void>;
}

export const useSessionStore = create<SessionState>((set) => ({
  session: null,
  error: null,
  agentsById: new Map(),
  traysById: new Map(),
  categoriesById: new Map(),
  tagsById: new Map(),
  async load() {
    try {
      const session = await call('session.get', {});
      const trays = [...session.trays].sort((a, b) => a.position - b.position);
      trays.forEach((tr) => tr.categories.sort((a, b) => a.position - b.position));
      set({
        session: { ...session, trays },
        error: null,
        agentsById: new Map(session.agents.map((a) => [a.id, a])),
        traysById: new Map(trays.map((tr) => [tr.id, tr])),
        categoriesById: new Map(trays.flatMap((tr) => tr.categories.map((c) => [c.id, c] as const))),
        tagsById: new Map(session.tags.map((tg) => [tg.id, tg])),
      });
    } catch (error) {
      set({ error });
    }
  },
}));

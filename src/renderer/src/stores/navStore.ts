// Where the agent is looking: the screen of column 2 (the conversation list, Mis tareas or the closure
// review), the view (Mías, a tray, a tag…), status tab and combinable filters.
import { create } from 'zustand';
import type { ListFilters, View } from '../../../shared/contract';
import type { Status } from '../../../shared/domain';

/** What column 2 shows: the conversations of `view`, "Mis tareas", or the supervisors' closure review. */
export type Screen = 'inbox' | 'tasks' | 'review';

interface NavState {
  screen: Screen;
  view: View;
  status: Status;
  filters: ListFilters;
  expandedTrays: Set<string>;
  setScreen(screen: Screen): void;
  setView(view: View): void;
  setStatus(status: Status): void;
  setFilters(filters: ListFilters): void;
  toggleTray(trayId: string): void;
}

export const useNavStore = create<NavState>((set) => ({
  screen: 'inbox',
  view: { kind: 'mine' },
  status: 'open',
  filters: {},
  expandedTrays: new Set(),
  setScreen: (screen) => set({ screen }),
  // Picking a view or a status always means the conversation list.
  setView: (view) => set({ view, screen: 'inbox' }),
  setStatus: (status) => set({ status, screen: 'inbox' }),
  setFilters: (filters) => set({ filters }),
  toggleTray: (trayId) =>
    set((s) => {
      const next = new Set(s.expandedTrays);
      if (next.has(trayId)) next.delete(trayId);
      else next.add(trayId);
      return { expandedTrays: next };
    }),
}));

export function sameView(a: View, b: View): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function hasFilters(f: ListFilters): boolean {
  return Boolean(f.channels?.length || f.assignees?.length || f.tagIds?.length);
}

// Where the agent is looking: view (Mías, a tray, a tag…), status tab and combinable filters.
import { create } from 'zustand';
import type { ListFilters, View } from '../../../shared/contract';
import type { Status } from '../../../shared/domain';

interface NavState {
  view: View;
  status: Status;
  filters: ListFilters;
  expandedTrays: Set<string>;
  setView(view: View): void;
  setStatus(status: Status): void;
  setFilters(filters: ListFilters): void;
  toggleTray(trayId: string): void;
}

export const useNavStore = create<NavState>((set) => ({
  view: { kind: 'mine' },
  status: 'open',
  filters: {},
  expandedTrays: new Set(),
  setView: (view) => set({ view }),
  setStatus: (status) => set({ status }),
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

// Column 2: the loaded rows of the current view (keyset pages), the keyboard cursor and the
// multi-selection. Rows are a projection of `conversations.list`. A change to known conversations
// re-reads just those and places them with the core's own rule (shared/list-match), so one change
// costs one read however deep the agent has scrolled; an unspecific change re-reads the loaded pages.
import { create } from 'zustand';
import type { ConversationSummary } from '../../../shared/entities';
import { call } from '../lib/api';
import { listOrderFor, matchesListQuery } from '../../../shared/list-match';
import { useNavStore } from './navStore';
import { useSessionStore } from './sessionStore';
import { useUiStore } from './uiStore';

const PAGE = 50;
const MAX_PAGE = 200;

interface ListState {
  rows: ConversationSummary[];
  nextCursor: string | null;
  loading: boolean;
  loaded: boolean;
  cursorId: string | null;
  selected: Set<string>;
  anchorId: string | null;
  reload(): Promise<void>;
  refresh(): Promise<void>;
  /** Re-read these conversations and move, insert or drop their rows. */
  patch(conversationIds: string[]): Promise<void>;
  loadMore(): Promise<void>;
  setCursor(id: string | null): void;
  toggle(id: string): void;
  selectRange(toId: string): void;
  selectAllLoaded(): void;
  clearSelection(): void;
  /** Signed out or another agent: forget every row, and drop answers still on their way. */
  reset(): void;
}

// Each request carries the generation it was made for; a stale answer for an old view is dropped.
let generation = 0;
// Ids already in `rows`, kept beside the store so appending a page costs the page, not the whole list
// (a row that moved while paging could otherwise appear twice).
let loadedIds = new Set<string>();

function query() {
  const { view, status, filters } = useNavStore.getState();
  return { view, status, filters };
}

export const useListStore = create<ListState>((set, get) => ({
  rows: [],
  nextCursor: null,
  loading: false,
  loaded: false,
  cursorId: null,
  selected: new Set(),
  anchorId: null,

  /** New view/status/filters: start from the top with an empty selection. */
  async reload() {
    const gen = ++generation;
    set({ loading: true, loaded: false, rows: [], nextCursor: null, selected: new Set(), anchorId: null });
    try {
      const page = await call('conversations.list', { ...query(), limit: PAGE });
      if (gen !== generation) return;
      loadedIds = new Set(page.items.map((r) => r.id));
      set({
        rows: page.items,
        nextCursor: page.nextCursor,
        loading: false,
        loaded: true,
        cursorId: page.items[0]?.id ?? null,
      });
    } catch (err) {
      if (gen !== generation) return;
      set({ loading: false, loaded: true });
      useUiStore.getState().pushError(err);
    }
  },

  /** Same view, data changed: re-read as many rows as are loaded, keep cursor and selection. */
  async refresh() {
    const gen = ++generation;
    const want = Math.max(PAGE, get().rows.length);
    const rows: ConversationSummary[] = [];
    let cursor: string | null = null;
    try {
      do {
        const page: { items: ConversationSummary[]; nextCursor: string | null } = await call('conversations.list', {
          ...query(),
          limit: Math.min(MAX_PAGE, want - rows.length),
          ...(cursor ? { cursor } : {}),
        });
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && rows.length < want);
      if (gen !== generation) return;
      const ids = new Set(rows.map((r) => r.id));
      loadedIds = ids;
      const selected = new Set([...get().selected].filter((id) => ids.has(id)));
      set({ rows, nextCursor: cursor, selected, loaded: true });
    } catch {
      // A failed background refresh keeps the last good rows; the action that caused it reported.
    }
  },

  async patch(conversationIds) {
    const meId = useSessionStore.getState().session?.me.id;
    if (!meId || conversationIds.length === 0) return get().refresh();
    const gen = generation;
    const ids = new Set(conversationIds);
    // A conversation that no longer exists comes back as an error: its row simply goes.
    const fresh = await Promise.all(conversationIds.map((id) => call('conversations.get', { id }).catch(() => null)));
    if (gen !== generation) return;
    const q = query();
    const { nextCursor } = get();
    const rows = get().rows.filter((r) => !ids.has(r.id));
    const tail = rows[rows.length - 1];
    const compareListOrder = listOrderFor(q.status);
    for (const c of fresh) {
      if (!c || !matchesListQuery(c, q, meId)) continue;
      // Past the loaded tail it belongs to a page not read yet: loadMore will bring it in order.
      if (nextCursor && tail && compareListOrder(c, tail) > 0) continue;
      let at = rows.findIndex((r) => compareListOrder(c, r) < 0);
      if (at < 0) at = rows.length;
      rows.splice(at, 0, c);
    }
    loadedIds = new Set(rows.map((r) => r.id));
    const selected = new Set([...get().selected].filter((id) => loadedIds.has(id)));
    set({ rows, selected });
  },

  async loadMore() {
    const { nextCursor, loading } = get();
    if (!nextCursor || loading) return;
    const gen = generation;
    set({ loading: true });
    try {
      const page = await call('conversations.list', { ...query(), cursor: nextCursor, limit: PAGE });
      if (gen !== generation) return;
      const fresh = page.items.filter((r) => !loadedIds.has(r.id));
      for (const r of fresh) loadedIds.add(r.id);
      set((s) => ({
        rows: s.rows.concat(fresh),
        nextCursor: page.nextCursor,
        loading: false,
      }));
    } catch (err) {
      if (gen === generation) set({ loading: false });
      useUiStore.getState().pushError(err);
    }
  },

  setCursor: (id) => set({ cursorId: id }),

  toggle(id) {
    const selected = new Set(get().selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    set({ selected, anchorId: id });
  },

  selectRange(toId) {
    const { rows, anchorId } = get();
    const from = rows.findIndex((r) => r.id === (anchorId ?? toId));
    const to = rows.findIndex((r) => r.id === toId);
    if (from < 0 || to < 0) return get().toggle(toId);
    const [lo, hi] = from < to ? [from, to] : [to, from];
    const selected = new Set(get().selected);
    rows.slice(lo, hi + 1).forEach((r) => selected.add(r.id));
    set({ selected, anchorId: toId });
  },

  selectAllLoaded() {
    const { rows, selected } = get();
    const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
    set({ selected: all ? new Set() : new Set(rows.map((r) => r.id)) });
  },

  clearSelection: () => set({ selected: new Set(), anchorId: null }),

  reset() {
    generation += 1;
    loadedIds = new Set();
    set({
      rows: [],
      nextCursor: null,
      loading: false,
      loaded: false,
      cursorId: null,
      selected: new Set(),
      anchorId: null,
    });
  },
}));

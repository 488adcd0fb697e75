// "Revisión de cierres" (guide §8, supervisors and admins): the resolved cycles of a period from
// `reviews.closures`, filtered by agent, tray, disposition, justification (or none) and "sin respuesta".
// The summary line is the core's `totals` for the whole filtered period; the list itself reads pages as
// the agent scrolls. Every filter change starts again from the newest closure.
import { format } from 'date-fns';
import { create } from 'zustand';
import type { ClosureFilters, MethodOutput } from '../../../shared/contract';
import type { ClosureItem } from '../../../shared/entities';
import { call } from '../lib/api';
import { periodRange, type Period } from '../lib/period';
import { useUiStore } from './uiStore';

const PAGE = 100;

export type ReviewFilters = Omit<ClosureFilters, 'from' | 'to'>;
export type ReviewTotals = MethodOutput<'reviews.closures'>['totals'];

interface ReviewState {
  filters: ReviewFilters;
  period: Period;
  custom: { from: string; to: string };
  items: ClosureItem[];
  /** The whole filtered period (every page), for the summary; null until the first page answers. */
  totals: ReviewTotals | null;
  nextCursor: string | null;
  loading: boolean;
  loaded: boolean;
  cursorKey: string | null;
  setFilters(patch: Partial<ReviewFilters>): void;
  clearFilters(): void;
  setPeriod(period: Period): void;
  setCustom(custom: { from: string; to: string }): void;
  reload(): Promise<void>;
  /** Same query, data changed (something was resolved): read again as many as are loaded. */
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  setCursor(key: string | null): void;
  reset(): void;
}

export const closureKey = (c: ClosureItem) => `${c.conversationId}:${c.cycle}`;

type ReviewData = Pick<
  ReviewState,
  'filters' | 'period' | 'custom' | 'items' | 'totals' | 'nextCursor' | 'loading' | 'loaded' | 'cursorKey'
>;

/** What the screen starts from, and goes back to on reset() (fresh objects each time). */
const initial = (): ReviewData => ({
  filters: {},
  period: 'thisWeek',
  custom: { from: '', to: '' },
  items: [],
  totals: null,
  nextCursor: null,
  loading: false,
  loaded: false,
  cursorKey: null,
});

let generation = 0;

function query(s: Pick<ReviewState, 'filters' | 'period' | 'custom'>): ClosureFilters {
  const range = periodRange(s.period, Date.now(), s.custom);
  const f: ClosureFilters = { ...range };
  for (const [k, v] of Object.entries(s.filters) as [keyof ReviewFilters, unknown][]) {
    if (v !== undefined && v !== '' && v !== false) Object.assign(f, { [k]: v });
  }
  return f;
}

export const useReviewStore = create<ReviewState>((set, get) => {
  /** Reads pages from `cursor` until `until` rows are loaded or none are left; the totals come with each. */
  const fill = async (gen: number, start: ClosureItem[], cursor: string | null, until: number) => {
    const filters = query(get());
    let items = start;
    let next = cursor;
    do {
      const page = await call('reviews.closures', {
        filters,
        limit: PAGE,
        ...(next ? { cursor: next } : {}),
      });
      if (gen !== generation) return;
      const have = new Set(items.map(closureKey));
      items = items.concat(page.items.filter((c) => !have.has(closureKey(c))));
      next = page.nextCursor;
      set({ items, totals: page.totals, nextCursor: next, loaded: true });
    } while (next && items.length < until);
  };

  const run = async (gen: number, start: ClosureItem[], cursor: string | null, until: number) => {
    set({ loading: true });
    try {
      await fill(gen, start, cursor, until);
    } catch (err) {
      if (gen === generation) useUiStore.getState().pushError(err);
    } finally {
      if (gen === generation) set({ loading: false, loaded: true });
    }
  };

  return {
    ...initial(),

    setFilters(patch) {
      set((s) => ({ filters: { ...s.filters, ...patch } }));
      void get().reload();
    },
    clearFilters() {
      set({ filters: {} });
      void get().reload();
    },
    setPeriod(period) {
      // "Personalizado" starts from this week, so the two dates are there to adjust rather than to type.
      if (period === 'custom' && !get().custom.from && !get().custom.to) {
        const now = Date.now();
        set({
          custom: {
            from: format(periodRange('thisWeek', now, get().custom).from ?? now, 'yyyy-MM-dd'),
            to: format(now, 'yyyy-MM-dd'),
          },
        });
      }
      set({ period });
      void get().reload();
    },
    setCustom(custom) {
      set({ custom });
      if (get().period === 'custom') void get().reload();
    },

    async reload() {
      const gen = ++generation;
      set({ items: [], totals: null, nextCursor: null, loaded: false, cursorKey: null });
      await run(gen, [], null, PAGE);
    },

    async refresh() {
      // While pages are being read they read the new data anyway; a refresh would only cut them short.
      if (!get().loaded || get().loading) return;
      const gen = ++generation;
      const want = Math.max(PAGE, get().items.length);
      try {
        const filters = query(get());
        let items: ClosureItem[] = [];
        let totals: ReviewTotals | null = null;
        let next: string | null = null;
        do {
          const page: MethodOutput<'reviews.closures'> = await call('reviews.closures', {
            filters,
            limit: Math.min(200, want - items.length),
            ...(next ? { cursor: next } : {}),
          });
          if (gen !== generation) return;
          items = items.concat(page.items);
          totals = page.totals;
          next = page.nextCursor;
        } while (next && items.length < want);
        if (gen !== generation) return;
        const seen = new Set<string>();
        items = items.filter((c) => !seen.has(closureKey(c)) && Boolean(seen.add(closureKey(c))));
        set({ items, totals, nextCursor: next });
      } catch {
        // A background refresh keeps the last good rows.
      }
    },

    async loadMore() {
      const { nextCursor, loading, items } = get();
      if (!nextCursor || loading) return;
      await run(generation, items, nextCursor, items.length + PAGE);
    },

    setCursor: (cursorKey) => set({ cursorKey }),

    reset() {
      generation += 1;
      set(initial());
    },
  };
});

// Command palette (Ctrl/⌘+K): open state, query and the conversation search results.
import { create } from 'zustand';
import type { ConversationSummary } from '../../../shared/entities';
import { call } from '../lib/api';
import { debounce } from '../lib/debounce';

interface PaletteState {
  open: boolean;
  query: string;
  results: ConversationSummary[];
  searching: boolean;
  setOpen(open: boolean): void;
  setQuery(query: string): void;
}

let seq = 0;

const search = debounce(async (query: string) => {
  const mine = ++seq;
  try {
    const results = await call('conversations.search', { query, limit: 8 });
    if (mine === seq) usePaletteStore.setState({ results, searching: false });
  } catch {
    if (mine === seq) usePaletteStore.setState({ results: [], searching: false });
  }
}, 120);

export const usePaletteStore = create<PaletteState>((set) => ({
  open: false,
  query: '',
  results: [],
  searching: false,
  setOpen: (open) => set(open ? { open, query: '', results: [] } : { open }),
  setQuery(query) {
    set({ query });
    if (query.trim().length === 0) {
      seq++;
      search.cancel();
      set({ results: [], searching: false });
    } else {
      set({ searching: true });
      search(query.trim());
    }
  },
}));

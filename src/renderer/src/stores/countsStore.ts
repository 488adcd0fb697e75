// Live counts for column 1 and the status tabs (`conversations.counts`). Refreshes are coalesced so a
// burst of data.changed events costs one call.
import { create } from 'zustand';
import type { View } from '../../../shared/contract';
import type { Counts, StatusCounts } from '../../../shared/entities';
import { call } from '../lib/api';
import { coalesced } from '../lib/coalesce';

interface CountsState {
  counts: Counts | null;
  refresh(): Promise<void>;
}

export const useCountsStore = create<CountsState>((set) => ({
  counts: null,
  refresh: coalesced(async () => {
    try {
      set({ counts: await call('conversations.counts', {}) });
    } catch {
      // Counts are decoration; the next data.changed retries. Errors on actions are reported there.
    }
  }),
}));

export function countsForView(counts: Counts | null, view: View): StatusCounts | undefined {
  if (!counts) return undefined;
  switch (view.kind) {
    case 'mine':
    case 'unassigned':
    case 'all':
      return counts.views[view.kind];
    case 'tray':
      return counts.trays[view.trayId];
    case 'category':
      return counts.categories[view.categoryId];
    case 'tag':
      return counts.tags[view.tagId];
  }
}

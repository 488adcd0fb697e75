// Changes the server refused and the agent has not acknowledged yet (sync.rejections), newest first:
// the thread shows those of the open conversation, the list marks rows that have one. Re-read after
// sync.changed and data.changed (coalesced); "Entendido" dismisses at once and tells the core.
import { create } from 'zustand';
import type { SyncRejectionItem } from '../../../shared/auth';
import { call } from '../lib/api';
import { coalesced } from '../lib/coalesce';
import { useUiStore } from './uiStore';

interface RejectionsState {
  items: SyncRejectionItem[];
  /** Conversations with at least one refusal: a cheap lookup for list rows. */
  conversationIds: ReadonlySet<string>;
  refresh(): Promise<void>;
  dismiss(mutationId: number): Promise<void>;
  reset(): void;
}

// Bumped by reset(): an answer read for the previous session is dropped.
let generation = 0;

function withItems(items: SyncRejectionItem[]) {
  return {
    items,
    conversationIds: new Set(items.flatMap((r) => (r.conversationId ? [r.conversationId] : []))),
  };
}

export const useRejectionsStore = create<RejectionsState>((set, get) => ({
  ...withItems([]),
  refresh: coalesced(async () => {
    const gen = generation;
    try {
      const { items } = await call('sync.rejections', {});
      if (gen === generation) set(withItems(items));
    } catch {
      // Decoration of the thread and the list; the next event retries.
    }
  }),
  async dismiss(mutationId) {
    const before = get().items;
    set(withItems(before.filter((r) => r.mutationId !== mutationId)));
    try {
      await call('sync.dismissRejection', { mutationId });
    } catch (err) {
      // Put it back: the refusal is still recorded in the core.
      set(withItems(before));
      useUiStore.getState().pushError(err);
    }
  },
  reset() {
    generation += 1;
    set(withItems([]));
  },
}));

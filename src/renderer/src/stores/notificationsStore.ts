// In-app notifications (mentions, assignments, due snoozes, follow-ups and tasks): the newest ones and the
// unread count from `notifications.list`, refreshed on `notifications.changed`. Each item carries its
// conversation's contact name, so the list needs no other read.
import { create } from 'zustand';
import type { NotificationItem } from '../../../shared/entities';
import { call, run } from '../lib/api';
import { coalesced } from '../lib/coalesce';

const LIMIT = 50;

interface NotificationsState {
  items: NotificationItem[];
  unread: number;
  loaded: boolean;
  open: boolean;
  load(): Promise<void>;
  /** The core said the list changed: the count at once, the list right after. */
  changed(unread: number): void;
  setOpen(open: boolean): void;
  markRead(ids: string[]): Promise<void>;
  markAllRead(): Promise<void>;
  reset(): void;
}

// Bumped by a local change (marking read) or reset(): a list read before it is dropped.
let generation = 0;

export const useNotificationsStore = create<NotificationsState>((set, get) => ({
  items: [],
  unread: 0,
  loaded: false,
  open: false,

  load: coalesced(async () => {
    const gen = generation;
    try {
      const { items, unread } = await call('notifications.list', { limit: LIMIT });
      if (gen !== generation) return;
      set({ items, unread, loaded: true });
    } catch {
      if (gen === generation) set({ loaded: true });
    }
  }),

  changed(unread) {
    set({ unread });
    void get().load();
  },

  setOpen: (open) => set({ open }),

  async markRead(ids) {
    const fresh = ids.filter((id) => get().items.some((n) => n.id === id && n.readAt === null));
    if (fresh.length === 0) return;
    const now = Date.now();
    generation += 1;
    set((s) => ({
      items: s.items.map((n) => (fresh.includes(n.id) ? { ...n, readAt: now } : n)),
      unread: Math.max(0, s.unread - fresh.length),
    }));
    const result = await run('notifications.markRead', { ids: fresh });
    if (result) set({ unread: result.unread });
    else void get().load();
  },

  async markAllRead() {
    const now = Date.now();
    generation += 1;
    set((s) => ({ items: s.items.map((n) => (n.readAt === null ? { ...n, readAt: now } : n)), unread: 0 }));
    const result = await run('notifications.markRead', { all: true });
    if (result) set({ unread: result.unread });
    else void get().load();
  },

  reset() {
    generation += 1;
    set({ items: [], unread: 0, loaded: false, open: false });
  },
}));

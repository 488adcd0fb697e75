// The dock / taskbar badge: how many open conversations are assigned to me (issue 5). Re-read from the
// core's live counts after data changes, coalesced, so a burst of sync rows costs one count.
import { app } from 'electron';
import type { Core } from '../core';
import type { Counts } from '../shared';

const COALESCE_MS = 300;

export function trackBadge(core: Core): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const update = async () => {
    timer = null;
    const res = await core.dispatch('conversations.counts', {});
    // Signed out (no workspace): no badge.
    const mine = res.ok ? (res.value as Counts).views.mine.open : 0;
    app.setBadgeCount(mine);
  };
  const schedule = () => {
    timer ??= setTimeout(() => void update(), COALESCE_MS);
  };
  const unsubscribe = core.subscribe((event) => {
    if (event === 'data.changed' || event === 'auth.changed') schedule();
  });
  schedule();
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

// Bridges core events to the stores: data.changed → counts / list / open conversation / refusals;
// sync.changed with a different number of refusals → refusals; prefs.changed → prefs. Events are
// coalesced per animation frame so a burst of changes costs one refetch.
import { useEffect } from 'react';
import { getTransport } from '../transport';
import { useConversationStore } from '../stores/conversationStore';
import { useCountsStore } from '../stores/countsStore';
import { useListStore } from '../stores/listStore';
import { usePrefsStore } from '../stores/prefsStore';
import { useRejectionsStore } from '../stores/rejectionsStore';

export function useDataEvents(): void {
  useEffect(() => {
    const transport = getTransport();
    let pendingCounts = false;
    let pendingIds: Set<string> | null = null;
    let everything = false;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = () => {
      timer = null;
      if (pendingCounts) void useCountsStore.getState().refresh();
      // Known conversations are re-read and placed one by one; an unspecific change re-reads the pages.
      if (everything || !pendingIds) void useListStore.getState().refresh();
      else void useListStore.getState().patch([...pendingIds]);
      const openId = useConversationStore.getState().openId;
      if (openId && (everything || pendingIds?.has(openId))) void useConversationStore.getState().refresh();
      // A refused change is rolled back as a data change: its explanation is read with it.
      void useRejectionsStore.getState().refresh();
      pendingCounts = false;
      pendingIds = null;
      everything = false;
    };

    const offData = transport.subscribe('data.changed', (p) => {
      pendingCounts ||= p.counts;
      if (p.conversationIds.length === 0) everything = true;
      pendingIds ??= new Set();
      p.conversationIds.forEach((id) => pendingIds?.add(id));
      timer ??= setTimeout(flush, 16);
    });
    const offPrefs = transport.subscribe('prefs.changed', (prefs) => usePrefsStore.getState().apply(prefs));
    // Every local change and every round emits sync.changed; only a new or dismissed refusal needs a read.
    let rejections: number | null = null;
    const offSync = transport.subscribe('sync.changed', (status) => {
      if (status.rejections !== rejections) void useRejectionsStore.getState().refresh();
      rejections = status.rejections;
    });
    return () => {
      offData();
      offPrefs();
      offSync();
      if (timer) clearTimeout(timer);
    };
  }, []);
}

// Bridges core events to the stores: data.changed → counts / list / open conversation / refusals / Mis
// tareas / the closure review, and the session again when reference data changed (names of trays, tags,
// dispositions, settings); sync.changed with a different number of refusals → refusals; prefs.changed →
// prefs; notifications.changed → the bell. Events are coalesced so a burst of changes costs one refetch.
import { useEffect } from 'react';
import { getTransport } from '../transport';
import { useConversationStore } from '../stores/conversationStore';
import { useCountsStore } from '../stores/countsStore';
import { useListStore } from '../stores/listStore';
import { useNavStore } from '../stores/navStore';
import { useNotificationsStore } from '../stores/notificationsStore';
import { usePrefsStore } from '../stores/prefsStore';
import { useRejectionsStore } from '../stores/rejectionsStore';
import { useReviewStore } from '../stores/reviewStore';
import { useSessionStore } from '../stores/sessionStore';
import { useTasksStore } from '../stores/tasksStore';

/** Reasons of a data.changed that carry reference data (settings saved here, or pulled by a sync round). */
const REFERENCE_REASONS = new Set(['sync.reference', 'reference']);

export function useDataEvents(): void {
  useEffect(() => {
    const transport = getTransport();
    let pendingCounts = false;
    let pendingIds: Set<string> | null = null;
    let everything = false;
    let reference = false;
    let synced = false;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = () => {
      timer = null;
      // New names first: rows and counts that follow resolve their ids against them.
      if (reference) void useSessionStore.getState().load();
      if (pendingCounts) void useCountsStore.getState().refresh();
      // Known conversations are re-read and placed one by one; an unspecific change re-reads the pages.
      if (everything || !pendingIds) void useListStore.getState().refresh();
      else void useListStore.getState().patch([...pendingIds]);
      const openId = useConversationStore.getState().openId;
      if (openId && (everything || pendingIds?.has(openId))) void useConversationStore.getState().refresh();
      // A refused change is rolled back as a data change: its explanation is read with it.
      void useRejectionsStore.getState().refresh();
      // Tasks change with conversations (a task created in details, a merge, a sync round): a cheap local read.
      void useTasksStore.getState().load();
      // A resolution (or a refused one) changes the counts; the review re-reads only while it is shown.
      if (pendingCounts && useNavStore.getState().screen === 'review') void useReviewStore.getState().refresh();
      // Pulled rows may notify (a mention, an assignment). notifications.changed says so too, but only when the
      // core's own count moved; a read of the list after each sync round never misses one.
      if (synced) void useNotificationsStore.getState().load();
      pendingCounts = false;
      pendingIds = null;
      everything = false;
      reference = false;
      synced = false;
    };

    const offData = transport.subscribe('data.changed', (p) => {
      pendingCounts ||= p.counts;
      reference ||= REFERENCE_REASONS.has(p.reason);
      synced ||= p.reason.startsWith('sync');
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
    const offNotifications = transport.subscribe('notifications.changed', ({ unread }) =>
      useNotificationsStore.getState().changed(unread),
    );
    return () => {
      offData();
      offPrefs();
      offSync();
      offNotifications();
      if (timer) clearTimeout(timer);
    };
  }, []);
}

// Desktop notices (issue 5) and the window title, for both shells. In the browser the headless host sends
// `host.notify` and this shows it with the web Notification API (tag = the notice's id, and each id once
// per window, so a repeat never shows twice); when notices are not allowed it becomes a toast instead, so
// nothing is missed while the window is open. Clicking one focuses the window, opens the conversation and
// marks the in-app notification read. In Electron the notice is native and its click arrives as
// `shell.openConversation`. The title reads "(3) Bandeja" with my open conversations ("Bandeja" at zero).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopNotice } from '../../../shared/contract';
import { i18next } from '../i18n';
import { useConversationStore } from '../stores/conversationStore';
import { useCountsStore } from '../stores/countsStore';
import { readPermission, useDesktopNoticeStore } from '../stores/desktopNoticeStore';
import { useListStore } from '../stores/listStore';
import { useNotificationsStore } from '../stores/notificationsStore';
import { useUiStore } from '../stores/uiStore';
import { getTransport } from '../transport';

/** Ids already shown by this window (the core sends each once; a reconnect or a second wake must not repeat). */
const shown = new Set<string>();

/** Brings up the conversation a notice is about; its in-app notification counts as read. */
export function openFromNotice(conversationId: string, noticeId?: string): void {
  useListStore.getState().setCursor(conversationId);
  void useConversationStore.getState().open(conversationId);
  if (noticeId) {
    const notifications = useNotificationsStore.getState();
    void notifications.load().then(() => useNotificationsStore.getState().markRead([noticeId]));
  }
}

function show(notice: DesktopNotice): void {
  if (shown.has(notice.id)) return;
  shown.add(notice.id);
  if (readPermission() === 'granted') {
    try {
      const n = new Notification(notice.title, { body: notice.body, tag: notice.id });
      n.onclick = () => {
        window.focus();
        n.close();
        if (notice.conversationId) openFromNotice(notice.conversationId, notice.id);
      };
      return;
    } catch {
      // Some platforms only allow notices from a service worker: the toast below still says it.
    }
  }
  useUiStore.getState().pushInfo(notice.title);
}

export function useDesktopNotices(): void {
  const { t } = useTranslation();
  const mineOpen = useCountsStore((s) => s.counts?.views.mine.open ?? 0);

  useEffect(() => {
    const transport = getTransport();
    const store = useDesktopNoticeStore.getState();
    store.read();
    // The permission may change in the browser's site settings meanwhile.
    const onFocus = () => useDesktopNoticeStore.getState().read();
    window.addEventListener('focus', onFocus);
    const offNotify = transport.subscribe('host.notify', show);
    const offOpen = transport.subscribe('shell.openConversation', ({ conversationId }) =>
      openFromNotice(conversationId),
    );
    return () => {
      window.removeEventListener('focus', onFocus);
      offNotify();
      offOpen();
    };
  }, []);

  useEffect(() => {
    document.title = mineOpen > 0 ? t('reminders.docTitle', { count: mineOpen, app: t('app.name') }) : t('app.name');
  }, [mineOpen, t]);
  // Signed out: no count of somebody's conversations stays in the title.
  useEffect(() => () => void (document.title = i18next.t('app.name')), []);
}

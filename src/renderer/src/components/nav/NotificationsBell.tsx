// The bell at the top of column 1: how many notifications are unread, and a popover with the newest ones
// in words ("Carlos Muñoz te mencionó en María Pérez", "Vence tu tarea «Llamar al cliente»"…). Clicking
// one opens its conversation (or Mis tareas) and marks it read; "Marcar todo como leído" clears the count.
// The popover is non-modal: Escape or a click elsewhere closes it and focus returns to the bell.
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { NotificationItem } from '../../../../shared/entities';
import { useNow } from '../../hooks/useNow';
import { ago, fullDate } from '../../lib/time';
import { useConversationStore } from '../../stores/conversationStore';
import { useNotificationsStore } from '../../stores/notificationsStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useTasksStore } from '../../stores/tasksStore';
import { Avatar } from '../common/Avatar';
import { Icon } from '../common/Icon';
import { openScreen } from '../views/openScreen';

const POPOVER_WIDTH = 380;

/** The sentence and the excerpt of one notification. */
export function notificationText(
  t: TFunction,
  n: NotificationItem,
  actor: string | undefined,
  contact: string | null | undefined,
): { title: string; excerpt: string } {
  const who = contact ?? t('admin.notifications.someConversation');
  const text = n.text.trim();
  switch (n.kind) {
    case 'mention':
      return {
        title: actor
          ? t('admin.notifications.mention', { actor, contact: who })
          : t('admin.notifications.mentionNoActor', { contact: who }),
        excerpt: text,
      };
    case 'assigned':
      return {
        title: actor
          ? t('admin.notifications.assigned', { actor, contact: who })
          : t('admin.notifications.assignedNoActor', { contact: who }),
        excerpt: text,
      };
    case 'snoozeDue':
      return { title: t('admin.notifications.snoozeDue', { contact: who }), excerpt: text };
    case 'followUpDue':
      return { title: t('admin.notifications.followUpDue', { contact: who }), excerpt: text };
    case 'taskDue':
      return {
        title: t('admin.notifications.taskDue', { title: text || t('admin.notifications.aTask') }),
        excerpt: n.conversationId ? who : '',
      };
  }
}

export function NotificationsBell() {
  const { t } = useTranslation();
  const unread = useNotificationsStore((s) => s.unread);
  const open = useNotificationsStore((s) => s.open);
  const setOpen = useNotificationsStore((s) => s.setOpen);
  const bell = useRef<HTMLButtonElement>(null);
  const label = unread > 0 ? t('admin.notifications.bellUnread', { count: unread }) : t('admin.notifications.title');

  const toggle = () => {
    if (!open) void useNotificationsStore.getState().load();
    setOpen(!open);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) bell.current?.focus();
  };

  return (
    <>
      <button
        ref={bell}
        type="button"
        className={`icon-btn bell${unread > 0 ? ' has-unread' : ''}`}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={toggle}
      >
        <Icon name="bell" size={17} />
        {unread > 0 ? (
          <span className="bell-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? <Popover anchor={bell} onClose={close} /> : null}
    </>
  );
}

function Popover({
  anchor,
  onClose,
}: {
  anchor: RefObject<HTMLButtonElement | null>;
  onClose(refocus: boolean): void;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const { items, unread, loaded, markRead, markAllRead } = useNotificationsStore();
  const agentsById = useSessionStore((s) => s.agentsById);
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const place = () => {
      const r = anchor.current?.getBoundingClientRect();
      if (!r) return;
      // Hangs from column 1's left edge, under the bell (which sits at the column's right).
      const left = Math.max(8, Math.min(r.right - POPOVER_WIDTH, window.innerWidth - POPOVER_WIDTH - 8));
      setPos({ top: r.bottom + 6, left });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor]);

  // Focus moves in once; a click outside (not on the bell, which toggles) closes.
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('.notif-item, button')?.focus();
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node;
      if (ref.current?.contains(target) || anchor.current?.contains(target)) return;
      onClose(false);
    };
    // Escape closes it wherever focus is (e.g. on the body, after "Marcar todo como leído" got disabled).
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onClose(true);
    };
    document.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onEscape);
    };
    // Only on open: later list updates must not steal focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const activate = (n: NotificationItem) => {
    void markRead([n.id]);
    onClose(false);
    if (n.conversationId) {
      void useConversationStore.getState().open(n.conversationId);
    } else if (n.taskId) {
      useTasksStore.getState().setCursor(n.taskId);
      openScreen('tasks');
    }
  };

  const move = (delta: 1 | -1) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('.notif-item') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    buttons[Math.max(0, Math.min(buttons.length - 1, i + delta))]?.focus();
  };

  return createPortal(
    <div
      ref={ref}
      className="notif-popover"
      role="dialog"
      aria-label={t('admin.notifications.title')}
      tabIndex={-1}
      style={pos ? { top: pos.top, left: pos.left, width: POPOVER_WIDTH } : { visibility: 'hidden' }}
      onKeyDown={(e) => {
        // The inbox's single-key shortcuts (a, m, e…) must not act behind the popover; Ctrl/⌘+K still can.
        if (!e.ctrlKey && !e.metaKey) e.stopPropagation();
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose(true);
        } else if (e.key === 'ArrowDown' || e.key === 'j') {
          e.preventDefault();
          move(1);
        } else if (e.key === 'ArrowUp' || e.key === 'k') {
          e.preventDefault();
          move(-1);
        }
      }}
    >
      <div className="notif-head">
        <h2>{t('admin.notifications.title')}</h2>
        <button
          type="button"
          className="link-btn"
          disabled={unread === 0}
          onClick={() => {
            // The button is about to be disabled: keep focus inside the popover.
            ref.current?.focus();
            void markAllRead();
          }}
        >
          {t('admin.notifications.markAll')}
        </button>
      </div>
      {loaded && items.length === 0 ? (
        <p className="notif-empty">{t('admin.notifications.empty')}</p>
      ) : (
        <ul className="notif-list" aria-label={t('admin.notifications.list')}>
          {items.map((n) => {
            const actor = n.actorId ? agentsById.get(n.actorId) : undefined;
            const { title, excerpt } = notificationText(t, n, actor?.name, n.contactName);
            const isUnread = n.readAt === null;
            return (
              <li key={n.id}>
                <button
                  type="button"
                  className={`notif-item${isUnread ? ' unread' : ''}`}
                  title={fullDate(i18n.language, n.at)}
                  onClick={() => activate(n)}
                >
                  <span className="notif-icon">
                    {actor ? (
                      <Avatar name={actor.name} color={actor.color} size="sm" />
                    ) : (
                      <span className={`notif-kind notif-kind-${n.kind}`}>
                        {n.kind === 'taskDue' ? <Icon name="tasks" size={14} /> : <Icon name="clock" size={14} />}
                      </span>
                    )}
                  </span>
                  <span className="notif-text">
                    <span className="notif-title">{title}</span>
                    {excerpt ? <span className="notif-excerpt">{excerpt}</span> : null}
                    <span className="notif-time">{ago(t, n.at, Math.max(now, n.at))}</span>
                  </span>
                  {isUnread ? (
                    <span className="notif-dot">
                      <span className="visually-hidden">{t('admin.notifications.unread')}</span>
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>,
    document.body,
  );
}

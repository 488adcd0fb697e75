// The scrolling thread: newest at the bottom, older pages load when scrolling near the top while the
// reading position stays put. A conversation that continues an earlier one (the customer wrote after the
// reopen window) starts with that one's history, shown on demand.
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDetail, ThreadItem } from '../../../../shared/entities';
import { useNow } from '../../hooks/useNow';
import { useConversationStore } from '../../stores/conversationStore';
import { useListStore } from '../../stores/listStore';
import { Icon } from '../common/Icon';
import { MessageBubble } from './MessageBubble';
import { NoteCard } from './NoteCard';

/** The customer's messages of the current, open cycle may carry the "needs nothing else" mark. */
function confirmableFor(detail: ConversationDetail | null, item: ThreadItem) {
  if (!detail || detail.status === 'resolved' || item.type !== 'message') return null;
  if (item.direction !== 'inbound' || item.authorKind !== 'contact' || item.createdAt < detail.cycleStartedAt)
    return null;
  return { conversationId: detail.id };
}

export function ThreadMessages() {
  const { t } = useTranslation();
  const now = useNow();
  const { openId, detail, items, olderCursor, loadingOlder, loadOlder } = useConversationStore();
  const ref = useRef<HTMLDivElement>(null);
  const prev = useRef<{ openId: string | null; first?: string; last?: string; height: number }>({
    openId: null,
    height: 0,
  });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const p = prev.current;
    const first = items[0]?.id;
    const last = items[items.length - 1]?.id;
    if (p.openId !== openId || p.last === undefined) {
      el.scrollTop = el.scrollHeight; // new conversation: start at the latest message
    } else if (first !== p.first && last === p.last) {
      el.scrollTop += el.scrollHeight - p.height; // older page prepended: keep what the agent was reading
    } else if (last !== p.last) {
      el.scrollTop = el.scrollHeight; // new message at the bottom
    }
    prev.current = { openId, first, last, height: el.scrollHeight };
  }, [items, openId]);

  return (
    <div
      ref={ref}
      className="thread-scroll"
      onScroll={(e) => {
        if (e.currentTarget.scrollTop < 120 && olderCursor && !loadingOlder) void loadOlder();
      }}
    >
      <div className="thread-inner">
        {!olderCursor && detail?.linkedFromId ? <PreviousHistory previousId={detail.linkedFromId} now={now} /> : null}
        {olderCursor ? (
          <div className="thread-marker">{loadingOlder ? t('thread.loadingOlder') : ''}</div>
        ) : items.length > 0 ? (
          <div className="thread-marker">{t('thread.beginning')}</div>
        ) : null}
        {items.map((item) =>
          item.type === 'note' ? (
            <NoteCard key={item.id} item={item} now={now} />
          ) : (
            <MessageBubble key={item.id} item={item} now={now} confirmable={confirmableFor(detail, item)} />
          ),
        )}
      </div>
    </div>
  );
}

/** "Continúa una conversación anterior": its thread, read-only, above this one's beginning. */
function PreviousHistory({ previousId, now }: { previousId: string; now: number }) {
  const { t } = useTranslation();
  const previous = useConversationStore((s) => s.previous);
  const toggle = useConversationStore((s) => s.togglePrevious);
  const loadOlder = useConversationStore((s) => s.loadOlderPrevious);
  const shown = previous?.id === previousId ? previous : null;
  const openPrevious = () => {
    useListStore.getState().setCursor(previousId);
    void useConversationStore.getState().open(previousId);
  };
  return (
    <section className="previous-history" aria-label={t('guide.linked.region')}>
      <div className="previous-bar">
        <Icon name="history" size={14} />
        <span className="previous-title">{t('guide.linked.title')}</span>
        <button type="button" className="link-btn" aria-expanded={shown !== null} onClick={() => void toggle()}>
          {shown ? t('guide.linked.hide') : t('guide.linked.show')}
        </button>
        <button type="button" className="link-btn" onClick={openPrevious}>
          {t('guide.linked.open')}
        </button>
      </div>
      {shown ? (
        <div className="previous-items" aria-busy={shown.loading}>
          {shown.olderCursor ? (
            <button type="button" className="link-btn previous-more" onClick={() => void loadOlder()}>
              {t('guide.linked.older')}
            </button>
          ) : null}
          {shown.items.map((item) =>
            item.type === 'note' ? (
              <NoteCard key={item.id} item={item} now={now} />
            ) : (
              <MessageBubble key={item.id} item={item} now={now} />
            ),
          )}
          <div className="thread-marker previous-end">{t('guide.linked.end')}</div>
        </div>
      ) : null}
    </section>
  );
}

// The scrolling thread: newest at the bottom, older pages load when scrolling near the top while the
// reading position stays put.
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { useConversationStore } from '../../stores/conversationStore';
import { MessageBubble } from './MessageBubble';
import { NoteCard } from './NoteCard';

export function ThreadMessages() {
  const { t } = useTranslation();
  const now = useNow();
  const { openId, items, olderCursor, loadingOlder, loadOlder } = useConversationStore();
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
        {olderCursor ? (
          <div className="thread-marker">{loadingOlder ? t('thread.loadingOlder') : ''}</div>
        ) : items.length > 0 ? (
          <div className="thread-marker">{t('thread.beginning')}</div>
        ) : null}
        {items.map((item) =>
          item.type === 'note' ? (
            <NoteCard key={item.id} item={item} now={now} />
          ) : (
            <MessageBubble key={item.id} item={item} now={now} />
          ),
        )}
      </div>
    </div>
  );
}

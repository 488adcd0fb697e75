// The virtualized list: only the visible rows (+ overscan) are in the DOM, whatever the total. Pages
// load as the agent scrolls; the scrollbar is sized from counts when no extra filter is active.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { countsForView, useCountsStore } from '../../stores/countsStore';
import { useConversationStore } from '../../stores/conversationStore';
import { useListStore } from '../../stores/listStore';
import { hasFilters, useNavStore } from '../../stores/navStore';
import { EmptyState } from '../common/EmptyState';
import { ConversationRow } from './ConversationRow';

export const ROW_HEIGHT = 78;

export function ConversationList() {
  const { t } = useTranslation();
  const now = useNow();
  const { rows, nextCursor, loaded, cursorId, selected, loadMore, toggle, selectRange, setCursor } = useListStore();
  const { view, status, filters } = useNavStore();
  const counts = useCountsStore((s) => s.counts);
  const openId = useConversationStore((s) => s.openId);
  const open = useConversationStore((s) => s.open);
  const scrollRef = useRef<HTMLDivElement>(null);

  const hint = hasFilters(filters) ? 0 : (countsForView(counts, view)?.[status] ?? 0);
  const total = nextCursor ? Math.max(rows.length + 1, hint) : rows.length;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  // Ask for the next page when the viewport gets within a screen of the unloaded tail.
  useEffect(() => {
    if (last && nextCursor && last.index >= rows.length - 15) void loadMore();
  }, [last, nextCursor, rows.length, loadMore]);

  const cursorIndex = rows.findIndex((r) => r.id === cursorId);
  useEffect(() => {
    if (cursorIndex >= 0) virtualizer.scrollToIndex(cursorIndex, { align: 'auto' });
  }, [cursorIndex, virtualizer]);

  const onOpen = useCallback(
    (id: string) => {
      setCursor(id);
      void open(id);
    },
    [open, setCursor],
  );
  const onCheck = useCallback(
    (id: string, e: MouseEvent) => (e.shiftKey ? selectRange(id) : toggle(id)),
    [selectRange, toggle],
  );

  if (loaded && rows.length === 0) {
    const zero = status === 'open' && !hasFilters(filters);
    return (
      <div className="list-empty" id="conversation-list">
        <EmptyState
          title={zero ? t('list.emptyOpenTitle') : t('list.emptyTitle')}
          body={
            hasFilters(filters) ? t('list.emptyFilteredBody') : zero ? t('list.emptyOpenBody') : t('list.emptyBody')
          }
        />
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      id="conversation-list"
      className="list-scroll"
      role="listbox"
      aria-multiselectable="true"
      aria-label={t('list.label')}
      aria-activedescendant={cursorId && cursorIndex >= 0 ? `conv-${cursorId}` : undefined}
      tabIndex={0}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index];
          return (
            <div
              key={item.key}
              className="vrow"
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
            >
              {row ? (
                <ConversationRow
                  row={row}
                  now={now}
                  isOpen={row.id === openId}
                  isCursor={row.id === cursorId}
                  isSelected={selected.has(row.id)}
                  onOpen={onOpen}
                  onCheck={onCheck}
                />
              ) : (
                <div className="conv-row skeleton" aria-hidden="true">
                  <div className="sk sk-line1" />
                  <div className="sk sk-line2" />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

// Column 2 as "Revisión de cierres" (guide §8, supervisors and admins): the resolved cycles of a period,
// filterable by agent, tray, disposition, justification (or "Sin justificación") and "sin respuesta" (closed
// without a human reply). The summary counts the whole period (the core's totals); rows page in as needed.
// Each row says who resolved it, when, with which disposition and justification, and whether the customer
// got an answer; an unanswered closure stands out, and one with no justification at all is a defect.
// Clicking a row (or j/k) opens the conversation in column 3. Virtualized; pages load as needed.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { JUSTIFICATIONS } from '../../../../shared/rules/closing-policy';
import type { ClosureItem } from '../../../../shared/entities';
import { useNow } from '../../hooks/useNow';
import { PERIODS, type Period } from '../../lib/period';
import { fullDate, listStamp } from '../../lib/time';
import { useConversationStore } from '../../stores/conversationStore';
import { closureKey, useReviewStore, type ReviewFilters } from '../../stores/reviewStore';
import { useSessionStore } from '../../stores/sessionStore';
import { Icon } from '../common/Icon';
import { ChannelIcon } from '../common/ChannelIcon';
import { EmptyState } from '../common/EmptyState';
import { useListKeys } from './useListKeys';

const ROW_HEIGHT = 74;

const activeFilters = (f: ReviewFilters) =>
  Boolean(f.agentId || f.trayId || f.dispositionId || f.justification || f.unansweredOnly);

export function ReviewColumn() {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const { items, totals, nextCursor, loading, loaded, cursorKey, filters, loadMore, setCursor } = useReviewStore();
  const openId = useConversationStore((s) => s.openId);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Every visit reads the period again: closures happen all day.
  useEffect(() => void useReviewStore.getState().reload(), []);

  const total = nextCursor ? items.length + 1 : items.length;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const virtual = virtualizer.getVirtualItems();
  const last = virtual[virtual.length - 1];
  useEffect(() => {
    if (last && nextCursor && last.index >= items.length - 15) void loadMore();
  }, [last, nextCursor, items.length, loadMore]);
  const cursorIndex = items.findIndex((c) => closureKey(c) === cursorKey);
  useEffect(() => {
    if (cursorIndex >= 0) virtualizer.scrollToIndex(cursorIndex, { align: 'auto' });
  }, [cursorIndex, virtualizer]);

  const openClosure = (c: ClosureItem) => {
    setCursor(closureKey(c));
    void useConversationStore.getState().open(c.conversationId);
  };
  useListKeys(
    (delta) => {
      if (items.length === 0) return;
      const next = items[Math.max(0, Math.min(items.length - 1, cursorIndex < 0 ? 0 : cursorIndex + delta))];
      if (next) openClosure(next);
      if (cursorIndex + delta >= items.length - 5) void loadMore();
    },
    () => {
      const c = items[cursorIndex];
      if (c) openClosure(c);
    },
  );

  // The core counts the whole filtered period, however few pages are on screen.
  const unanswered = totals?.unanswered ?? 0;
  const defects = totals?.unjustified ?? 0;

  return (
    <section className="col col-list admin-screen" aria-label={t('admin.review.title')}>
      <header className="list-head admin-head">
        <div className="list-title-row">
          <h1 className="breadcrumb">
            <span className="crumb current">{t('admin.review.title')}</span>
          </h1>
        </div>
        <ReviewFilterBar />
        <p className="admin-summary" role="status" aria-label={t('admin.review.summaryLabel')} aria-busy={loading}>
          {loaded && totals ? (
            <>
              <span>{t('admin.review.summary', { count: totals.closures })}</span>
              <span className={unanswered > 0 ? 'admin-summary-warn' : undefined}>
                {' · '}
                {t('admin.review.summaryUnanswered', { count: unanswered })}
              </span>
              {defects > 0 ? (
                <span className="admin-summary-alert">
                  {' · '}
                  {t('admin.review.summaryDefects', { count: defects })}
                </span>
              ) : null}
            </>
          ) : (
            t('admin.review.loading')
          )}
        </p>
      </header>
      {loaded && items.length === 0 ? (
        <div className="list-empty">
          <EmptyState
            icon={<Icon name="review" size={28} />}
            title={t('admin.review.emptyTitle')}
            body={activeFilters(filters) ? t('admin.review.emptyFiltered') : t('admin.review.emptyBody')}
          />
        </div>
      ) : (
        <div
          ref={scrollRef}
          className="list-scroll"
          role="listbox"
          aria-label={t('admin.review.listLabel')}
          aria-busy={!loaded}
          aria-activedescendant={cursorIndex >= 0 ? `closure-${cursorIndex}` : undefined}
          tabIndex={0}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtual.map((item) => {
              const c = items[item.index];
              return (
                <div
                  key={c ? closureKey(c) : 'more'}
                  className="vrow"
                  role="presentation"
                  style={{ transform: `translateY(${item.start}px)`, height: item.size }}
                >
                  {c ? (
                    <ClosureRow
                      item={c}
                      index={item.index}
                      now={now}
                      isCursor={item.index === cursorIndex}
                      isOpen={c.conversationId === openId}
                      onOpen={openClosure}
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
      )}
    </section>
  );
}

function ReviewFilterBar() {
  const { t } = useTranslation();
  const { filters, period, custom, setFilters, clearFilters, setPeriod, setCustom } = useReviewStore();
  const session = useSessionStore((s) => s.session);
  if (!session) return null;
  const sel = (on: unknown) => `filter-select${on ? ' on' : ''}`;
  return (
    <div className="review-filters" role="group" aria-label={t('admin.review.filters')}>
      <select
        className={sel(period !== 'thisWeek')}
        aria-label={t('admin.review.period')}
        value={period}
        onChange={(e) => setPeriod(e.target.value as Period)}
      >
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {t(`admin.review.periods.${p}`)}
          </option>
        ))}
      </select>
      <select
        className={sel(filters.agentId)}
        aria-label={t('admin.review.agentFilter')}
        value={filters.agentId ?? ''}
        onChange={(e) => setFilters({ agentId: e.target.value || undefined })}
      >
        <option value="">{t('admin.review.anyAgent')}</option>
        {session.agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id === session.me.id ? t('picker.me', { name: a.name }) : a.name}
          </option>
        ))}
      </select>
      {period === 'custom' ? (
        <div className="review-dates">
          <label className="review-date">
            <span>{t('admin.review.from')}</span>
            <input
              type="date"
              className="text-input"
              value={custom.from}
              max={custom.to || undefined}
              onChange={(e) => setCustom({ ...custom, from: e.target.value })}
            />
          </label>
          <label className="review-date">
            <span>{t('admin.review.to')}</span>
            <input
              type="date"
              className="text-input"
              value={custom.to}
              min={custom.from || undefined}
              onChange={(e) => setCustom({ ...custom, to: e.target.value })}
            />
          </label>
        </div>
      ) : null}
      <select
        className={sel(filters.trayId)}
        aria-label={t('admin.review.trayFilter')}
        value={filters.trayId ?? ''}
        onChange={(e) => setFilters({ trayId: e.target.value || undefined })}
      >
        <option value="">{t('admin.review.anyTray')}</option>
        {session.trays.map((tr) => (
          <option key={tr.id} value={tr.id}>
            {tr.active ? tr.name : t('admin.inactiveName', { name: tr.name })}
          </option>
        ))}
      </select>
      <select
        className={sel(filters.dispositionId)}
        aria-label={t('admin.review.dispositionFilter')}
        value={filters.dispositionId ?? ''}
        onChange={(e) => setFilters({ dispositionId: e.target.value || undefined })}
      >
        <option value="">{t('admin.review.anyDisposition')}</option>
        {session.dispositions.map((d) => (
          <option key={d.id} value={d.id}>
            {d.active ? d.name : t('admin.inactiveName', { name: d.name })}
          </option>
        ))}
      </select>
      <select
        className={sel(filters.justification)}
        aria-label={t('admin.review.justificationFilter')}
        value={filters.justification ?? ''}
        onChange={(e) => setFilters({ justification: (e.target.value || undefined) as ReviewFilters['justification'] })}
      >
        <option value="">{t('admin.review.anyJustification')}</option>
        {[...JUSTIFICATIONS, 'none' as const].map((j) => (
          <option key={j} value={j}>
            {t(`admin.justification.${j}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={`btn btn-sm review-unanswered${filters.unansweredOnly ? ' on' : ''}`}
        aria-pressed={Boolean(filters.unansweredOnly)}
        onClick={() => setFilters({ unansweredOnly: !filters.unansweredOnly || undefined })}
      >
        {t('admin.review.unansweredOnly')}
      </button>
      {activeFilters(filters) ? (
        <button type="button" className="link-btn review-clear" onClick={clearFilters}>
          {t('admin.review.clearFilters')}
        </button>
      ) : null}
    </div>
  );
}

interface RowProps {
  item: ClosureItem;
  index: number;
  now: number;
  isCursor: boolean;
  isOpen: boolean;
  onOpen(item: ClosureItem): void;
}

const ClosureRow = memo(function ClosureRow({ item, index, now, isCursor, isOpen, onOpen }: RowProps) {
  const { t, i18n } = useTranslation();
  const tray = useSessionStore((s) => (item.trayId ? s.traysById.get(item.trayId) : undefined));
  const agent = useSessionStore((s) => (item.resolvedBy ? s.agentsById.get(item.resolvedBy) : undefined));
  const disposition = useSessionStore((s) =>
    item.dispositionId ? s.dispositionsById.get(item.dispositionId) : undefined,
  );
  const defect = !item.answered && item.justification === null;
  const justification = t(`admin.justification.${item.justification ?? 'none'}`);
  const dispositionName = disposition?.name ?? t('admin.review.noDisposition');
  const who = agent?.name ?? t('admin.review.someone');
  const when = listStamp(t, i18n.language, item.resolvedAt, now);
  const label = [
    item.contactName,
    t(`channel.${item.channelKind}`),
    tray?.name ?? t('admin.review.noTray'),
    t('admin.review.resolvedBy', { name: who, when: fullDate(i18n.language, item.resolvedAt) }),
    dispositionName,
    justification,
    item.answered ? t('admin.review.answered') : t('admin.review.unanswered'),
  ].join(' · ');
  return (
    <div
      role="option"
      id={`closure-${index}`}
      aria-selected={isCursor}
      aria-current={isOpen ? 'true' : undefined}
      aria-label={label}
      className={`conv-row closure-row${isCursor ? ' cursor' : ''}${isOpen ? ' open' : ''}${
        item.answered ? '' : defect ? ' defect' : ' unanswered'
      }`}
      onClick={() => onOpen(item)}
    >
      <div className="row-main">
        <div className="row-line1">
          <ChannelIcon kind={item.channelKind} size={14} />
          <span className="row-name">{item.contactName}</span>
          {item.cycle > 1 ? <span className="closure-cycle">{t('admin.review.cycle', { n: item.cycle })}</span> : null}
          <span className="row-time" title={fullDate(i18n.language, item.resolvedAt)}>
            {when}
          </span>
        </div>
        <div className="closure-where">
          <span>{tray?.name ?? t('admin.review.noTray')}</span>
          <span aria-hidden="true"> · </span>
          <span>{t('admin.review.by', { name: who })}</span>
        </div>
        <div className="closure-chips">
          <span className="closure-chip">{dispositionName}</span>
          <span className={`closure-chip justification${item.justification ? '' : ' missing'}`}>{justification}</span>
          {!item.answered ? (
            <span className={`closure-chip ${defect ? 'defect' : 'unanswered'}`}>{t('admin.review.unanswered')}</span>
          ) : null}
        </div>
      </div>
    </div>
  );
});

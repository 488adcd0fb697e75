// [Abiertas 12][Pendientes 4][Pospuestas][Resueltas] — counts for the current view.
import { useTranslation } from 'react-i18next';
import { STATUSES } from '../../../../shared/domain';
import { countsForView, useCountsStore } from '../../stores/countsStore';
import { useNavStore } from '../../stores/navStore';

export function StatusTabs() {
  const { t } = useTranslation();
  const { view, status, setStatus } = useNavStore();
  const counts = countsForView(
    useCountsStore((s) => s.counts),
    view,
  );
  return (
    <div className="status-tabs" role="tablist" aria-label={t('list.statusTabs')}>
      {STATUSES.map((s) => {
        // Only actionable piles show a number (UI.md: [Abiertas 12][Pendientes 4][Pospuestas][Resueltas]).
        const n = s === 'open' || s === 'pending' ? (counts?.[s] ?? 0) : 0;
        return (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={status === s}
            aria-controls="conversation-list"
            className={`status-tab${status === s ? ' active' : ''}`}
            onClick={() => setStatus(s)}
          >
            {t(`status.${s}`)}
            {n > 0 ? <span className="tab-count">{n}</span> : null}
          </button>
        );
      })}
    </div>
  );
}

// Calificación: how the current (or last) cycle was closed — the disposition and the justification the
// closing policy used — and a compact history of the conversation's cycles (each closure record is
// written once, at resolution, and never changes).
import { useTranslation } from 'react-i18next';
import type { ConversationDetail, CycleRecord } from '../../../../shared/entities';
import { dispositionName } from '../../lib/auditSentence';
import { fullDate, stamp } from '../../lib/time';
import { useNow } from '../../hooks/useNow';
import { useSessionStore } from '../../stores/sessionStore';

export function ClosureCard({ detail }: { detail: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const session = useSessionStore((s) => s.session);
  const agentsById = useSessionStore((s) => s.agentsById);
  const cycles = detail.cycles;
  // The current cycle when it is closed, else the last one that was.
  const closed = cycles.find((c) => c.resolvedAt !== null) ?? null;
  const current = cycles[0] ?? null;
  const shownIsCurrent = closed !== null && closed.number === current?.number;

  const line = (c: CycleRecord) => {
    if (c.resolvedAt === null) return t('guide.closure.openCycle', { time: stamp(t, i18n.language, c.startedAt, now) });
    return t('guide.closure.closedCycle', {
      time: stamp(t, i18n.language, c.resolvedAt, now),
      disposition: dispositionName(t, { session }, c.dispositionId),
      justification: c.justification ? t(`guide.justificationShort.${c.justification}`) : '—',
      who: (c.resolvedBy && agentsById.get(c.resolvedBy)?.name) || t('audit.someone'),
    });
  };

  return (
    <section className="card closure-card" aria-labelledby="closure-title">
      <h3 className="card-title" id="closure-title">
        {t('guide.closure.title')}
      </h3>
      <dl className="kv closure-kv">
        <div className="kv-row">
          <dt>{shownIsCurrent || !closed ? t('details.rating') : t('guide.closure.lastRating')}</dt>
          <dd>{closed ? dispositionName(t, { session }, closed.dispositionId) : '—'}</dd>
        </div>
        <div className="kv-row">
          <dt>{t('guide.closure.justification')}</dt>
          <dd>{closed?.justification ? t(`guide.justification.${closed.justification}`) : '—'}</dd>
        </div>
      </dl>
      {cycles.length > 1 || closed ? (
        <ol className="cycle-list" aria-label={t('guide.closure.cycles')}>
          {cycles.map((c) => (
            <li key={c.number} className={`cycle${c.resolvedAt === null ? ' cycle-open' : ''}`}>
              <span className="cycle-num">{t('guide.closure.cycle', { number: c.number })}</span>
              <span
                className="cycle-text"
                title={
                  c.resolvedAt !== null ? fullDate(i18n.language, c.resolvedAt) : fullDate(i18n.language, c.startedAt)
                }
              >
                {line(c)}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

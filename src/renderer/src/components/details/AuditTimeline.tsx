// Historial: who did what, as sentences ("Ana movió a Ventas › Cotizaciones"), newest first, with what
// it was before where that helps ("antes: Global").
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { auditBefore, auditSentence } from '../../lib/auditSentence';
import { fullDate, stamp } from '../../lib/time';
import { useConversationStore } from '../../stores/conversationStore';
import { useSessionStore } from '../../stores/sessionStore';

export function AuditTimeline() {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const session = useSessionStore();
  const tasks = useConversationStore((s) => s.tasks);
  const lookup = { ...session, taskTitles: new Map(tasks.map((x) => [x.id, x.title])) };
  const { audit, auditCursor, loadOlderAudit } = useConversationStore();
  const events = [...audit].sort((a, b) => b.at - a.at);
  return (
    <section className="card" aria-labelledby="audit-title">
      <h3 className="card-title" id="audit-title">
        {t('details.history')}
      </h3>
      {events.length === 0 ? <p className="muted">{t('details.noHistory')}</p> : null}
      <ol className="timeline">
        {events.map((e) => {
          const before = auditBefore(t, lookup, e);
          return (
            <li key={e.id} className="timeline-item">
              <time
                className="timeline-time"
                dateTime={new Date(e.at).toISOString()}
                title={fullDate(i18n.language, e.at)}
              >
                {stamp(t, i18n.language, e.at, now)}
              </time>
              <span className="timeline-text">
                {auditSentence(t, lookup, e, i18n.language)}
                {before ? <span className="timeline-before"> · {before}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
      {auditCursor ? (
        <button type="button" className="link-btn" onClick={() => void loadOlderAudit()}>
          {t('details.moreHistory')}
        </button>
      ) : null}
    </section>
  );
}

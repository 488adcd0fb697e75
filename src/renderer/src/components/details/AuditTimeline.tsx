// Historial: who did what, as sentences ("Ana movió a Ventas › Cotizaciones"), newest first.
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { auditSentence } from '../../lib/auditSentence';
import { fullDate, stamp } from '../../lib/time';
import { useConversationStore } from '../../stores/conversationStore';
import { useSessionStore } from '../../stores/sessionStore';

export function AuditTimeline() {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const lookup = useSessionStore();
  const { audit, auditCursor, loadOlderAudit } = useConversationStore();
  const events = [...audit].sort((a, b) => b.at - a.at);
  return (
    <section className="card" aria-labelledby="audit-title">
      <h3 className="card-title" id="audit-title">
        {t('details.history')}
      </h3>
      {events.length === 0 ? <p className="muted">{t('details.noHistory')}</p> : null}
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id} className="timeline-item">
            <time
              className="timeline-time"
              dateTime={new Date(e.at).toISOString()}
              title={fullDate(i18n.language, e.at)}
            >
              {stamp(t, i18n.language, e.at, now)}
            </time>
            <span className="timeline-text">{auditSentence(t, lookup, e)}</span>
          </li>
        ))}
      </ol>
      {auditCursor ? (
        <button type="button" className="link-btn" onClick={() => void loadOlderAudit()}>
          {t('details.moreHistory')}
        </button>
      ) : null}
    </section>
  );
}

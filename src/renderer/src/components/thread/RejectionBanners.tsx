// Under the thread header: one banner per change of this conversation the server refused ("No se
// aplicó: mover a otra bandeja — No perteneces a esa bandeja."), with its time and "Entendido". The core
// has already undone the change; this is the honest explanation UI.md asks for, never a silent revert.
import { useTranslation } from 'react-i18next';
import type { SyncRejectionItem } from '../../../../shared/auth';
import { useNow } from '../../hooks/useNow';
import { rejectionAction, rejectionReason } from '../../lib/rejectionText';
import { fullDate, stamp } from '../../lib/time';
import { useRejectionsStore } from '../../stores/rejectionsStore';
import { Icon } from '../common/Icon';

export function RejectionBanners({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const all = useRejectionsStore((s) => s.items);
  const items = all.filter((r) => r.conversationId === conversationId);
  if (items.length === 0) return null;
  return (
    <section className="rejections" aria-label={t('rejection.region')} aria-live="polite">
      {items.map((r) => (
        <RejectionBanner key={r.mutationId} rejection={r} />
      ))}
    </section>
  );
}

function RejectionBanner({ rejection: r }: { rejection: SyncRejectionItem }) {
  const { t, i18n } = useTranslation();
  const dismiss = useRejectionsStore((s) => s.dismiss);
  const now = useNow();
  return (
    <div className="rejection" role="group" aria-label={t('rejection.label', { action: rejectionAction(t, r.name) })}>
      <Icon name="alert" className="rejection-icon" />
      <p className="rejection-text selectable">
        {t('rejection.text', { action: rejectionAction(t, r.name), reason: rejectionReason(t, i18n.language, r) })}
      </p>
      <time className="rejection-time" dateTime={new Date(r.at).toISOString()} title={fullDate(i18n.language, r.at)}>
        {stamp(t, i18n.language, r.at, now)}
      </time>
      <button type="button" className="btn btn-sm rejection-dismiss" onClick={() => void dismiss(r.mutationId)}>
        {t('rejection.dismiss')}
      </button>
    </div>
  );
}

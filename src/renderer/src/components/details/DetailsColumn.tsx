// Column 4: contact card, classification (tray, category, assignee, status, tags) and history.
import { useTranslation } from 'react-i18next';
import { useConversationStore } from '../../stores/conversationStore';
import { AuditTimeline } from './AuditTimeline';
import { ClassificationPanel } from './ClassificationPanel';
import { ContactCard } from './ContactCard';

export function DetailsColumn() {
  const { t } = useTranslation();
  const detail = useConversationStore((s) => s.detail);
  const contact = useConversationStore((s) => s.contact);
  return (
    <aside className="col col-details" aria-label={t('details.region')}>
      {detail ? (
        <div className="details-scroll">
          <ContactCard contact={contact} fallbackName={detail.contactName} />
          <ClassificationPanel detail={detail} />
          <AuditTimeline />
        </div>
      ) : null}
    </aside>
  );
}

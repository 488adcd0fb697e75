// Column 4: when a snoozed one comes back, what the guide wants fixed (orphan, incomplete contact,
// duplicates, continued conversation), the contact card, classification (tray, category, assignee,
// status, tags), a pending one's follow-up reminder, the closure (calificación, justification, cycles),
// tasks, tickets and history.
import { useTranslation } from 'react-i18next';
import { useConversationStore } from '../../stores/conversationStore';
import { AuditTimeline } from './AuditTimeline';
import { ClassificationPanel } from './ClassificationPanel';
import { ClosureCard } from './ClosureCard';
import { ContactCard } from './ContactCard';
import { GuideWarnings } from './GuideWarnings';
import { FollowUpCard, SnoozeCard } from '../reminders/ReminderCard';
import { TasksCard } from './TasksCard';
import { TicketsCard } from './TicketsCard';

export function DetailsColumn() {
  const { t } = useTranslation();
  const detail = useConversationStore((s) => s.detail);
  const contact = useConversationStore((s) => s.contact);
  return (
    <aside className="col col-details" aria-label={t('details.region')}>
      {detail ? (
        <div className="details-scroll">
          <SnoozeCard detail={detail} />
          <GuideWarnings detail={detail} />
          <ContactCard contact={contact} fallbackName={detail.contactName} />
          <ClassificationPanel detail={detail} />
          <FollowUpCard detail={detail} />
          <ClosureCard detail={detail} />
          <TasksCard conversationId={detail.id} />
          <TicketsCard detail={detail} />
          <AuditTimeline />
        </div>
      ) : null}
    </aside>
  );
}

// Column 3: the open conversation — header, refused changes, messages and notes, composer.
import { useTranslation } from 'react-i18next';
import { useConversationStore } from '../../stores/conversationStore';
import { EmptyState } from '../common/EmptyState';
import { Icon } from '../common/Icon';
import { Composer } from './Composer';
import { RejectionBanners } from './RejectionBanners';
import { ThreadHeader } from './ThreadHeader';
import { ThreadMessages } from './ThreadMessages';

export function ThreadColumn({ onToggleDetails }: { onToggleDetails(): void }) {
  const { t } = useTranslation();
  const openId = useConversationStore((s) => s.openId);
  const detail = useConversationStore((s) => s.detail);
  const label = detail ? `${t('thread.region')}: ${detail.contactName}` : t('thread.region');
  return (
    <section className="col col-thread" role="region" aria-label={label}>
      {!openId ? (
        <EmptyState icon={<Icon name="inbox" size={28} />} title={t('thread.noneTitle')} body={t('thread.noneBody')} />
      ) : detail ? (
        <>
          <ThreadHeader detail={detail} onToggleDetails={onToggleDetails} />
          <RejectionBanners conversationId={detail.id} />
          <ThreadMessages />
          <Composer />
        </>
      ) : (
        <div className="thread-loading" aria-busy="true" />
      )}
    </section>
  );
}

// "Registrar contacto externo": a WhatsApp-direct chat, a call or an outside email, documented in the
// conversation (guide §6). It appears in the thread as its own card.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../stores/uiStore';
import { DialogHead } from './dialogParts';
import { ExternalContactForm } from './ExternalContactForm';
import { GuideModal } from './GuideModal';

export function ExternalContactDialog({ conversationId, onClose }: { conversationId: string; onClose(): void }) {
  const { t } = useTranslation();
  const descId = useId();
  const title = t('guide.external.title');
  return (
    <GuideModal label={title} describedBy={descId} onClose={onClose} className="external-dialog">
      <DialogHead title={title} onClose={onClose} />
      <div className="guide-body">
        <p id={descId} className="guide-lead">
          {t('guide.external.lead')}
        </p>
        <ExternalContactForm
          idPrefix="ext"
          conversationId={conversationId}
          onDone={() => {
            onClose();
            useUiStore.getState().pushInfo(t('guide.external.done'));
          }}
          onCancel={onClose}
        />
      </div>
    </GuideModal>
  );
}

// Merging a duplicate: the conversation on screen stays; the other one's messages, notes, tasks, tickets
// and tags move into it, and it disappears. Asked once, in words, because it cannot be undone.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDetail } from '../../../../shared/entities';
import { actions } from '../../lib/actions';
import { call } from '../../lib/api';
import { placeName } from '../../lib/labels';
import { fullDate } from '../../lib/time';
import { useSessionStore } from '../../stores/sessionStore';
import { Icon } from '../common/Icon';
import { GuideModal } from './GuideModal';

export function MergeDialog({ keepId, sourceId, onClose }: { keepId: string; sourceId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lookup = useSessionStore();
  const [source, setSource] = useState<ConversationDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const descId = useId();
  const title = t('guide.merge.title');

  useEffect(() => {
    let live = true;
    call('conversations.get', { id: sourceId })
      .then((c) => live && setSource(c))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [sourceId]);

  const merge = async () => {
    setBusy(true);
    const ok = await actions.merge(keepId, sourceId);
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <GuideModal
      label={title}
      describedBy={descId}
      onClose={onClose}
      role="alertdialog"
      className="confirm merge-dialog"
      initialFocus=".btn-primary"
    >
      <div className="confirm-body">
        <span className="confirm-icon merge-icon" aria-hidden="true">
          <Icon name="merge" size={18} />
        </span>
        <div id={descId}>
          <h2>{title}</h2>
          <p>{t('guide.merge.body')}</p>
          {source ? (
            <dl className="merge-source">
              <div>
                <dt>{t('guide.merge.other')}</dt>
                <dd>
                  {t(`channel.${source.channelKind}`)} · {t(`statusOne.${source.status}`)} ·{' '}
                  {placeName(lookup, source.trayId, source.categoryId)}
                </dd>
              </div>
              <div>
                <dt>{t('guide.merge.lastActivity')}</dt>
                <dd>{fullDate(i18n.language, source.lastActivityAt)}</dd>
              </div>
              <div>
                <dt>{t('guide.merge.content')}</dt>
                <dd>{t('guide.merge.counts', { messages: source.messageCount, notes: source.noteCount })}</dd>
              </div>
            </dl>
          ) : null}
          <p className="guide-muted">{t('guide.merge.audit')}</p>
        </div>
      </div>
      <div className="confirm-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('guide.cancel')}
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void merge()}>
          <Icon name="merge" size={14} /> {t('guide.merge.confirm')}
        </button>
      </div>
    </GuideModal>
  );
}

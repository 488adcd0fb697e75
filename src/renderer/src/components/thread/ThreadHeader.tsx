// Contact · channel, with the quick actions (they mirror the a / m / t / e shortcuts).
import { useTranslation } from 'react-i18next';
import type { ConversationDetail } from '../../../../shared/entities';
import { actions } from '../../lib/actions';
import { placeName } from '../../lib/labels';
import { useSessionStore } from '../../stores/sessionStore';
import { useUiStore } from '../../stores/uiStore';
import { ChannelIcon } from '../common/ChannelIcon';
import { Icon } from '../common/Icon';

export function ThreadHeader({ detail, onToggleDetails }: { detail: ConversationDetail; onToggleDetails(): void }) {
  const { t } = useTranslation();
  const lookup = useSessionStore();
  const openPicker = useUiStore((s) => s.openPicker);
  const target = { kind: 'one', conversationId: detail.id } as const;
  const resolved = detail.status === 'resolved';
  return (
    <header className="thread-head">
      <div className="thread-title">
        <ChannelIcon kind={detail.channelKind} size={18} />
        <div className="thread-title-text">
          <h2 className="thread-name">
            {detail.contactName} <span className="thread-channel">· {t(`channel.${detail.channelKind}`)}</span>
          </h2>
          <div className="thread-sub">
            <span className={`status-pill status-${detail.status}`}>{t(`statusOne.${detail.status}`)}</span>
            <span className="thread-place">{placeName(lookup, detail.trayId, detail.categoryId)}</span>
            {detail.subject ? <span className="thread-subject">· {detail.subject}</span> : null}
          </div>
        </div>
      </div>
      <div className="thread-actions" role="toolbar" aria-label={t('thread.actions')}>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('thread.assign')}
          title={`${t('thread.assign')} (a)`}
          onClick={() => openPicker('assign', target)}
        >
          <Icon name="user" />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('thread.move')}
          title={`${t('thread.move')} (m)`}
          onClick={() => openPicker('move', target)}
        >
          <Icon name="move" />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('thread.tag')}
          title={`${t('thread.tag')} (t)`}
          onClick={() => openPicker('tag', target)}
        >
          <Icon name="tag" />
        </button>
        <button
          type="button"
          className={`btn btn-sm ${resolved ? '' : 'btn-resolve'}`}
          aria-label={resolved ? t('thread.reopen') : t('thread.resolve')}
          title={resolved ? t('thread.reopen') : `${t('thread.resolve')} (e)`}
          onClick={() => void actions.setStatus(detail.id, resolved ? 'open' : 'resolved')}
        >
          <Icon name={resolved ? 'reopen' : 'check'} size={14} />
          <span className="btn-label">{resolved ? t('thread.reopen') : t('thread.resolve')}</span>
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('thread.toggleDetails')}
          title={t('thread.toggleDetails')}
          onClick={onToggleDetails}
        >
          <Icon name="panel-right" />
        </button>
      </div>
    </header>
  );
}

// Contact · channel, with the quick actions (they mirror the a / m / t / s / e shortcuts). Resolving opens
// the resolve dialog (calificación + closing policy); a resolved conversation offers Reabrir (new cycle).
// The clock snoozes (or re-snoozes); next to the status, when it comes back by itself (a snooze's wake
// time, a pending one's follow-up reminder).
import { useTranslation } from 'react-i18next';
import type { ConversationDetail } from '../../../../shared/entities';
import { useNow } from '../../hooks/useNow';
import { actions } from '../../lib/actions';
import { placeName } from '../../lib/labels';
import { openSnooze } from '../../lib/snooze';
import { fullDate } from '../../lib/time';
import { wakeText } from '../../lib/wake';
import { useGuideDialogStore } from '../../stores/guideDialogStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useUiStore } from '../../stores/uiStore';
import { ChannelIcon } from '../common/ChannelIcon';
import { Icon } from '../common/Icon';

export function ThreadHeader({ detail, onToggleDetails }: { detail: ConversationDetail; onToggleDetails(): void }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const lookup = useSessionStore();
  const openPicker = useUiStore((s) => s.openPicker);
  const target = { kind: 'one', conversationId: detail.id } as const;
  const resolved = detail.status === 'resolved';
  // When it comes back by itself: the snooze's wake time, or a pending one's follow-up reminder.
  const reminderAt =
    detail.status === 'snoozed' ? detail.snoozedUntil : detail.status === 'pending' ? detail.followUpAt : null;
  return (
    <header className="thread-head">
      <div className="thread-title">
        <ChannelIcon kind={detail.channelKind} size={18} />
        <div className="thread-title-text">
          <h2 className="thread-name">
            {detail.contactName} <span className="thread-channel">· {t(`channel.${detail.channelKind}`)}</span>
          </h2>
          <div className="thread-sub">
            <span
              className={`status-pill status-${detail.status}`}
              title={reminderAt ? fullDate(i18n.language, reminderAt) : undefined}
            >
              {t(`statusOne.${detail.status}`)}
              {detail.status === 'snoozed' && reminderAt ? ` · ${wakeText(t, i18n.language, reminderAt, now)}` : null}
              {detail.status === 'pending' && reminderAt
                ? ` · ${t('reminders.followUp.short', { when: wakeText(t, i18n.language, reminderAt, now) })}`
                : null}
            </span>
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
        {resolved ? null : (
          <button
            type="button"
            className={`icon-btn${detail.status === 'snoozed' ? ' snoozed-btn' : ''}`}
            aria-label={t('reminders.snooze.action')}
            title={`${t('reminders.snooze.action')} (s)`}
            aria-haspopup="dialog"
            onClick={() => openSnooze(target)}
          >
            <Icon name="clock" />
          </button>
        )}
        <button
          type="button"
          className={`btn btn-sm ${resolved ? '' : 'btn-resolve'}`}
          aria-label={resolved ? t('thread.reopen') : t('thread.resolve')}
          title={resolved ? t('thread.reopen') : `${t('thread.resolve')} (e)`}
          aria-haspopup={resolved ? undefined : 'dialog'}
          onClick={() =>
            resolved ? void actions.reopen(detail.id) : useGuideDialogStore.getState().open({ kind: 'resolve', target })
          }
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

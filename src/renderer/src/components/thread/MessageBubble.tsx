// A message to or from the customer: inbound left, outbound right, delivery state for outbound. On the
// customer's messages of the current cycle the agent can mark "El cliente confirmó que no necesita nada
// más" (closing justification d); the marked message wears a badge and can be unmarked.
import { useTranslation } from 'react-i18next';
import type { MessageItem } from '../../../../shared/entities';
import { actions } from '../../lib/actions';
import { fullDate, stamp } from '../../lib/time';
import { AttachmentView } from './AttachmentView';
import { Icon } from '../common/Icon';

interface Props {
  item: MessageItem;
  now: number;
  /** The conversation, when this customer message may be marked (open cycle, message of this cycle). */
  confirmable?: { conversationId: string } | null;
}

export function MessageBubble({ item, now, confirmable = null }: Props) {
  const { t, i18n } = useTranslation();
  const out = item.direction === 'outbound';
  const author = item.authorKind === 'bot' ? `${item.authorName} · ${t('thread.bot')}` : item.authorName;
  const confirmed = item.confirmsDone;
  return (
    <article
      className={`msg ${out ? 'msg-out' : 'msg-in'} author-${item.authorKind}${confirmed ? ' msg-confirmed' : ''}`}
      aria-label={`${author}, ${stamp(t, i18n.language, item.createdAt, now)}`}
    >
      <div className="msg-meta">
        <span className="msg-author">{author}</span>
        <time dateTime={new Date(item.createdAt).toISOString()} title={fullDate(i18n.language, item.createdAt)}>
          {stamp(t, i18n.language, item.createdAt, now)}
        </time>
      </div>
      <div className="msg-bubble">
        {item.text ? <p className="msg-text">{item.text}</p> : null}
        {item.attachments.length > 0 ? (
          <div className="msg-atts">
            {item.attachments.map((a) => (
              <AttachmentView key={a.id} attachment={a} />
            ))}
          </div>
        ) : null}
      </div>
      {confirmed ? (
        <div className="msg-confirm">
          <span className="confirm-badge">
            <Icon name="check" size={12} /> {t('guide.confirm.badge')}
          </span>
          {confirmable ? (
            <button
              type="button"
              className="link-btn msg-confirm-undo"
              onClick={() => void actions.markConfirmed(confirmable.conversationId, null)}
            >
              {t('guide.confirm.unmark')}
            </button>
          ) : null}
        </div>
      ) : confirmable ? (
        <div className="msg-confirm msg-confirm-action">
          <button
            type="button"
            className="msg-action"
            onClick={() => void actions.markConfirmed(confirmable.conversationId, item.id)}
          >
            <Icon name="check" size={12} /> {t('guide.confirm.mark')}
          </button>
        </div>
      ) : null}
      {out && item.deliveryStatus ? (
        <div className={`msg-delivery delivery-${item.deliveryStatus}`}>
          {item.deliveryStatus === 'read' || item.deliveryStatus === 'delivered' ? (
            <Icon name="check" size={12} />
          ) : null}
          {t(`thread.delivery.${item.deliveryStatus}`)}
        </div>
      ) : null}
    </article>
  );
}

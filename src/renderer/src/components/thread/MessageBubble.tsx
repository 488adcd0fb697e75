// A message to or from the customer: inbound left, outbound right, delivery state for outbound.
import { useTranslation } from 'react-i18next';
import type { MessageItem } from '../../../../shared/entities';
import { fullDate, stamp } from '../../lib/time';
import { AttachmentView } from './AttachmentView';
import { Icon } from '../common/Icon';

export function MessageBubble({ item, now }: { item: MessageItem; now: number }) {
  const { t, i18n } = useTranslation();
  const out = item.direction === 'outbound';
  const author = item.authorKind === 'bot' ? `${item.authorName} · ${t('thread.bot')}` : item.authorName;
  return (
    <article
      className={`msg ${out ? 'msg-out' : 'msg-in'} author-${item.authorKind}`}
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

// Private notes must never be mistaken for customer messages: amber card, lock, explicit label.
import { useTranslation } from 'react-i18next';
import type { NoteItem } from '../../../../shared/entities';
import { fullDate, stamp } from '../../lib/time';
import { Icon } from '../common/Icon';

export function NoteCard({ item, now }: { item: NoteItem; now: number }) {
  const { t, i18n } = useTranslation();
  const label = t('thread.noteLabel', { author: item.authorName });
  return (
    <article className="note" aria-label={label}>
      <div className="note-head">
        <Icon name="lock" size={13} />
        <span className="note-label">{label}</span>
        <time dateTime={new Date(item.createdAt).toISOString()} title={fullDate(i18n.language, item.createdAt)}>
          {stamp(t, i18n.language, item.createdAt, now)}
        </time>
      </div>
      <p className="note-body">{item.body}</p>
    </article>
  );
}

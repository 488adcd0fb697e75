// Images render inline; any other file is a button that asks the core to open it with the system.
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../../shared/entities';
import { actions } from '../../lib/actions';
import { Icon } from '../common/Icon';

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  if (attachment.mime.startsWith('image/')) {
    return (
      <figure className="att-image">
        <img src={attachment.url} alt={t('thread.imageAlt', { name: attachment.name })} loading="lazy" />
      </figure>
    );
  }
  return (
    <button
      type="button"
      className="att-file"
      aria-label={t('thread.openAttachment', { name: attachment.name })}
      onClick={() => void actions.openAttachment(attachment.url)}
    >
      <span className="att-file-icon">
        <Icon name="file" size={18} />
      </span>
      <span className="att-file-text">
        <span className="att-file-name">{attachment.name}</span>
        <span className="att-file-size">{humanSize(attachment.size)}</span>
      </span>
    </button>
  );
}

// A small, one-time offer at the bottom of column 1 (browser only): "Activar avisos de escritorio" asks the
// browser's permission when pressed — never a prompt at load — and "Ahora no" (×) hides it on this device.
// Ajustes › Avisos keeps the same button for later.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesktopNoticeStore } from '../../stores/desktopNoticeStore';
import { Icon } from '../common/Icon';

export function DesktopNoticeBanner() {
  const { t } = useTranslation();
  const titleId = useId();
  const permission = useDesktopNoticeStore((s) => s.permission);
  const dismissed = useDesktopNoticeStore((s) => s.dismissed);
  const request = useDesktopNoticeStore((s) => s.request);
  const dismiss = useDesktopNoticeStore((s) => s.dismiss);
  if (permission !== 'default' || dismissed) return null;
  return (
    <div className="notice-banner" role="note" aria-labelledby={titleId}>
      <div className="notice-banner-head">
        <h2 className="notice-banner-title" id={titleId}>
          <Icon name="bell" size={13} /> {t('reminders.desktop.bannerTitle')}
        </h2>
        <button
          type="button"
          className="icon-btn icon-btn-sm"
          aria-label={t('reminders.desktop.later')}
          title={t('reminders.desktop.later')}
          onClick={dismiss}
        >
          <Icon name="x" size={12} />
        </button>
      </div>
      <p className="notice-banner-body">{t('reminders.desktop.bannerBody')}</p>
      <button type="button" className="btn btn-sm btn-primary notice-banner-enable" onClick={() => void request()}>
        {t('reminders.desktop.enable')}
      </button>
    </div>
  );
}

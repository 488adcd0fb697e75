// Settings: theme (claro / oscuro / sistema) and language, both persisted through prefs.set.
import { useTranslation } from 'react-i18next';
import type { Locale, Theme } from '../../../../shared/domain';
import { usePrefsStore } from '../../stores/prefsStore';
import { useUiStore } from '../../stores/uiStore';
import { Modal } from './Modal';

const THEMES: [Theme, string][] = [
  ['light', 'settings.themeLight'],
  ['dark', 'settings.themeDark'],
  ['system', 'settings.themeSystem'],
];
const LOCALES: [Locale, string][] = [
  ['es', 'settings.languageEs'],
  ['en', 'settings.languageEn'],
];

export function SettingsDialog() {
  const { t } = useTranslation();
  const open = useUiStore((s) => s.settingsOpen);
  const setOpen = useUiStore((s) => s.setSettingsOpen);
  const showShortcuts = useUiStore((s) => s.setShortcutsOpen);
  const { prefs, update } = usePrefsStore();
  if (!open) return null;
  return (
    <Modal label={t('settings.title')} onClose={() => setOpen(false)} className="settings">
      <div className="dialog-head">
        <h2>{t('settings.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('settings.close')} onClick={() => setOpen(false)}>
          ✕
        </button>
      </div>
      <div className="settings-body">
        <div className="field">
          <span className="field-label" id="set-theme">
            {t('settings.theme')}
          </span>
          <div className="segmented" role="group" aria-labelledby="set-theme">
            {THEMES.map(([value, label]) => (
              <button
                key={value}
                type="button"
                className={`seg${prefs.theme === value ? ' on' : ''}`}
                aria-pressed={prefs.theme === value}
                onClick={() => void update({ theme: value })}
              >
                {t(label)}
              </button>
            ))}
          </div>
        </div>
        <div className="field">
          <span className="field-label" id="set-lang">
            {t('settings.language')}
          </span>
          <div className="segmented" role="group" aria-labelledby="set-lang">
            {LOCALES.map(([value, label]) => (
              <button
                key={value}
                type="button"
                lang={value}
                className={`seg${prefs.locale === value ? ' on' : ''}`}
                aria-pressed={prefs.locale === value}
                onClick={() => void update({ locale: value })}
              >
                {t(label)}
              </button>
            ))}
          </div>
        </div>
        <button
          type="button"
          className="link-btn"
          onClick={() => {
            setOpen(false);
            showShortcuts(true);
          }}
        >
          {t('settings.shortcuts')}
        </button>
      </div>
    </Modal>
  );
}

// Settings: theme (claro / oscuro / sistema) and language, both persisted through prefs.set; the
// account (who is signed in, "Cerrar sesión") when the app syncs with a server.
import { useTranslation } from 'react-i18next';
import type { Locale, Theme } from '../../../../shared/domain';
import { usePrefsStore } from '../../stores/prefsStore';
import { useUiStore } from '../../stores/uiStore';
import { Segmented } from '../common/Segmented';
import { AccountSection } from './AccountSection';
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
          <Segmented
            labelledBy="set-theme"
            options={THEMES.map(([value, label]) => ({ value, label: t(label) }))}
            value={prefs.theme}
            onSelect={(theme) => void update({ theme })}
          />
        </div>
        <div className="field">
          <span className="field-label" id="set-lang">
            {t('settings.language')}
          </span>
          <Segmented
            labelledBy="set-lang"
            options={LOCALES.map(([value, label]) => ({ value, label: t(label), lang: value }))}
            value={prefs.locale}
            onSelect={(locale) => void update({ locale })}
          />
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
        <AccountSection />
      </div>
    </Modal>
  );
}

// Settings: theme (claro / oscuro / sistema), language and desktop notices (which kinds, no molestar), all
// persisted through prefs.set; the account (who is signed in, "Cerrar sesión") when the app syncs with a
// server. Admins also get the workspace's
// sections (issue 4, point 9): Bandejas y categorías, Etiquetas, Calificaciones and Reglas (descriptive
// notes, reopen window), as vertical tabs. Nobody else sees them — the core and the server refuse settings
// changes from anyone but an admin anyway (errors.adminOnly).
import { useRef, type JSX, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Theme } from '../../../../shared/domain';
import { usePrefsStore } from '../../stores/prefsStore';
import { isAdmin, useSessionStore } from '../../stores/sessionStore';
import { SETTINGS_SECTIONS, useSettingsAdminStore, type SettingsSection } from '../../stores/settingsAdminStore';
import { useUiStore } from '../../stores/uiStore';
import { DispositionsSettings } from '../admin/DispositionsSettings';
import { RulesSettings } from '../admin/RulesSettings';
import { TagsSettings } from '../admin/TagsSettings';
import { TraysSettings } from '../admin/TraysSettings';
import { Segmented } from '../common/Segmented';
import { NoticePrefs } from '../reminders/NoticePrefs';
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
  const admin = useSessionStore((s) => isAdmin(s.session?.me.role));
  if (!open) return null;
  return (
    <Modal
      label={t('settings.title')}
      onClose={() => setOpen(false)}
      className={admin ? 'settings settings-admin' : 'settings'}
    >
      <div className="dialog-head">
        <h2>{t('settings.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('settings.close')} onClick={() => setOpen(false)}>
          ✕
        </button>
      </div>
      {admin ? (
        <AdminSettings />
      ) : (
        <div className="settings-body">
          <GeneralSection />
        </div>
      )}
    </Modal>
  );
}

function GeneralSection() {
  const { t } = useTranslation();
  const setOpen = useUiStore((s) => s.setSettingsOpen);
  const showShortcuts = useUiStore((s) => s.setShortcutsOpen);
  const { prefs, update } = usePrefsStore();
  return (
    <>
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
      <NoticePrefs />
      <AccountSection />
    </>
  );
}

const PANELS: Record<Exclude<SettingsSection, 'general'>, () => JSX.Element | null> = {
  trays: TraysSettings,
  tags: TagsSettings,
  dispositions: DispositionsSettings,
  rules: RulesSettings,
};

function AdminSettings() {
  const { t } = useTranslation();
  const section = useSettingsAdminStore((s) => s.section);
  const setSection = useSettingsAdminStore((s) => s.setSection);
  const tabs = useRef<HTMLDivElement>(null);
  const Panel = section === 'general' ? null : PANELS[section];

  // Vertical tabs: ↑/↓ (and Home/End) move and show, as a tablist should.
  const onKey = (e: KeyboardEvent) => {
    const i = SETTINGS_SECTIONS.indexOf(section);
    const to =
      e.key === 'ArrowDown'
        ? (i + 1) % SETTINGS_SECTIONS.length
        : e.key === 'ArrowUp'
          ? (i - 1 + SETTINGS_SECTIONS.length) % SETTINGS_SECTIONS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? SETTINGS_SECTIONS.length - 1
              : -1;
    const next = SETTINGS_SECTIONS[to];
    if (!next) return;
    e.preventDefault();
    setSection(next);
    requestAnimationFrame(() => tabs.current?.querySelector<HTMLElement>(`#set-tab-${next}`)?.focus());
  };

  return (
    <div className="adm-layout">
      <div
        ref={tabs}
        className="adm-tabs"
        role="tablist"
        aria-orientation="vertical"
        aria-label={t('admin.settings.sections')}
        onKeyDown={onKey}
      >
        {SETTINGS_SECTIONS.map((s, i) => (
          <button
            key={s}
            id={`set-tab-${s}`}
            type="button"
            role="tab"
            aria-selected={s === section}
            aria-controls={`set-panel-${s}`}
            tabIndex={s === section ? 0 : -1}
            className={`adm-tab${s === section ? ' on' : ''}${i === 1 ? ' first-admin' : ''}`}
            onClick={() => setSection(s)}
          >
            {t(`admin.settings.section.${s}`)}
          </button>
        ))}
      </div>
      <div
        className="adm-panel"
        role="tabpanel"
        id={`set-panel-${section}`}
        aria-labelledby={`set-tab-${section}`}
        tabIndex={-1}
      >
        <div className="adm-scroll">
          {Panel ? (
            <Panel />
          ) : (
            <div className="settings-body adm-general">
              <GeneralSection />
            </div>
          )}
        </div>
        <SaveStatus />
      </div>
    </div>
  );
}

function SaveStatus() {
  const { t } = useTranslation();
  const saving = useSettingsAdminStore((s) => s.saving);
  const savedAt = useSettingsAdminStore((s) => s.savedAt);
  return (
    <p className="adm-status" role="status">
      {saving > 0 ? t('admin.settings.saving') : savedAt ? t('admin.settings.saved') : ''}
    </p>
  );
}

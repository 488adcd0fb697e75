// Boot: prefs (theme, language) and session first, then counts; wires events, shortcuts and the
// composer to whichever conversation is open.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Toasts } from './components/common/Toasts';
import { CommandPalette } from './components/dialogs/CommandPalette';
import { PickerHost } from './components/dialogs/PickerHost';
import { SettingsDialog } from './components/dialogs/SettingsDialog';
import { ShortcutsDialog } from './components/dialogs/ShortcutsDialog';
import { Shell } from './components/layout/Shell';
import { useDataEvents } from './hooks/useDataEvents';
import { useShortcuts } from './hooks/useShortcuts';
import { useComposerStore } from './stores/composerStore';
import { useConversationStore } from './stores/conversationStore';
import { useCountsStore } from './stores/countsStore';
import { usePrefsStore } from './stores/prefsStore';
import { useSessionStore } from './stores/sessionStore';
import { startSyncTracking } from './stores/syncStore';

function boot(): void {
  void usePrefsStore.getState().load();
  void useSessionStore.getState().load();
  void useCountsStore.getState().refresh();
  void startSyncTracking();
}

export function App() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const error = useSessionStore((s) => s.error);
  const openId = useConversationStore((s) => s.openId);
  useDataEvents();
  useShortcuts();

  useEffect(boot, []);
  // The composer follows the open conversation (and loads its draft).
  useEffect(() => {
    void useComposerStore.getState().load(openId);
  }, [openId]);

  if (!session) {
    return (
      <div className="splash" role="status" aria-live="polite">
        <div className="brand-mark big" aria-hidden="true" />
        {error ? (
          <>
            <p>{t('app.loadFailed')}</p>
            <button type="button" className="btn btn-primary" onClick={boot}>
              {t('app.retry')}
            </button>
          </>
        ) : (
          <p>{t('app.loading')}</p>
        )}
      </div>
    );
  }

  return (
    <>
      <Shell />
      <PickerHost />
      <CommandPalette />
      <ShortcutsDialog />
      <SettingsDialog />
      <Toasts />
    </>
  );
}

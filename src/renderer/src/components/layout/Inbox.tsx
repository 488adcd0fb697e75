// The signed-in (or server-less) app: loads the workspace (session, counts, refusals, presence), wires
// events, desktop notices and the window title, shortcuts, activity reporting and the composer, and on
// unmount — sign-out, expired session, another agent — forgets every store's workspace data so nothing of
// the previous session stays visible.
import { useEffect } from 'react';
import { useActivityReporter } from '../../hooks/useActivityReporter';
import { useDataEvents } from '../../hooks/useDataEvents';
import { useDesktopNotices } from '../../hooks/useDesktopNotices';
import { useShortcuts } from '../../hooks/useShortcuts';
import { resetWorkspaceStores } from '../../lib/resetWorkspace';
import { useComposerStore } from '../../stores/composerStore';
import { useConversationStore } from '../../stores/conversationStore';
import { useCountsStore } from '../../stores/countsStore';
import { useNotificationsStore } from '../../stores/notificationsStore';
import { usePresenceEnabled, usePresenceStore } from '../../stores/presenceStore';
import { useRejectionsStore } from '../../stores/rejectionsStore';
import { useReviewStore } from '../../stores/reviewStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useSettingsAdminStore } from '../../stores/settingsAdminStore';
import { useTasksStore } from '../../stores/tasksStore';
import { startSyncTracking } from '../../stores/syncStore';
import { Splash } from '../common/Splash';
import { Toasts } from '../common/Toasts';
import { CommandPalette } from '../dialogs/CommandPalette';
import { PickerHost } from '../dialogs/PickerHost';
import { GuideDialogs } from '../guide/GuideDialogs';
import { SettingsDialog } from '../dialogs/SettingsDialog';
import { ShortcutsDialog } from '../dialogs/ShortcutsDialog';
import { SignOutDialog } from '../dialogs/SignOutDialog';
import { Shell } from './Shell';

/** The workspace-level stores (Mis tareas, notifications, the review, the settings section) forget too. */
function forget(): void {
  resetWorkspaceStores();
  useTasksStore.getState().reset();
  useNotificationsStore.getState().reset();
  useReviewStore.getState().reset();
  useSettingsAdminStore.getState().reset();
}

function boot(): void {
  void useSessionStore.getState().load();
  void useCountsStore.getState().refresh();
  void useRejectionsStore.getState().refresh();
  void usePresenceStore.getState().load();
  void useTasksStore.getState().load();
  void useNotificationsStore.getState().load();
  // The status may have changed while the login screen was up.
  void startSyncTracking();
}

export function Inbox() {
  const session = useSessionStore((s) => s.session);
  const error = useSessionStore((s) => s.error);
  const openId = useConversationStore((s) => s.openId);
  useDataEvents();
  useDesktopNotices();
  useShortcuts();
  useActivityReporter(usePresenceEnabled());

  useEffect(() => {
    boot();
    return forget;
  }, []);
  // The composer follows the open conversation (and loads its draft).
  useEffect(() => {
    void useComposerStore.getState().load(openId);
  }, [openId]);

  if (!session) return <Splash failed={Boolean(error)} onRetry={boot} />;
  return (
    <>
      <Shell />
      <PickerHost />
      <GuideDialogs />
      <CommandPalette />
      <ShortcutsDialog />
      <SettingsDialog />
      <SignOutDialog />
      <Toasts />
    </>
  );
}

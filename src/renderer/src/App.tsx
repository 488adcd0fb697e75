// Boot: preferences (theme, language) and the session status first. Signed out → the login screen;
// signed in or server-less → the inbox, keyed by who is signed in so another agent gets a fresh one.
import { useEffect } from 'react';
import { LoginScreen } from './components/auth/LoginScreen';
import { Splash } from './components/common/Splash';
import { Inbox } from './components/layout/Inbox';
import { identityKey, useAuthStore } from './stores/authStore';
import { usePrefsStore } from './stores/prefsStore';
import { startSyncTracking } from './stores/syncStore';

function boot(): void {
  void usePrefsStore.getState().load();
  void useAuthStore.getState().load();
  void startSyncTracking();
}

export function App() {
  const status = useAuthStore((s) => s.status);
  const loadError = useAuthStore((s) => s.loadError);

  useEffect(boot, []);

  if (!status) return <Splash failed={Boolean(loadError)} onRetry={() => void useAuthStore.getState().load()} />;
  if (status.mode === 'signedOut') return <LoginScreen status={status} />;
  return <Inbox key={identityKey(status)} />;
}

// Settings › Cuenta: who is signed in, to which workspace and server, and "Cerrar sesión". Absent for the
// server-less demo replica, which has no session to end.
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../../stores/authStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useUiStore } from '../../stores/uiStore';
import { Avatar } from '../common/Avatar';

export function AccountSection() {
  const { t } = useTranslation();
  const status = useAuthStore((s) => s.status);
  const busy = useAuthStore((s) => s.signingOut);
  const session = useSessionStore((s) => s.session);
  if (status?.mode !== 'signedIn' || !session) return null;
  const signOut = () => {
    // The settings dialog closes first: a confirmation may follow, and focus must not return into it.
    useUiStore.getState().setSettingsOpen(false);
    void useAuthStore
      .getState()
      .signOut()
      .catch((err: unknown) => useUiStore.getState().pushError(err));
  };
  return (
    <section className="account" aria-labelledby="set-account">
      <h3 className="field-label" id="set-account">
        {t('account.title')}
      </h3>
      <div className="account-who">
        <Avatar name={session.me.name} color={session.me.color} size="md" />
        <div className="account-text">
          <span className="account-name">{session.me.name}</span>
          <span className="account-email selectable">{status.email}</span>
        </div>
      </div>
      <dl className="account-where">
        <dt>{t('account.workspace')}</dt>
        <dd className="selectable">
          {session.workspace.name}
          {status.workspace ? <span className="muted"> · {status.workspace}</span> : null}
        </dd>
        <dt>{t('account.server')}</dt>
        <dd className="selectable">{status.serverUrl}</dd>
      </dl>
      <button type="button" className="btn account-signout" disabled={busy} onClick={signOut}>
        {t('account.signOut')}
      </button>
    </section>
  );
}

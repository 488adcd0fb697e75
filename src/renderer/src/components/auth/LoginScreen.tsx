// Full-window sign-in shown while the core is signed out: server, email, password, and the workspace
// slug when the server says the email is in several workspaces (or the agent opens it). Pre-filled from
// the last session; Enter submits; errors are translated and point at the field to fix. On the quickstart's
// embedded server the core also names the demo account: a discreet box shows it and fills the form.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../../shared/auth';
import type { Locale } from '../../../../shared/domain';
import { errorTextOrMessage } from '../../lib/errorText';
import { normalizeServerUrl } from '../../lib/serverUrl';
import { useAuthStore } from '../../stores/authStore';
import { usePrefsStore } from '../../stores/prefsStore';
import { toPayload } from '../../transport';
import { Icon } from '../common/Icon';
import { Segmented } from '../common/Segmented';

type Field = 'serverUrl' | 'email' | 'password' | 'workspace';
type SignedOut = Extract<AuthStatus, { mode: 'signedOut' }>;

const LOCALES: [Locale, string][] = [
  ['es', 'settings.languageEs'],
  ['en', 'settings.languageEn'],
];
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Which field a sign-in error is about, so focus lands where the agent has to act. */
function fieldOf(messageKey: string | undefined): Field | null {
  switch (messageKey) {
    case 'errors.invalidCredentials':
      return 'password';
    case 'errors.workspaceRequired':
      return 'workspace';
    case 'errors.serverUnreachable':
    case 'errors.serverError':
      return 'serverUrl';
    default:
      return null;
  }
}

export function LoginScreen({ status }: { status: SignedOut }) {
  const { t } = useTranslation();
  const ids = useId();
  const signIn = useAuthStore((s) => s.signIn);
  const { prefs, update } = usePrefsStore();
  const [values, setValues] = useState<Record<Field, string>>({
    serverUrl: status.serverUrl ?? '',
    email: status.email ?? '',
    password: '',
    workspace: status.workspace ?? '',
  });
  const [showWorkspace, setShowWorkspace] = useState(Boolean(status.workspace));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field: Field | null } | null>(null);
  // Fields are found by id (not refs): focus moves only from effects, after the field is rendered.
  const input = useCallback(
    (field: Field) => document.getElementById(`${ids}-${field}`) as HTMLInputElement | null,
    [ids],
  );
  // After an error (or the workspace field appearing) focus goes to the field to fix, once rendered;
  // `n` makes asking twice for the same field a new request.
  const [focusRequest, setFocusRequest] = useState<{ field: Field; n: number } | null>(null);
  const focus = (field: Field) => setFocusRequest((r) => ({ field, n: (r?.n ?? 0) + 1 }));

  // Start where there is something to type: the server, else the email, else the password.
  useEffect(() => {
    const first = (['serverUrl', 'email', 'password'] as const).find((f) => !input(f)?.value);
    input(first ?? 'password')?.focus();
  }, [input]);

  useEffect(() => {
    if (!focusRequest) return;
    const el = input(focusRequest.field);
    el?.focus();
    if (focusRequest.field === 'password') el?.select();
  }, [focusRequest, input]);

  const fillDemo = (demo: NonNullable<SignedOut['demo']>) => {
    // The server field stays: the core's demo account lives on the server it already points at.
    setValues((v) => ({ ...v, email: demo.email, password: demo.password, workspace: demo.workspace }));
    setShowWorkspace(true);
    setError(null);
    focus('password');
  };

  const set = (field: Field) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    if (error?.field === field) setError(null);
  };

  const fail = (text: string, field: Field | null) => {
    setError({ text, field });
    if (field === 'workspace') setShowWorkspace(true);
    if (field) focus(field);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const serverUrl = normalizeServerUrl(values.serverUrl);
    if (!serverUrl) return fail(t('auth.invalidServer'), 'serverUrl');
    const email = values.email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail(t('auth.invalidEmail'), 'email');
    if (!values.password) return fail(t('auth.passwordRequired'), 'password');
    const workspace = showWorkspace ? values.workspace.trim().toLowerCase() : '';
    if (workspace && (workspace.length < 3 || !SLUG.test(workspace)))
      return fail(t('auth.invalidWorkspace'), 'workspace');
    setBusy(true);
    setError(null);
    try {
      // On success auth.changed swaps this screen for the inbox; nothing else to do here.
      await signIn({ serverUrl, email, password: values.password, ...(workspace ? { workspace } : {}) });
    } catch (err) {
      fail(errorTextOrMessage(t, err), fieldOf(toPayload(err).messageKey));
      setBusy(false);
    }
  }

  const errorId = `${ids}-error`;
  const fieldProps = (field: Field) => ({
    id: `${ids}-${field}`,
    value: values[field],
    onChange: set(field),
    disabled: busy,
    className: 'text-input',
    'aria-invalid': error?.field === field ? true : undefined,
    'aria-describedby': error?.field === field ? errorId : undefined,
  });

  return (
    <main className="login" aria-labelledby={`${ids}-title`}>
      <div className="login-card">
        <header className="login-head">
          <span className="brand-mark big" aria-hidden="true">
            <Icon name="inbox" size={22} />
          </span>
          <h1 id={`${ids}-title`}>{t('app.name')}</h1>
          <p className="login-sub">{t('auth.subtitle')}</p>
        </header>

        {status.reason === 'expired' ? (
          <div className="login-notice" role="status">
            <Icon name="clock" />
            <span>{t('auth.expired')}</span>
          </div>
        ) : null}

        {status.demo ? <DemoHint demo={status.demo} disabled={busy} onUse={fillDemo} /> : null}

        <form className="login-form" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy}>
          <div className="login-field">
            <label htmlFor={`${ids}-serverUrl`}>{t('auth.server')}</label>
            <input
              {...fieldProps('serverUrl')}
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              autoCapitalize="off"
              placeholder={t('auth.serverPlaceholder')}
            />
          </div>
          <div className="login-field">
            <label htmlFor={`${ids}-email`}>{t('auth.email')}</label>
            <input
              {...fieldProps('email')}
              type="email"
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="off"
              placeholder={t('auth.emailPlaceholder')}
            />
          </div>
          <div className="login-field">
            <label htmlFor={`${ids}-password`}>{t('auth.password')}</label>
            <input {...fieldProps('password')} type="password" autoComplete="current-password" />
          </div>
          {showWorkspace ? (
            <div className="login-field">
              <label htmlFor={`${ids}-workspace`}>{t('auth.workspace')}</label>
              <input
                {...fieldProps('workspace')}
                type="text"
                autoComplete="organization"
                spellCheck={false}
                autoCapitalize="off"
                placeholder={t('auth.workspacePlaceholder')}
              />
              <span className="login-hint">{t('auth.workspaceHint')}</span>
            </div>
          ) : (
            <button
              type="button"
              className="link-btn login-toggle"
              onClick={() => {
                setShowWorkspace(true);
                focus('workspace');
              }}
            >
              {t('auth.workspaceToggle')}
            </button>
          )}

          {error ? (
            <p className="login-error" role="alert" id={errorId}>
              <Icon name="alert" />
              <span>{error.text}</span>
            </p>
          ) : null}

          <button type="submit" className="btn btn-primary login-submit" disabled={busy}>
            {busy ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>

        <footer className="login-foot">
          <span className="visually-hidden" id={`${ids}-lang`}>
            {t('settings.language')}
          </span>
          <Segmented
            labelledBy={`${ids}-lang`}
            options={LOCALES.map(([value, label]) => ({ value, label: t(label), lang: value }))}
            value={prefs.locale}
            onSelect={(locale) => void update({ locale })}
          />
        </footer>
      </div>
    </main>
  );
}

/** The quickstart's demo account, in words and as a button that fills the form (never signs in by itself). */
function DemoHint({
  demo,
  disabled,
  onUse,
}: {
  demo: NonNullable<SignedOut['demo']>;
  disabled: boolean;
  onUse(demo: NonNullable<SignedOut['demo']>): void;
}) {
  const { t } = useTranslation();
  // A short name of its own: labelled by its sentence, the region would also answer to "Contraseña".
  return (
    <section className="login-demo" aria-label={t('auth.demoRegion')}>
      <Icon name="user" />
      <p className="login-demo-text">{t('auth.demoText', { email: demo.email, password: demo.password })}</p>
      <button type="button" className="btn btn-sm" disabled={disabled} onClick={() => onUse(demo)}>
        {t('auth.demoUse')}
      </button>
    </section>
  );
}

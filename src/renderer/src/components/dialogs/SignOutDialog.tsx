// Asked only when the core refused to sign out because changes have not reached the server: they would
// be lost. "Cancelar" (or Escape) keeps the session; the danger button signs out discarding them.
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../../stores/authStore';
import { useUiStore } from '../../stores/uiStore';
import { Icon } from '../common/Icon';
import { Modal } from './Modal';

export function SignOutDialog() {
  const { t } = useTranslation();
  const confirm = useAuthStore((s) => s.confirmSignOut);
  const busy = useAuthStore((s) => s.signingOut);
  const cancel = useAuthStore((s) => s.cancelSignOut);
  if (!confirm) return null;
  const discard = () =>
    void useAuthStore
      .getState()
      .signOut(true)
      .catch((err: unknown) => useUiStore.getState().pushError(err));
  return (
    <Modal label={t('account.confirmTitle')} onClose={cancel} className="confirm" role="alertdialog">
      <div className="confirm-body">
        <span className="confirm-icon" aria-hidden="true">
          <Icon name="alert" size={20} />
        </span>
        <div>
          <h2>{t('account.confirmTitle')}</h2>
          <p>{t('account.confirmBody', { count: confirm.pending })}</p>
        </div>
      </div>
      <div className="confirm-actions">
        {/* First, so Enter on the focused button never discards work by accident. */}
        <button type="button" className="btn" onClick={cancel}>
          {t('account.cancel')}
        </button>
        <button type="button" className="btn btn-danger" disabled={busy} aria-busy={busy} onClick={discard}>
          {t('account.confirmDiscard')}
        </button>
      </div>
    </Modal>
  );
}

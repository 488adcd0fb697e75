// The waiting screen before there is anything to show: a loading line, or a failure with "Reintentar".
import { useTranslation } from 'react-i18next';

export function Splash({ failed, onRetry }: { failed: boolean; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status" aria-live="polite">
      <div className="brand-mark big" aria-hidden="true" />
      {failed ? (
        <>
          <p>{t('app.loadFailed')}</p>
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </div>
  );
}

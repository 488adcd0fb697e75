// Toasts: errors (translated by code, stay until dismissed), info, and the per-item bulk report.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkItemResult } from '../../../../shared/contract';
import { useUiStore, type Toast } from '../../stores/uiStore';
import { Icon } from './Icon';

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useUiStore((s) => s.toasts);
  return (
    <div className="toasts" role="region" aria-label={t('toast.region')} aria-live="polite">
      {toasts.map((toast) => (
        <ToastCard key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useUiStore((s) => s.dismiss);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <div className="toast-body">
        {toast.kind === 'info' && <span>{toast.text}</span>}
        {toast.kind === 'error' && (
          <>
            <Icon name="alert" className="toast-icon" />
            <div>
              <strong>{t('errors.title')}</strong>
              <div>{translateError(t, toast.error.code, toast.error.messageKey)}</div>
            </div>
          </>
        )}
        {toast.kind === 'bulk' && <BulkReport results={toast.results} names={toast.names} />}
      </div>
      <button
        type="button"
        className="icon-btn toast-close"
        aria-label={t('toast.dismiss')}
        onClick={() => dismiss(toast.id)}
      >
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

function translateError(t: ReturnType<typeof useTranslation>['t'], code: string, key?: string): string {
  if (key) {
    const specific = t(key, { defaultValue: '' });
    if (specific) return specific;
  }
  return t(`errors.${code}`);
}

function BulkReport({ results, names }: { results: BulkItemResult[]; names: Record<string, string> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const nameOf = (id: string) => names[id] ?? id.slice(0, 8);
  const tally = { changed: 0, unchanged: 0, failed: 0 };
  results.forEach((r) => tally[r.outcome]++);
  return (
    <div className="bulk-report">
      <div className="bulk-summary">
        <Icon name={tally.failed ? 'alert' : 'check'} className={tally.failed ? 'toast-icon warn' : 'toast-icon ok'} />
        <span>{t('bulk.summary', tally)}</span>
        <button type="button" className="link-btn" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('bulk.hideDetails') : t('bulk.details')}
        </button>
      </div>
      {open && (
        <ul className="bulk-items">
          {results.map((r) => (
            <li key={r.conversationId} className={`bulk-item outcome-${r.outcome}`}>
              <span className="bulk-name">{nameOf(r.conversationId)}</span>
              <span className="bulk-outcome">
                {t(`bulk.outcome.${r.outcome}`)}
                {r.error ? ` — ${translateError(t, r.error.code, r.error.messageKey)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

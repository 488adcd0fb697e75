// Toasts: errors (translated by code, stay until dismissed), info, and the per-item bulk report (the
// refused items and their reasons are listed at once; a bulk resolve says "7 resueltas, 3 rechazadas").
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkItemResult } from '../../../../shared/contract';
import type { ErrorPayload } from '../../../../shared/errors';
import type { BulkAction } from '../../../../shared/mutations';
import { payloadText, shortReason } from '../../lib/errorText';
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
              <div>{payloadText(t, toast.error)}</div>
            </div>
          </>
        )}
        {toast.kind === 'bulk' && <BulkReport results={toast.results} names={toast.names} action={toast.action} />}
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

function BulkReport({
  results,
  names,
  action,
}: {
  results: BulkItemResult[];
  names: Record<string, string>;
  action: BulkAction['type'] | undefined;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const nameOf = (id: string) => names[id] ?? id.slice(0, 8);
  const tally = { changed: 0, unchanged: 0, failed: 0 };
  results.forEach((r) => tally[r.outcome]++);
  const failed = results.filter((r) => !r.ok);
  const resolve = action === 'resolve';
  // Refusals are what the agent must act on: they are listed at once; "Ver detalle" shows every item.
  const shown = open ? results : failed;
  const error = (r: BulkItemResult): Pick<ErrorPayload, 'code' | 'messageKey' | 'params'> =>
    r.error ?? { code: 'internal' };
  return (
    <div className="bulk-report">
      <div className="bulk-summary">
        <Icon name={tally.failed ? 'alert' : 'check'} className={tally.failed ? 'toast-icon warn' : 'toast-icon ok'} />
        <span>
          {resolve
            ? resolveSummary(
                t,
                tally.changed,
                failed.map((r) => shortReason(t, error(r))),
              )
            : t('bulk.summary', tally)}
        </span>
        <button type="button" className="link-btn" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('bulk.hideDetails') : t('bulk.details')}
        </button>
      </div>
      {shown.length > 0 && (
        <ul className="bulk-items">
          {shown.map((r) => (
            <li key={r.conversationId} className={`bulk-item outcome-${r.outcome}`}>
              <span className="bulk-name">{nameOf(r.conversationId)}</span>
              <span className="bulk-outcome">
                {resolve ? t(`guide.bulk.outcome.${r.outcome}`) : t(`bulk.outcome.${r.outcome}`)}
                {r.error ? ` — ${payloadText(t, r.error)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "7 resueltas, 3 rechazadas: sin respuesta" (several reasons: "2 sin respuesta, 1 sin calificación"). */
function resolveSummary(t: ReturnType<typeof useTranslation>['t'], resolved: number, reasons: string[]): string {
  const done = t('guide.bulk.resolved', { count: resolved });
  if (reasons.length === 0) return done;
  const groups = new Map<string, number>();
  reasons.forEach((r) => groups.set(r, (groups.get(r) ?? 0) + 1));
  const why =
    groups.size === 1
      ? [...groups.keys()][0]!
      : [...groups.entries()].map(([reason, n]) => t('guide.bulk.reasonCount', { count: n, reason })).join(', ');
  return t('guide.bulk.resolveSummary', { done, refused: t('guide.bulk.refused', { count: reasons.length }), why });
}

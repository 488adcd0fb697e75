// Small pieces shared by the admin sections of Ajustes: a section heading with its "Nueva …" button, up/down
// ordering buttons (and Alt+↑/↓ on the row), an inline name form (Enter saves, Escape cancels without
// closing the dialog) and what closes it once saved, a switch, and the "Inactiva" badge.
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon';

export function SectionHead({ title, body, action }: { title: string; body?: string; action?: ReactNode }) {
  return (
    <div className="adm-section-head">
      <div className="adm-section-text">
        <h3>{title}</h3>
        {body ? <p className="adm-help">{body}</p> : null}
      </div>
      {action}
    </div>
  );
}

/** The "Nueva bandeja / etiqueta / calificación" button of a section head. */
export function NewButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="btn btn-sm" onClick={onClick}>
      <Icon name="plus" size={14} />
      {label}
    </button>
  );
}

/**
 * What a form's onSubmit answers for a save that returns the saved id (null when refused): saved, `close`
 * runs and the form is done (true); refused, it stays open with the admin's text (false).
 */
export function closeWhenSaved(close: () => void) {
  return (id: string | null): boolean => {
    if (id) close();
    return Boolean(id);
  };
}

/**
 * Runs a reorder and keeps the keyboard focus where it was: React may move the focused row's DOM node to
 * its new place, and a moved node loses focus.
 */
function keepingFocus(run: () => void): void {
  const el = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  run();
  requestAnimationFrame(() => {
    if (el?.isConnected && document.activeElement !== el) el.focus();
  });
}

/** Alt+↑ / Alt+↓ anywhere on an orderable row moves it. */
export function reorderKeys(onMove: (delta: -1 | 1) => void) {
  return (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    e.stopPropagation();
    const delta = e.key === 'ArrowUp' ? -1 : 1;
    keepingFocus(() => onMove(delta));
  };
}

export function ReorderButtons({
  name,
  first,
  last,
  onMove,
}: {
  name: string;
  first: boolean;
  last: boolean;
  onMove(delta: -1 | 1): void;
}) {
  const { t } = useTranslation();
  // aria-disabled rather than disabled: focus stays on the button when the item reaches the end.
  return (
    <span className="adm-order">
      <button
        type="button"
        className="icon-btn adm-order-btn"
        aria-label={t('admin.settings.moveUp', { name })}
        title={t('admin.settings.moveUpHint')}
        aria-disabled={first}
        onClick={() => !first && keepingFocus(() => onMove(-1))}
      >
        <Icon name="arrow-up" size={13} />
      </button>
      <button
        type="button"
        className="icon-btn adm-order-btn"
        aria-label={t('admin.settings.moveDown', { name })}
        title={t('admin.settings.moveDownHint')}
        aria-disabled={last}
        onClick={() => !last && keepingFocus(() => onMove(1))}
      >
        <Icon name="arrow-down" size={13} />
      </button>
    </span>
  );
}

export const MAX_NAME = 80;

interface NameFormProps {
  /** Accessible name of the form ("Nueva bandeja", "Renombrar Ventas"). */
  title: string;
  /** Label of the name field. */
  label: string;
  initial?: string;
  submitLabel?: string;
  /** Extra fields (team, color, follow-up…), shown under the name. */
  children?: ReactNode;
  /** Resolves true when saved (the form closes), false to keep it open. */
  onSubmit(name: string): Promise<boolean> | boolean;
  onCancel(): void;
}

export function NameForm({ title, label, initial = '', submitLabel, children, onSubmit, onCancel }: NameFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const value = name.trim();
    if (!value) return setError(t('admin.settings.nameRequired'));
    if (value.length > MAX_NAME) return setError(t('admin.settings.nameTooLong', { max: MAX_NAME }));
    setBusy(true);
    // Saved: the parent closes the form. Refused: it stays, with the agent's text, to try again.
    await onSubmit(value);
    setBusy(false);
  };
  return (
    <form
      className="adm-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // The form closes; the settings dialog stays.
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="adm-field">
        <label htmlFor={`${id}-name`}>{label}</label>
        <input
          id={`${id}-name`}
          className="text-input"
          value={name}
          maxLength={MAX_NAME + 20}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          autoFocus
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <span className="adm-error" id={`${id}-err`} role="alert">
            {error}
          </span>
        ) : null}
      </div>
      {children}
      <div className="adm-form-actions">
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
          {submitLabel ?? t('admin.settings.save')}
        </button>
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          {t('admin.settings.cancel')}
        </button>
      </div>
    </form>
  );
}

export function Switch({
  checked,
  label,
  labelledBy,
  describedBy,
  disabled,
  onChange,
}: {
  checked: boolean;
  /** Accessible name when no visible label names it (aria-label). */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  disabled?: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <button
      type="button"
      role="switch"
      className={`adm-switch${checked ? ' on' : ''}`}
      aria-checked={checked}
      aria-label={label}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      disabled={disabled}
      onClick={() => onChange(!checked)}
    >
      <span className="adm-switch-knob" aria-hidden="true" />
    </button>
  );
}

export function InactiveBadge() {
  const { t } = useTranslation();
  return <span className="adm-badge">{t('admin.settings.inactive')}</span>;
}

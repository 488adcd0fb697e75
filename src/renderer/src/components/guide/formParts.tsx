// What the guide's inline forms (task, ticket, external contact, descriptive note) share: the form element
// (the browser's validation off: the form checks its fields itself and says what to fix), the save flow of
// the simple ones, and the footer of the note-like ones.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function GuideForm({
  className,
  label,
  onSubmit,
  children,
}: {
  className: string;
  label: string;
  onSubmit(): void;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/**
 * One save at a time. With a field to fix (`firstInvalidId`, the id of the first one), the form shows its
 * errors (`tried`) and that field takes the focus; else `save` runs and a truthy answer calls `onDone`.
 */
export function useGuardedSubmit(firstInvalidId: string | null, save: () => Promise<unknown>, onDone: () => void) {
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    if (firstInvalidId) {
      setTried(true);
      document.getElementById(firstInvalidId)?.focus();
      return;
    }
    setBusy(true);
    const ok = await save();
    setBusy(false);
    if (ok) onDone();
  };
  return { tried, busy, submit };
}

/** The footer of the note-like forms: the Ctrl/⌘+Enter hint, Cancelar (when it can be), the save button. */
export function NoteFormActions({
  busy,
  onCancel,
  children,
}: {
  busy: boolean;
  onCancel?: (() => void) | undefined;
  /** The save button's content (icon and words). */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="guide-actions">
      <span className="guide-hint">{t('guide.note.hint')}</span>
      {onCancel ? (
        <button type="button" className="btn" onClick={onCancel}>
          {t('guide.cancel')}
        </button>
      ) : null}
      <button type="submit" className="btn btn-note" disabled={busy}>
        {children}
      </button>
    </div>
  );
}

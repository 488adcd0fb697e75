// Pieces of the guide's dialogs (inside GuideModal): the head with the title and the close button, the
// footer with the keys hint, Cancelar and the main action, and the keyboard of their lists of choices
// (calificaciones, snooze times): a radio group where arrows, Home/End and Space move the choice and
// digits 1–9 pick one directly.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../common/Icon';

export function DialogHead({
  title,
  icon,
  className,
  onClose,
}: {
  title: string;
  /** Shown before the title. */
  icon?: ReactNode;
  className?: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className={className ? `dialog-head ${className}` : 'dialog-head'}>
      <h2>
        {icon ? (
          <>
            {icon} {title}
          </>
        ) : (
          title
        )}
      </h2>
      <button type="button" className="icon-btn" aria-label={t('guide.close')} onClick={onClose}>
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

export function DialogFoot({
  hint,
  onCancel,
  confirmDisabled,
  onConfirm,
  children,
}: {
  /** The keys of the dialog, in words. */
  hint: string;
  onCancel(): void;
  confirmDisabled: boolean;
  onConfirm(): void;
  /** The main button's content (icon and words). */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="guide-foot">
      <span className="guide-hint">{hint}</span>
      <button type="button" className="btn" onClick={onCancel}>
        {t('guide.cancel')}
      </button>
      <button type="button" className="btn btn-primary" disabled={confirmDisabled} onClick={onConfirm}>
        {children}
      </button>
    </div>
  );
}

/**
 * Where a key moves the choice of a radio list from option `i` of `count`: ↓/→ next, ↑/← previous (the
 * caller wraps around), Home first, End last, Space this one; null for any other key.
 */
export function radioMove(key: string, i: number, count: number): number | null {
  if (key === 'ArrowDown' || key === 'ArrowRight') return i + 1;
  if (key === 'ArrowUp' || key === 'ArrowLeft') return i - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key === ' ') return i;
  return null;
}

/** The digit that picks option `index` (the first nine have one). */
export function DigitKey({ index }: { index: number }) {
  return index < 9 ? (
    <kbd className="disposition-key" aria-hidden="true">
      {index + 1}
    </kbd>
  ) : null;
}

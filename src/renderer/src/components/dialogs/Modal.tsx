// Shared dialog frame: backdrop, role="dialog", Escape closes, focus comes back where it was.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  label: string;
  onClose(): void;
  className?: string;
  /** `alertdialog` for a confirmation that interrupts (sign-out with changes pending). */
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}

export function Modal({ label, onClose, className, role = 'dialog', children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, button, select, textarea, [tabindex="0"]');
    (first ?? ref.current)?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        className={`dialog ${className ?? ''}`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}

// One row of column 1: icon, name, live count for the selected status (or the view's own count, e.g. my
// open tasks, with a tone when something is overdue and a few words for screen readers).
import type { ReactNode } from 'react';

interface Props {
  label: string;
  count?: number | undefined;
  /** `alert`: the count needs attention (overdue tasks). */
  countTone?: 'alert' | undefined;
  /** Said after the count, not shown (e.g. "1 vencida"). */
  countHint?: string | undefined;
  active: boolean;
  icon?: ReactNode;
  depth?: 0 | 1;
  onSelect(): void;
  trailing?: ReactNode;
}

export function NavItem({ label, count, countTone, countHint, active, icon, depth = 0, onSelect, trailing }: Props) {
  return (
    <div className={`nav-row depth-${depth}${active ? ' active' : ''}`}>
      {trailing}
      <button type="button" className="nav-item" aria-current={active ? 'page' : undefined} onClick={onSelect}>
        {icon ? <span className="nav-icon">{icon}</span> : null}
        <span className="nav-label">{label}</span>
        {count !== undefined && count > 0 ? (
          <span className={`nav-count${countTone ? ` nav-count-${countTone}` : ''}`}>
            {count}
            {countHint ? <span className="visually-hidden"> ({countHint})</span> : null}
          </span>
        ) : null}
      </button>
    </div>
  );
}

// One row of column 1: icon, name, live count for the selected status.
import type { ReactNode } from 'react';

interface Props {
  label: string;
  count?: number | undefined;
  active: boolean;
  icon?: ReactNode;
  depth?: 0 | 1;
  onSelect(): void;
  trailing?: ReactNode;
}

export function NavItem({ label, count, active, icon, depth = 0, onSelect, trailing }: Props) {
  return (
    <div className={`nav-row depth-${depth}${active ? ' active' : ''}`}>
      {trailing}
      <button type="button" className="nav-item" aria-current={active ? 'page' : undefined} onClick={onSelect}>
        {icon ? <span className="nav-icon">{icon}</span> : null}
        <span className="nav-label">{label}</span>
        {count !== undefined && count > 0 ? <span className="nav-count">{count}</span> : null}
      </button>
    </div>
  );
}

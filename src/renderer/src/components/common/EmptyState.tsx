// Friendly empty states ("Bandeja en cero 🎉") instead of blank panes.
import type { ReactNode } from 'react';

export function EmptyState({ title, body, icon }: { title: string; body?: string; icon?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      {icon ? <div className="empty-icon">{icon}</div> : null}
      <p className="empty-title">{title}</p>
      {body ? <p className="empty-body">{body}</p> : null}
    </div>
  );
}

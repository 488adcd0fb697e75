// A tag as a colored chip; the color is a soft tint of the tag color so text keeps AA contrast.
import type { ReactNode } from 'react';
import type { Tag } from '../../../../shared/entities';

export function TagChip({ tag, children }: { tag: Tag; children?: ReactNode }) {
  return (
    <span className="tag-chip" style={{ ['--tag-color' as string]: tag.color }}>
      <span className="tag-dot" aria-hidden="true" />
      {tag.name}
      {children}
    </span>
  );
}

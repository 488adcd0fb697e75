// Drag (or arrow-key) handle between two columns. Reports live widths while dragging and commits once
// at the end, so prefs are written once per gesture rather than on every pixel.
import { useRef } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right grows the column (left-side columns), -1 for the details column. */
  direction: 1 | -1;
  onChange(width: number): void;
  onCommit(width: number): void;
}

export function ResizeHandle({ label, value, min, max, direction, onChange, onCommit }: Props) {
  const drag = useRef<{ x: number; start: number; last: number } | null>(null);
  const clamp = (w: number) => Math.round(Math.max(min, Math.min(max, w)));
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className="resize-handle"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, start: value, last: value };
        document.body.classList.add('resizing');
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        const w = clamp(drag.current.start + direction * (e.clientX - drag.current.x));
        drag.current.last = w;
        onChange(w);
      }}
      onPointerUp={() => {
        if (!drag.current) return;
        onCommit(drag.current.last);
        drag.current = null;
        document.body.classList.remove('resizing');
      }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        const w = clamp(value + direction * (e.key === 'ArrowRight' ? 16 : -16));
        onChange(w);
        onCommit(w);
      }}
    />
  );
}

// Initials on a color disc — the agent's own color when known, a stable hash otherwise.
import { colorFor, initials } from '../../lib/people';

interface Props {
  name: string;
  color?: string | undefined;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  title?: string;
}

export function Avatar({ name, color, size = 'sm', title }: Props) {
  return (
    <span
      className={`avatar avatar-${size}`}
      style={{ background: color ?? colorFor(name) }}
      title={title ?? name}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}

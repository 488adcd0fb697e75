// Stroke icons of the workspace-level screens (bell, tasks, review, ordering), drawn like common/Icon.
type Name = 'bell' | 'tasks' | 'review' | 'arrow-up' | 'arrow-down' | 'plus' | 'pencil' | 'circle' | 'check-circle';

const PATHS: Record<Name, string> = {
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z M10 20.5a2.2 2.2 0 0 0 4 0',
  tasks: 'M4 6.5l1.6 1.6L8.5 5 M4 12.5l1.6 1.6 2.9-3.1 M4 18.5l1.6 1.6 2.9-3.1 M11.5 7h8.5 M11.5 13h8.5 M11.5 19h8.5',
  review: 'M9 4h6v3H9z M7 5.5H5v15h14v-15h-2 M8.5 12.5l2.3 2.3 4.7-4.8',
  'arrow-up': 'M12 19V5 M6 11l6-6 6 6',
  'arrow-down': 'M12 5v14 M6 13l6 6 6-6',
  plus: 'M12 5v14 M5 12h14',
  pencil: 'M4 20h4L19 9l-4-4L4 16z M13.5 6.5l4 4',
  circle: 'M12 20.5a8.5 8.5 0 1 0 0-17 8.5 8.5 0 0 0 0 17z',
  'check-circle': 'M12 20.5a8.5 8.5 0 1 0 0-17 8.5 8.5 0 0 0 0 17z M8.2 12.3l2.6 2.6 5-5.2',
};

export function AdminIcon({ name, size = 16, className }: { name: Name; size?: number; className?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={className ? `icon ${className}` : 'icon'}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

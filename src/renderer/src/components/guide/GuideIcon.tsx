// Icons of the guide's features (phone, ticket, company…) in the same stroke style as common/Icon.
type Name =
  | 'phone'
  | 'edit'
  | 'merge'
  | 'ticket'
  | 'task'
  | 'building'
  | 'link'
  | 'plus'
  | 'history'
  | 'structured'
  | 'flag'
  | 'at';

const PATHS: Record<Name, string> = {
  phone:
    'M5 4h3.5l1.6 4.2-2.2 1.4a11 11 0 0 0 6.5 6.5l1.4-2.2L20 15.5V19a1.5 1.5 0 0 1-1.6 1.5A16.5 16.5 0 0 1 3.5 5.6 1.5 1.5 0 0 1 5 4z',
  edit: 'M4 20h4L19 9l-4-4L4 16z M13.5 6.5l4 4',
  merge: 'M6 4v4a6 6 0 0 0 6 6h0a6 6 0 0 1 6 6 M18 4v4a6 6 0 0 1-3 5.2 M12 14v6',
  ticket: 'M4 7h16v3a2 2 0 0 0 0 4v3H4v-3a2 2 0 0 0 0-4z M14 7v10',
  task: 'M5 5h14v14H5z M8.5 12l2.5 2.5 4.5-5',
  building: 'M5 21V4h10v17 M15 9h4v12 M3 21h18 M8 8h.01 M12 8h.01 M8 12h.01 M12 12h.01 M8 16h.01 M12 16h.01',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1 M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  plus: 'M12 5v14 M5 12h14',
  history: 'M4 12a8 8 0 1 0 2.3-5.7 M4 4v4.5h4.5 M12 8v4.5l3 2',
  structured: 'M5 4h14v16H5z M8 8h8 M8 12h8 M8 16h5',
  flag: 'M5 21V4 M5 4h11l-2 4 2 4H5',
  at: 'M16 12a4 4 0 1 1-8 0 4 4 0 0 1 8 0z M16 12v1.5a2.5 2.5 0 0 0 5 0V12a9 9 0 1 0-3.5 7.1',
};

export function GuideIcon({ name, size = 16, className }: { name: Name; size?: number; className?: string }) {
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
export type GuideIconName = Name;

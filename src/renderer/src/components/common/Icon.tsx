// The app's stroke icons (buttons, the guide's features, the workspace screens): one component so they
// all share size and stroke.
type Name =
  | 'check'
  | 'lock'
  | 'chevron-right'
  | 'chevron-down'
  | 'settings'
  | 'user'
  | 'move'
  | 'tag'
  | 'x'
  | 'search'
  | 'paperclip'
  | 'file'
  | 'panel-right'
  | 'reopen'
  | 'clock'
  | 'inbox'
  | 'users'
  | 'layers'
  | 'send'
  | 'note'
  | 'keyboard'
  | 'cloud-off'
  | 'alert'
  | 'hash'
  // The guide's features.
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
  | 'at'
  // The workspace screens (bell, Mis tareas, Revisión de cierres, ordering).
  | 'bell'
  | 'tasks'
  | 'review'
  | 'arrow-up'
  | 'arrow-down'
  | 'circle'
  | 'check-circle';

const PATHS: Record<Name, string> = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  lock: 'M7 11V8a5 5 0 0 1 10 0v3 M5.5 11h13v9h-13z',
  'chevron-right': 'M9 6l6 6-6 6',
  'chevron-down': 'M6 9l6 6 6-6',
  settings:
    'M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4z M19.4 13.5l1.6 1.2-1.8 3.1-1.9-.7a7.6 7.6 0 0 1-1.9 1.1l-.3 2h-3.6l-.3-2a7.6 7.6 0 0 1-1.9-1.1l-1.9.7L3 14.7l1.6-1.2a7.7 7.7 0 0 1 0-3L3 9.3l1.8-3.1 1.9.7a7.6 7.6 0 0 1 1.9-1.1l.3-2h3.6l.3 2a7.6 7.6 0 0 1 1.9 1.1l1.9-.7L21 9.3l-1.6 1.2a7.7 7.7 0 0 1 0 3z',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4.5 20a7.5 7.5 0 0 1 15 0',
  users:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z M2.5 19.5a6.5 6.5 0 0 1 13 0 M16 4.3a3.5 3.5 0 0 1 0 6.4 M18 13.6a6.5 6.5 0 0 1 3.5 5.9',
  move: 'M4 7h11 M11 3l4 4-4 4 M20 17H9 M13 13l-4 4 4 4',
  tag: 'M3.5 12.2V4.5a1 1 0 0 1 1-1h7.7l8.3 8.3a1.5 1.5 0 0 1 0 2.1l-6.2 6.2a1.5 1.5 0 0 1-2.1 0z M8 8h.01',
  x: 'M6 6l12 12 M18 6L6 18',
  search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z M15.5 15.5L20 20',
  paperclip: 'M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.1-8.1a3.3 3.3 0 0 1 4.7 4.7l-8.1 8.1a1.7 1.7 0 0 1-2.4-2.4l7.5-7.5',
  file: 'M6 3h8l4 4v14H6z M14 3v4h4 M9 12h6 M9 16h6',
  'panel-right': 'M4 5h16v14H4z M15 5v14',
  reopen: 'M4 12a8 8 0 1 0 2.3-5.7 M4 4v4.5h4.5',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 7v5l3 2',
  inbox: 'M3 13l3-8h12l3 8v6H3z M3 13h5l1.5 2.5h5L16 13h5',
  layers: 'M12 3l9 5-9 5-9-5z M3 13l9 5 9-5',
  send: 'M4 12l16-8-6 16-2.5-6.5z M11.5 13.5L20 4',
  note: 'M5 4h14v11l-5 5H5z M14 20v-5h5',
  keyboard: 'M3 6h18v12H3z M7 10h.01 M11 10h.01 M15 10h.01 M7 14h10',
  'cloud-off': 'M7 18h10a4 4 0 0 0 .7-7.9A6 6 0 0 0 6.2 9 4.5 4.5 0 0 0 7 18z',
  alert: 'M12 4l9 16H3z M12 10v4 M12 17h.01',
  hash: 'M5 9h14 M5 15h14 M10 4L8 20 M16 4l-2 16',
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
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z M10 20.5a2.2 2.2 0 0 0 4 0',
  tasks: 'M4 6.5l1.6 1.6L8.5 5 M4 12.5l1.6 1.6 2.9-3.1 M4 18.5l1.6 1.6 2.9-3.1 M11.5 7h8.5 M11.5 13h8.5 M11.5 19h8.5',
  review: 'M9 4h6v3H9z M7 5.5H5v15h14v-15h-2 M8.5 12.5l2.3 2.3 4.7-4.8',
  'arrow-up': 'M12 19V5 M6 11l6-6 6 6',
  'arrow-down': 'M12 5v14 M6 13l6 6 6-6',
  circle: 'M12 20.5a8.5 8.5 0 1 0 0-17 8.5 8.5 0 0 0 0 17z',
  'check-circle': 'M12 20.5a8.5 8.5 0 1 0 0-17 8.5 8.5 0 0 0 0 17z M8.2 12.3l2.6 2.6 5-5.2',
};

export function Icon({ name, size = 16, className }: { name: Name; size?: number; className?: string }) {
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
export type IconName = Name;

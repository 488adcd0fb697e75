// Whether this window may show desktop notices. In the browser (headless host) that is the web
// Notification permission, asked only when the agent presses "Activar avisos de escritorio" — never a
// prompt at load; "Ahora no" is remembered on this device. Electron shows notices natively ('native').
import { create } from 'zustand';
import { getTransport } from '../transport';

export type NoticePermission = NotificationPermission | 'unsupported' | 'native';

const DISMISSED_KEY = 'bandeja.desktopNotices.dismissed';

/** The permission as the platform says it now (it can change in the browser's site settings). */
export function readPermission(): NoticePermission {
  if (getTransport().kind === 'ipc') return 'native';
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

function readDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

interface DesktopNoticeState {
  permission: NoticePermission;
  /** The agent said "Ahora no" to the banner (settings still offer the button). */
  dismissed: boolean;
  read(): void;
  request(): Promise<void>;
  dismiss(): void;
}

export const useDesktopNoticeStore = create<DesktopNoticeState>((set) => ({
  permission: 'default',
  dismissed: readDismissed(),
  read: () => set({ permission: readPermission() }),
  async request() {
    if (readPermission() !== 'default') return set({ permission: readPermission() });
    try {
      const permission = await Notification.requestPermission();
      set({ permission });
    } catch {
      set({ permission: readPermission() });
    }
  },
  dismiss() {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Private mode: the banner simply comes back next time.
    }
    set({ dismissed: true });
  },
}));

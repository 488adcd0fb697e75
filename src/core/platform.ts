// What differs between Electron, the headless host and tests: injected into the core, never imported.
import type { DesktopNotice } from '../shared';

export interface Clock {
  now(): number;
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** A desktop notification (src/shared/contract.ts DesktopNotice): `conversationId` opens on click. */
export type DesktopNotification = DesktopNotice;

/** Shows desktop notifications: Electron natively, the host through the browser's Notification API. */
export interface Notifier {
  notify(n: DesktopNotification): void;
}

/** Where the session token lives: Electron encrypts it with safeStorage; elsewhere a 0600 file. */
export interface SecretStore {
  get(): string | null;
  set(secret: string): void;
  clear(): void;
}

export interface Platform {
  /** Folder for the database, backups and logs. */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  /** Opens a URL with the OS (allow-listed schemes are checked by the caller too). */
  openExternal(url: string): Promise<boolean>;
  /** Default: `<dataDir>/session.token`, readable only by this user (the host, tests). */
  secrets?: SecretStore;
  /** The agent's IANA time zone (do-not-disturb hours); default: this machine's. */
  timeZone?: string;
  /**
   * Timers of the notifier (tests drive them by hand with a controllable clock); default setTimeout.
   * A timer handle is whatever `set` returns.
   */
  timers?: Timers;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending reminder never keeps a process (tests, the host on shutdown) alive by itself.
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const systemClock: Clock = { now: () => Date.now() };

export const consoleLogger: Logger = {
  info: (msg, data) => console.log(JSON.stringify({ level: 'info', msg, ...data })),
  warn: (msg, data) => console.warn(JSON.stringify({ level: 'warn', msg, ...data })),
  error: (msg, data) => console.error(JSON.stringify({ level: 'error', msg, ...data })),
};

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};

export const nullNotifier: Notifier = { notify: () => {} };

// What differs between Electron, the headless host and tests: injected into the core, never imported.
export interface Clock {
  now(): number;
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface DesktopNotification {
  title: string;
  body: string;
  /** Conversation to open when clicked. */
  conversationId?: string;
}

/** Seam for the notifier (snooze issue): Electron uses Notification, the host the web Notification API. */
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
}

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

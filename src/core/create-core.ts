// Builds a core: opens (and migrates) the replica, ensures this device's identity, seeds the demo
// workspace when asked, and exposes `dispatch`, the single validated entry for every contract call.
import { join } from 'node:path';
import { AppError, contract, isMethodName, newId, toErrorPayload, zodIssues } from '../shared';
import type { EventName, EventPayload, MethodName, Result } from '../shared';
import type { CoreContext } from './context';
import { getMeta, setMeta } from './db/meta';
import { openDatabase, type OpenedDatabase } from './db/open';
import { StatementCache } from './db/statements';
import { seedDemoWorkspace, type DemoOptions } from './demo/seed';
import { handlers } from './handlers';
import type { Platform } from './platform';
import { fileSecretStore } from './sync/file-secret-store';
import { SessionManager, type SessionOptions } from './sync/session';
import { installUndoLog } from './sync/undo-log';
import { installNotificationTriggers, unreadCount } from './notifications/inbox';
import { createNotifierCenter, type NotifierCenter } from './notifications/notifier';
import { getPrefs } from './local-state';
import { realTimers } from './platform';

export interface CoreOptions {
  platform: Platform;
  /** Defaults to `<dataDir>/bandeja.db`. */
  dbFile?: string;
  migrationsFolder?: string;
  /** better-sqlite3 binding for a non-Node ABI (the Electron app). */
  nativeBinding?: string;
  /** Generate the demo workspace when the database has no workspace yet. */
  seedDemo?: boolean | DemoOptions;
  /** Check every output against the contract (on in tests; costs a little per call). */
  validateOutput?: boolean;
  /** Sync tuning and fault injection (tests, benchmarks). */
  sync?: Pick<
    SessionOptions,
    | 'serverUrl'
    | 'demoAccount'
    | 'transportFactory'
    | 'idlePullMs'
    | 'retryMinMs'
    | 'retryMaxMs'
    | 'pullLimit'
    | 'realtime'
  >;
}

/** Methods that need no workspace: the login screen, device preferences and the sync indicator. */
const WITHOUT_WORKSPACE = new Set<MethodName>([
  'auth.status',
  'auth.signIn',
  'auth.signOut',
  'prefs.get',
  'prefs.set',
  'sync.status',
  'sync.now',
  'attachments.open',
  'presence.list',
  'presence.setActivity',
]);

export type CoreListener = (event: EventName, payload: unknown) => void;

export interface Core {
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: CoreListener): () => void;
  /** Stops syncing (waits for a round in flight) and closes the database. */
  close(): Promise<void>;
  /** A server poke (WebSocket): pull soon. `reconnect` after a lost connection. */
  poke(opts?: { reconnect?: boolean }): void;
  /** The reminders and desktop notifications (tests run it at a chosen clock with refresh()). */
  readonly notifications: NotifierCenter;
  /** For tests, benchmarks and the sync client: the live context. */
  readonly context: CoreContext;
  readonly opened: OpenedDatabase;
}

export function createCore(options: CoreOptions): Core {
  const { platform } = options;
  const opened = openDatabase({
    file: options.dbFile ?? join(platform.dataDir, 'bandeja.db'),
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
    now: platform.clock.now,
  });
  const { db, sqlite } = opened;
  if (opened.backupFile)
    platform.logger.info('database backed up before migrating', {
      file: opened.backupFile,
    });

  let clientId = getMeta(db, 'clientId');
  if (!clientId) {
    clientId = newId();
    setMeta(db, 'clientId', clientId);
  }
  const savedMode = getMeta(db, 'mode') ?? (getMeta(db, 'workspaceId') ? 'local' : null);
  if (!savedMode && options.seedDemo) {
    seedDemoWorkspace(db, sqlite, platform.clock.now(), options.seedDemo === true ? {} : options.seedDemo);
    // The server-less demo replica holds every tray, so its agent works them all (a server would send an
    // agent only the trays they belong to, and the shared mutators refuse the others).
    sqlite
      .prepare('INSERT OR IGNORE INTO tray_members (tray_id, agent_id) SELECT id, ? FROM trays')
      .run(getMeta(db, 'meId'));
    setMeta(db, 'mode', 'local');
  }
  const mode = savedMode ?? (options.seedDemo ? 'local' : null);
  const workspaceId = getMeta(db, 'workspaceId') ?? '';
  const meId = getMeta(db, 'meId') ?? '';
  const replica: CoreContext['replica'] = {
    mode: mode === 'local' && workspaceId ? 'local' : mode === 'server' && workspaceId ? 'server' : 'none',
  };

  const listeners = new Set<CoreListener>();
  /** The unread notification count last announced to the UI. */
  let unread = 0;
  let remindersQueued = false;
  const statements = new StatementCache(sqlite);
  const context: CoreContext = {
    db,
    sqlite,
    statements,
    clock: platform.clock,
    logger: platform.logger,
    workspaceId,
    meId,
    clientId,
    replica,
    undo: installUndoLog(sqlite, statements),
    onMutated: () => {
      context.emit('sync.changed', session.syncStatus());
      session.requestSync();
      // A snooze, a task due date or a follow-up may have moved: re-arm the reminders — once per burst
      // (a bulk action of 500 conversations is one re-read, after the handler returns).
      if (!remindersQueued) {
        remindersQueued = true;
        queueMicrotask(() => {
          remindersQueued = false;
          notifications.refresh();
        });
      }
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      // Whoever announces the unread count (markRead, a sync round) moves the mark the next change compares to.
      if (event === 'notifications.changed') unread = (payload as EventPayload<'notifications.changed'>).unread;
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch (err) {
          platform.logger.error('event listener failed', {
            event,
            error: String(err),
          });
        }
      }
    },
  };
  installNotificationTriggers(sqlite, context);
  // Pulled rows may have notified the agent (a mention, an assignment): tell the UI when the count moves.
  unread = context.replica.mode === 'none' ? 0 : unreadCount(context);
  const emitUnreadIfChanged = () => {
    const now = unreadCount(context);
    if (now !== unread) context.emit('notifications.changed', { unread: now });
    unread = now;
  };
  const session = new SessionManager({
    ctx: context,
    secrets: platform.secrets ?? fileSecretStore(join(platform.dataDir, 'session.token')),
    ...options.sync,
    onDataChanged: (conversationIds, reference) => {
      context.emit('data.changed', { conversationIds, counts: true, reason: reference ? 'sync.reference' : 'sync' });
      notifications.refresh();
      emitUnreadIfChanged();
    },
    onSyncStatus: (status) => context.emit('sync.changed', status),
    onAuthChanged: (status) => context.emit('auth.changed', status),
    onPresence: (agents) => context.emit('presence.changed', { agents }),
  });
  const notifications: NotifierCenter = createNotifierCenter({
    ctx: context,
    notifier: platform.notifier,
    timers: platform.timers ?? realTimers,
    timeZone: platform.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    prefs: () => getPrefs(context),
    onWoken: (conversationIds) => context.emit('data.changed', { conversationIds, counts: true, reason: 'wake' }),
    onNotified: emitUnreadIfChanged,
  });
  const env = { openExternal: (url: string) => platform.openExternal(url), session };
  const validateOutput = options.validateOutput ?? false;

  async function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: {
          code: 'unknown_method',
          message: 'Unknown method',
          messageKey: 'errors.unknownMethod',
        },
      };
    }
    if (context.replica.mode === 'none' && !WITHOUT_WORKSPACE.has(method))
      return {
        ok: false,
        error: { code: 'forbidden', message: 'Sign in first', messageKey: 'errors.signedOut' },
      };
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: new AppError(
          'invalid_input',
          `Invalid input for ${method}`,
          'errors.invalidInput',
          zodIssues(parsed.error),
        ).toPayload(),
      };
    }
    try {
      const handler = handlers[method] as (c: CoreContext, i: unknown, e: typeof env) => unknown;
      const value = await handler(context, parsed.data, env);
      if (validateOutput) spec.output.parse(value);
      return { ok: true, value };
    } catch (err) {
      if (!(err instanceof AppError))
        platform.logger.error('core call failed', {
          method: method as MethodName,
          error: String(err),
        });
      return { ok: false, error: toErrorPayload(err) };
    }
  }

  notifications.start();
  session.resume();

  return {
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      notifications.stop();
      listeners.clear();
      // Closed at once unless a sync round is in flight (then when it ends), so tests can reopen the file.
      const { busy, done } = session.close();
      if (!busy) {
        if (sqlite.open) sqlite.close();
        return Promise.resolve();
      }
      return done.then(() => {
        if (sqlite.open) sqlite.close();
      });
    },
    poke: (opts) => session.requestSync(opts),
    notifications,
    context,
    opened,
  };
}

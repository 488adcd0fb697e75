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
}

export type CoreListener = (event: EventName, payload: unknown) => void;

export interface Core {
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: CoreListener): () => void;
  close(): void;
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
  if (!getMeta(db, 'workspaceId') && options.seedDemo) {
    seedDemoWorkspace(db, sqlite, platform.clock.now(), options.seedDemo === true ? {} : options.seedDemo);
  }
  const workspaceId = getMeta(db, 'workspaceId');
  const meId = getMeta(db, 'meId');
  if (!workspaceId || !meId) {
    sqlite.close();
    throw new Error('No workspace in the local database: start with the demo workspace or sign in (issue 3).');
  }

  const listeners = new Set<CoreListener>();
  const context: CoreContext = {
    db,
    sqlite,
    statements: new StatementCache(sqlite),
    clock: platform.clock,
    logger: platform.logger,
    workspaceId,
    meId,
    clientId,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
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
  const env = { openExternal: (url: string) => platform.openExternal(url) };
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

  return {
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      if (sqlite.open) sqlite.close();
    },
    context,
    opened,
  };
}

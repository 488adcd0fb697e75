// The change feed across server instances on one PostgreSQL: NOTIFY on publish, one dedicated connection
// doing LISTEN. Payloads are `<instance id>|<workspace id>` (or `|<presence message>`): this instance
// delivers to its own subscribers at once and skips its own notifications, so a local poke never waits
// for a database round trip. If the LISTEN connection drops it reconnects with backoff and then pokes
// every local subscriber, since notifications sent meanwhile are lost (the cursor makes that harmless).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { type ChangeFeed, ListenerSet } from './feed';

export const CHANGES_CHANNEL = 'bandeja_changes';
export const PRESENCE_CHANNEL = 'bandeja_presence';
/** Recognizable in pg_stat_activity (and by the reconnect test). */
export const FEED_APPLICATION_NAME = 'bandeja-feed';

export interface FeedLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface PgFeedOptions {
  /** Where the LISTEN connection goes (a dedicated client, never one of the pool's). */
  connection: pg.ClientConfig;
  /** Runs the NOTIFY queries; default: the LISTEN connection. The app passes its pool. */
  notifier?: Pick<pg.Pool, 'query'>;
  log?: FeedLogger;
  /** Reconnect delays double from min to max (with jitter). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

export interface PgFeed extends ChangeFeed {
  readonly instanceId: string;
  /** Whether the LISTEN connection is up (tests wait on it after killing it). */
  readonly listening: boolean;
}

const silent: FeedLogger = { info: () => undefined, warn: () => undefined };

/** Resolves once the first LISTEN attempt is over: connected, or retrying in the background. */
export async function createPgFeed(opts: PgFeedOptions): Promise<PgFeed> {
  const instanceId = randomUUID();
  const log = opts.log ?? silent;
  const minMs = opts.reconnectMinMs ?? 100;
  const maxMs = opts.reconnectMaxMs ?? 10_000;
  const listeners = new ListenerSet();
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  // Presence messages of one sender must arrive in order: the pool may use another connection for each
  // query, so they go one after the other.
  let presenceChain: Promise<void> = Promise.resolve();

  const onNotification = (n: pg.Notification) => {
    const payload = n.payload ?? '';
    const bar = payload.indexOf('|');
    if (bar < 0 || payload.slice(0, bar) === instanceId) return;
    const body = payload.slice(bar + 1);
    if (n.channel === CHANGES_CHANNEL) listeners.deliver(body);
    else if (n.channel === PRESENCE_CHANNEL) listeners.deliverPresence(body);
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20)) * (0.75 + Math.random() / 2);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect(true);
    }, delay);
    retryTimer.unref();
  };

  const dropClient = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    listening = false;
    c.removeAllListeners('notification');
    void c.end().catch(() => undefined);
    scheduleReconnect();
  };

  async function connect(isReconnect: boolean): Promise<void> {
    const c = new pg.Client({ ...opts.connection, application_name: FEED_APPLICATION_NAME });
    // Without an error listener a dropped connection would crash the process.
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'change feed: LISTEN connection failed');
      dropClient(c);
    });
    c.on('end', () => dropClient(c));
    c.on('notification', onNotification);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      await c.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (err) {
      log.warn({ err: (err as Error).message, attempt }, 'change feed: cannot LISTEN, retrying');
      dropClient(c);
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    listening = true;
    attempt = 0;
    if (isReconnect) {
      log.info({}, 'change feed: LISTEN connection restored');
      listeners.deliverAll();
      listeners.deliverPresence(null);
    }
  }

  const notify = async (channel: string, body: string): Promise<void> => {
    const target = opts.notifier ?? client;
    if (!target || closed) return;
    try {
      await target.query('select pg_notify($1, $2)', [channel, `${instanceId}|${body}`]);
    } catch (err) {
      // A hint lost: subscribers elsewhere catch up on their next poke or reconnect.
      log.warn({ err: (err as Error).message, channel }, 'change feed: NOTIFY failed');
    }
  };

  await connect(false);

  return {
    instanceId,
    get listening() {
      return listening;
    },
    publish(workspaceId) {
      listeners.deliver(workspaceId);
      void notify(CHANGES_CHANNEL, workspaceId);
    },
    subscribe: (workspaceId, listener) => listeners.subscribe(workspaceId, listener),
    publishPresence(message) {
      queueMicrotask(() => listeners.deliverPresence(message));
      presenceChain = presenceChain.then(() => notify(PRESENCE_CHANNEL, message));
      return presenceChain;
    },
    subscribePresence: (listener) => listeners.subscribePresence(listener),
    async close() {
      if (closed) return;
      await presenceChain;
      closed = true;
      clearTimeout(retryTimer);
      listeners.clear();
      const c = client;
      client = null;
      listening = false;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
}

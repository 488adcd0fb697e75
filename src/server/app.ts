// buildServer: a fully wired Fastify instance (routes, limits, error shape, logging) that does not listen.
// The CLI listens; tests use `inject()` or listen on port 0. Closing the instance closes the database.
import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_LIMITS, type ServerContext, type ServerLimits } from './context';
import type { Database } from './db/open';
import { frameworkErrors, installErrorHandlers } from './http-errors';
import { installJsonBodyParser } from './json-body';
import { registerAgentRoutes } from './routes/agents';
import { registerAuthRoutes } from './routes/auth';
import { registerConversationRoutes } from './routes/conversations';
import { registerHealthRoutes } from './routes/health';
import { registerInboundRoutes } from './routes/inbound';
import { registerSyncRoutes } from './routes/sync';
import { registerTrayRoutes } from './routes/trays';
import { registerWorkspaceRoutes } from './routes/workspaces';
import { startWakeJob, type WakeJob, type WakeOptions } from './jobs';
import type { ChangeFeed } from './realtime/feed';
import { feedForDatabase } from './realtime/select-feed';
import { type RealtimeOptions, registerRealtimeRoutes } from './routes/realtime';

/** Requests carry at most a message or a batch of mutations: 256 KiB is generous and bounds abuse. */
export const BODY_LIMIT_BYTES = 256 * 1024;

export interface BuildServerOptions {
  database: Database;
  /** Fastify/pino logger options; `false` (the default) for silence, e.g. in tests. */
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  allowSignup?: boolean;
  limits?: Partial<ServerLimits>;
  /** Epoch ms clock; tests move it forward to expire sessions. */
  now?: () => number;
  /**
   * The change feed; default: LISTEN/NOTIFY on PostgreSQL (several instances may share it), in-process on
   * PGlite. A feed given here belongs to the caller, who closes it.
   */
  feed?: ChangeFeed;
  /** WebSocket and presence timings (tests shorten them). */
  realtime?: Partial<RealtimeOptions>;
  /** Close the database when the server closes (default true; tests sharing one database pass false). */
  closeDatabase?: boolean;
  /**
   * Run the wake-up job (due snoozes and follow-ups back to Abiertas): `true` or its options. The real
   * servers (cli.ts, embedded.ts) always do; off by default so tests that move the clock are not raced.
   */
  wake?: boolean | Partial<WakeOptions>;
}

/** Secrets never reach the log, whatever a serializer or a debug statement decides to include. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'password',
  '*.password',
  'admin.password',
  'token',
  '*.token',
];

/** Any logger we build redacts secrets; `true` means info level. */
function loggerOptions(logger: BuildServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? { level: 'info' } : logger;
  return { redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' }, ...base };
}

export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: opts.trustProxy ?? false,
    genReqId: () => randomUUID(),
    // While shutting down, new requests get 503 and the balancer moves on; in-flight ones finish.
    return503OnClosing: true,
    frameworkErrors,
  });

  const ctx: ServerContext = {
    database: opts.database,
    db: opts.database.db,
    now: opts.now ?? Date.now,
    allowSignup: opts.allowSignup ?? true,
    feed: opts.feed ?? (await feedForDatabase(opts.database, app.log)),
  };
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...opts.limits };

  installErrorHandlers(app);
  installJsonBodyParser(app);
  await app.register(rateLimit, { global: false });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Responses carry tokens and workspace data: never cached by anything in between.
    reply.header('cache-control', 'no-store');
  });
  if (opts.closeDatabase ?? true) app.addHook('onClose', async () => opts.database.close());
  if (!opts.feed) app.addHook('onClose', () => ctx.feed.close());
  if (opts.wake) {
    const wake = opts.wake === true ? {} : opts.wake;
    let job: WakeJob | undefined;
    app.addHook('onReady', async () => void (job = startWakeJob(ctx, app.log, wake)));
    // preClose: before the database and the feed close (onClose), a run in flight finishes first.
    app.addHook('preClose', async () => job?.stop());
  }

  registerHealthRoutes(app, ctx);
  registerWorkspaceRoutes(app, ctx, limits);
  registerAuthRoutes(app, ctx, limits);
  registerAgentRoutes(app, ctx);
  registerTrayRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerConversationRoutes(app, ctx);
  await registerRealtimeRoutes(app, ctx, opts.realtime);
  registerInboundRoutes(app, ctx);

  return app;
}

// GET /api/v1/ws (the realtime WebSocket: pokes and presence, frames in src/shared/realtime.ts) and
// GET /api/v1/presence (any signed-in agent, own workspace). Owns the WebSocket server, the ping round and
// the presence tracker; on shutdown closes every socket with 1001 and says goodbye to the other instances.
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import {
  API_PREFIX,
  NoQuery,
  type PresenceResponse,
  REALTIME_PATH,
  WS_AUTH_TIMEOUT_MS,
  WS_CLOSE,
  WS_MAX_PAYLOAD_BYTES,
} from '../../shared';
import { authenticate } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { DEFAULT_PRESENCE_OPTIONS, PresenceTracker } from '../realtime/presence';
import { type RealtimeOptions, RealtimeSocket } from '../realtime/socket';
import { parseInput } from '../validation';

export type { RealtimeOptions } from '../realtime/socket';

export const DEFAULT_REALTIME_OPTIONS: RealtimeOptions = {
  ...DEFAULT_PRESENCE_OPTIONS,
  authTimeoutMs: WS_AUTH_TIMEOUT_MS,
  pingIntervalMs: 30_000,
  revalidateMs: 60_000,
  revalidateOnPokeMs: 5_000,
  pokeCoalesceMs: 10,
  maxInvalidFrames: 50,
  maxQueuedFrames: 32,
};

/** How long shutdown waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 1_000;

export async function registerRealtimeRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: Partial<RealtimeOptions> = {},
): Promise<void> {
  const opts: RealtimeOptions = { ...DEFAULT_REALTIME_OPTIONS, ...options };
  const presence = new PresenceTracker(ctx.feed, opts);
  const sockets = new Set<RealtimeSocket>();

  const pinger = setInterval(() => {
    for (const s of sockets) s.heartbeat();
  }, opts.pingIntervalMs);
  pinger.unref();

  await app.register(websocket, {
    // Tokens travel in the first frame (or a header), never in cookies: a cross-site page cannot ride on
    // a browser's credentials here, so no Origin check is needed.
    options: { maxPayload: WS_MAX_PAYLOAD_BYTES },
    // Protocol errors (oversized frame, bad UTF-8) and resets: ws has already closed, with the RFC's code
    // (1009, 1007). Anything else leaves a socket nobody serves: close it.
    errorHandler: (err, socket, req) => {
      req.log.info({ err: err.message }, 'websocket: socket error');
      if (socket.readyState === socket.OPEN) socket.close(WS_CLOSE.internalError, 'Server error, reconnect later');
    },
    preClose: async () => {
      clearInterval(pinger);
      const open = [...app.websocketServer.clients];
      for (const s of sockets) s.close(WS_CLOSE.goingAway, 'Server shutting down');
      await Promise.race([
        Promise.all(
          open.map(
            (ws) => new Promise((resolve) => (ws.readyState === ws.CLOSED ? resolve(0) : ws.once('close', resolve))),
          ),
        ),
        new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
      ]);
      for (const ws of app.websocketServer.clients) ws.terminate();
      await presence.stop();
      await new Promise<void>((resolve) => app.websocketServer.close(() => resolve()));
    },
  });

  app.route({
    method: 'GET',
    url: REALTIME_PATH,
    // A plain HTTP request (no Upgrade) gets 426 in the shared error shape, not the plugin's bare 404.
    handler: async () => {
      throw new HttpError(426, 'invalid_input', 'Realtime WebSocket: connect with Upgrade: websocket', undefined, {
        upgrade: 'websocket',
      });
    },
    wsHandler: (ws, req) => {
      const socket = new RealtimeSocket(ws, ctx, presence, opts, req.log);
      sockets.add(socket);
      ws.on('close', () => sockets.delete(socket));
      socket.start(req.headers.authorization);
    },
  });

  app.get(`${API_PREFIX}/presence`, async (req) => {
    const auth = await authenticate(ctx, req);
    parseInput(NoQuery, req.query, 'query');
    const body: PresenceResponse = { agents: presence.snapshot(auth.workspace.id) };
    return body;
  });
}

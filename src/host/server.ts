// src/host — the headless host: the same core as the desktop app under plain Node, the built renderer
// over HTTP and the shared contract over one WebSocket (/ws). Used by Playwright, by development and
// wherever the Electron binary is absent. Loopback only: Host and Origin headers are checked so that
// neither another web site (cross-site WebSocket) nor a rebinding DNS name can drive the core.
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Result } from '../shared/errors';
import { createNodePlatform } from './platform';
import { openReplica, type OpenedReplica, type ReplicaSource } from '../core';
import { startEmbeddedServer } from '../server/embedded';
import { createStaticHandler } from './static';
import { handleWsFrame } from './ws-frame';

/** What the host needs from a core; the real one (src/core) and test fakes both fit. */
export interface HostCore {
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  close(): void | Promise<void>;
}

export interface HostOptions {
  /** 0 = a free port chosen by the OS. */
  port: number;
  host?: '127.0.0.1';
  dataDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where the replica's data comes from (quickstart, a server, or the local demo). */
  mode: ReplicaSource;
  /** Inject a core (tests); otherwise the host creates one over `dataDir` and closes it on close(). */
  core?: HostCore;
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const WS_PATH = '/ws';
const MAX_PAYLOAD = 1024 * 1024;
/** A client that does not read its events is cut off instead of growing our memory without bound. */
const MAX_BUFFERED = 16 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;
const BINARY_REFUSED = JSON.stringify({
  id: 0,
  ok: false,
  error: { code: 'invalid_input', message: 'Binary frames are not supported' },
});

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const hostname = opts.host ?? '127.0.0.1';
  const clients = new Set<WebSocket>();
  const broadcast = (event: string, payload: unknown) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of clients) send(ws, frame);
  };

  // The core comes first: a broken database must fail before the "ready" line is printed.
  let core = opts.core;
  let hosted: OpenedReplica | null = null;
  if (!core) {
    mkdirSync(opts.dataDir, { recursive: true });
    const platform = createNodePlatform({ dataDir: opts.dataDir, broadcast });
    hosted = await openReplica(opts.mode, { platform }, (dataDir) => startEmbeddedServer({ dataDir }));
    core = hosted.core;
  }
  const theCore = core;
  const closeCore = async () => {
    if (hosted) await hosted.close();
  };
  const unsubscribe = theCore.subscribe(broadcast);

  const statics = createStaticHandler(opts.rendererDir);
  let port = opts.port;
  const allowedHosts = () => new Set([`${hostname}:${port}`, `localhost:${port}`]);
  const hostAllowed = (req: IncomingMessage) => allowedHosts().has(req.headers.host ?? '');
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    return typeof origin === 'string' && [...allowedHosts()].some((h) => origin === `http://${h}`);
  };

  const server = createServer((req, res) => {
    if (!hostAllowed(req)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' });
      res.end('Misdirected request\n');
      return;
    }
    if (req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
      res.end('ok\n');
      return;
    }
    statics.handle(req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(req) || !originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const alive = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('close', () => clients.delete(ws));
    // Oversized frames (1009) and protocol errors end up here; the socket closes, the host lives on.
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return send(ws, BINARY_REFUSED);
      void handleWsFrame(rawToString(data), (m, i) => theCore.dispatch(m, i)).then((out) => send(ws, out));
    });
  });

  const heartbeat = setInterval(() => {
    for (const ws of clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, hostname, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    clearInterval(heartbeat);
    unsubscribe();
    await closeCore();
    throw err;
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(heartbeat);
      unsubscribe();
      await closeClients(clients);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeCore();
    })());

  return { url: `http://${hostname}:${port}/`, port, close };
}

function send(ws: WebSocket, frame: string): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED) {
    ws.terminate();
    return;
  }
  ws.send(frame);
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function refuseUpgrade(socket: Duplex, code: number, text: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Polite close (1001 "going away") with a short grace period, then cut whatever is left. */
async function closeClients(clients: Set<WebSocket>): Promise<void> {
  const pending = [...clients].map(
    (ws) =>
      new Promise<void>((resolve) => {
        if (ws.readyState === ws.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close(1001, 'Host shutting down');
      }),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(pending), new Promise<void>((r) => (timer = setTimeout(r, 1000)))]);
  clearTimeout(timer);
  for (const ws of clients) ws.terminate();
  clients.clear();
}

// Shared set-up of the realtime suites: a listening server with short realtime timings, and a WebSocket
// test client (the `ws` package) that records every frame and the close, with waits that fail with context.
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { Database } from '../../src/server';
import type { RealtimeOptions } from '../../src/server/routes/realtime';
import { newId, REALTIME_PATH, ServerFrame } from '../../src/shared';
import { makeServer, type TestServer } from './helpers';
import type { BuildServerOptions } from '../../src/server';

export interface ListeningServer extends TestServer {
  base: string;
  wsUrl: string;
}

/** Timings short enough for tests, long enough not to fire by accident in a busy run. */
export const FAST_REALTIME: Partial<RealtimeOptions> = {
  authTimeoutMs: 400,
  pingIntervalMs: 200,
  revalidateMs: 60_000,
  revalidateOnPokeMs: 0,
  awayAfterMs: 60_000,
  offlineGraceMs: 150,
  presenceHeartbeatMs: 100,
};

export async function listen(
  database: Database,
  realtime: Partial<RealtimeOptions> = FAST_REALTIME,
  opts: Partial<BuildServerOptions> = {},
): Promise<ListeningServer> {
  const s = await makeServer(database, { realtime, ...opts });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...s, ...urls(s.app) };
}

export function urls(app: FastifyInstance): { base: string; wsUrl: string } {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return { base: `http://127.0.0.1:${address.port}`, wsUrl: `ws://127.0.0.1:${address.port}${REALTIME_PATH}` };
}

export interface Closed {
  code: number;
  reason: string;
}

/** Frames the server sends, parsed with the shared schema (a frame that does not parse fails the test). */
export class WsClient {
  readonly frames: ServerFrame[] = [];
  readonly raw: string[] = [];
  readonly closed: Promise<Closed>;
  closedWith: Closed | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      this.raw.push(text);
      this.frames.push(ServerFrame.parse(JSON.parse(text)));
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        resolve(this.closedWith);
        this.wake();
      }),
    );
    ws.on('error', () => undefined); // surfaces as a close
  }

  /** `autoPong: false` plays a peer that died without closing (it never answers the server's pings). */
  static async open(wsUrl: string, headers: Record<string, string> = {}, autoPong = true): Promise<WsClient> {
    const ws = new WebSocket(wsUrl, { headers, autoPong });
    const client = new WsClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return client;
  }

  /** Opens, says hello, waits for `ready`. */
  static async ready(wsUrl: string, token: string, autoPong = true): Promise<WsClient> {
    const client = await WsClient.open(wsUrl, {}, autoPong);
    client.send({ type: 'hello', token, clientId: newId() });
    await client.next('ready');
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits for a frame of this type after index `from` (default: any seen so far counts). */
  async next<T extends ServerFrame['type']>(
    type: T,
    opts: { from?: number; timeoutMs?: number; where?: (f: Extract<ServerFrame, { type: T }>) => boolean } = {},
  ): Promise<Extract<ServerFrame, { type: T }>> {
    const found = await this.until(() => {
      for (let i = opts.from ?? 0; i < this.frames.length; i++) {
        const f = this.frames[i]!;
        if (f.type === type && (!opts.where || opts.where(f as Extract<ServerFrame, { type: T }>))) return f;
      }
      return undefined;
    }, opts.timeoutMs ?? 3_000);
    if (!found) {
      throw new Error(
        `no ${type} frame within ${opts.timeoutMs ?? 3_000} ms; frames: ${this.raw.slice(-5).join(' ')}; closed: ${JSON.stringify(this.closedWith)}`,
      );
    }
    return found as Extract<ServerFrame, { type: T }>;
  }

  async closeCode(timeoutMs = 3_000): Promise<Closed> {
    const closed = await this.until(() => this.closedWith ?? undefined, timeoutMs);
    if (!closed) throw new Error(`not closed within ${timeoutMs} ms; frames: ${this.raw.slice(-5).join(' ')}`);
    return closed;
  }

  /** Resolves with the first truthy value of `probe`, re-checked on every frame/close, or undefined at timeout. */
  until<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise((resolve) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        done(value);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      this.waiters.add(check);
    });
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** Polls `probe` until truthy (for state that has no event, e.g. an HTTP endpoint). */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 3_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

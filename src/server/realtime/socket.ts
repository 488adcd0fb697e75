// One realtime WebSocket, from upgrade to close: authentication (`hello` or a Bearer header), frame
// validation, pokes from the change feed, presence in and out, and periodic session revalidation, so a
// revoked session or a disabled agent loses its socket within seconds, not at the next reconnect.
// Every inbound frame is checked against the shared schema; nothing a client sends can throw out of here.
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import WebSocket, { type RawData } from 'ws';
import { ClientFrame, type ServerFrame, WS_CLOSE, zodIssues } from '../../shared';
import { type AuthContext, resolveSession } from '../auth/sessions';
import { bearerToken } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { PresenceHandle, PresenceOptions, PresenceTracker } from './presence';

export interface RealtimeOptions extends PresenceOptions {
  /** Time allowed between the upgrade and a successful `hello`. */
  authTimeoutMs: number;
  /** Protocol ping every this long; a peer that has not answered the previous one is dropped. */
  pingIntervalMs: number;
  /** The session is re-read this often (sliding it, and catching revocation and disabled agents)… */
  revalidateMs: number;
  /** …and on a poke when the last check is older than this. */
  revalidateOnPokeMs: number;
  /** Pokes of a burst within this window are sent as one. */
  pokeCoalesceMs: number;
  /** Invalid frames tolerated (each answered with an error) before closing 4400. */
  maxInvalidFrames: number;
  /** Frames held while `hello` is being checked. */
  maxQueuedFrames: number;
}

type Phase = 'hello' | 'authenticating' | 'ready' | 'closed';
type Parsed =
  { ok: true; frame: ClientFrame } | { ok: false; message: string; issues?: { path: string; message: string }[] };

/** Close reasons are limited to 123 bytes by the protocol; ours stay short and in English (logs, devtools). */
const REASONS = {
  notJson: 'Frames must be JSON text',
  invalid: 'Not a valid frame',
  helloFirst: 'Authenticate first: send hello',
  badToken: 'Sign in again: the session is missing, expired or revoked',
  sessionEnded: 'Session ended: sign in again',
  authTimeout: 'No hello in time',
  tooManyInvalid: 'Too many invalid frames',
  tooManyQueued: 'Too many frames before authentication finished',
  internal: 'Server error, reconnect later',
} as const;

export class RealtimeSocket {
  private phase: Phase = 'hello';
  private token = '';
  private backlog: [RawData, boolean][] = [];
  private invalidFrames = 0;
  private alive = true;
  private readonly cleanups: (() => void)[] = [];
  private presenceHandle: PresenceHandle | null = null;
  private lastValidatedAt = 0;
  private validating = false;
  private lastPokeAt = -Infinity;
  private pokeTimer: NodeJS.Timeout | undefined;
  private authTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: ServerContext,
    private readonly presence: PresenceTracker,
    private readonly opts: RealtimeOptions,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** `authorization`: the upgrade request's header, for clients that can set one (Node). */
  start(authorization: string | undefined): void {
    this.ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    this.ws.on('close', () => this.dispose());
    this.ws.on('pong', () => (this.alive = true));
    this.authTimer = setTimeout(() => this.close(WS_CLOSE.authTimeout, REASONS.authTimeout), this.opts.authTimeoutMs);
    this.authTimer.unref();
    if (authorization !== undefined) {
      const token = bearerToken(authorization);
      if (!token) return this.close(WS_CLOSE.unauthenticated, REASONS.badToken);
      this.authenticate(token);
    }
  }

  /** Called by the server's ping round: drops a peer that missed the previous ping. */
  heartbeat(): void {
    if (this.phase === 'closed') return;
    if (!this.alive) {
      this.ws.terminate();
      this.dispose();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    if (this.phase === 'closed') return;
    this.dispose();
    this.ws.close(code, reason);
  }

  // ── inbound ────────────────────────────────────────────────────────────────────────────────────
  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.phase === 'closed') return;
    if (this.phase === 'authenticating') {
      if (this.backlog.length >= this.opts.maxQueuedFrames)
        return this.close(WS_CLOSE.tooManyFrames, REASONS.tooManyQueued);
      this.backlog.push([data, isBinary]);
      return;
    }
    try {
      this.handle(parse(data, isBinary));
    } catch (err) {
      this.log.error({ err }, 'websocket: frame handling failed');
      this.close(WS_CLOSE.internalError, REASONS.internal);
    }
  }

  private handle(parsed: Parsed): void {
    if (!parsed.ok) {
      // Before authentication nobody gets the benefit of the doubt.
      if (this.phase === 'hello') return this.close(WS_CLOSE.invalidMessage, REASONS.invalid);
      return this.invalid(parsed.message, parsed.issues);
    }
    const frame = parsed.frame;
    if (this.phase === 'hello') {
      if (frame.type !== 'hello') return this.close(WS_CLOSE.unauthenticated, REASONS.helloFirst);
      return this.authenticate(frame.token);
    }
    switch (frame.type) {
      case 'hello':
        return this.invalid('Already authenticated');
      case 'activity':
        this.presenceHandle?.activity(frame.state);
        return;
      case 'ping':
        return this.send(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
    }
  }

  private invalid(message: string, issues?: { path: string; message: string }[]): void {
    this.invalidFrames += 1;
    if (this.invalidFrames > this.opts.maxInvalidFrames) {
      return this.close(WS_CLOSE.invalidMessage, REASONS.tooManyInvalid);
    }
    this.send({ type: 'error', code: 'invalid_input', message, ...(issues ? { issues } : {}) });
  }

  // ── authentication ─────────────────────────────────────────────────────────────────────────────
  private authenticate(token: string): void {
    this.phase = 'authenticating';
    this.token = token;
    resolveSession(this.ctx.db, token, this.ctx.now()).then(
      (auth) => {
        if (this.phase !== 'authenticating') return; // closed meanwhile (timeout, peer gone)
        if (!auth) return this.close(WS_CLOSE.unauthenticated, REASONS.badToken);
        this.ready(auth);
      },
      (err: unknown) => {
        this.log.error({ err }, 'websocket: session lookup failed');
        this.close(WS_CLOSE.internalError, REASONS.internal);
      },
    );
  }

  private ready(auth: AuthContext): void {
    this.phase = 'ready';
    clearTimeout(this.authTimer);
    this.lastValidatedAt = performance.now();
    const workspaceId = auth.workspace.id;
    this.presenceHandle = this.presence.connect(workspaceId, auth.agent.id);
    this.cleanups.push(
      this.ctx.feed.subscribe(workspaceId, () => this.onChange()),
      this.presence.subscribe(workspaceId, (agents) => this.send({ type: 'presence', snapshot: false, agents })),
    );
    const revalidate = setInterval(() => void this.revalidate(), this.opts.revalidateMs);
    this.timer(revalidate);
    this.send({ type: 'ready', agentId: auth.agent.id, workspaceId, sessionExpiresAt: auth.session.expiresAt });
    this.send({ type: 'presence', snapshot: true, agents: this.presence.snapshot(workspaceId) });
    this.log.debug({ agentId: auth.agent.id }, 'websocket: ready');

    const held = this.backlog;
    this.backlog = [];
    for (const [data, isBinary] of held) if (this.phase === 'ready') this.onFrame(data, isBinary);
  }

  /** Re-reads the session (which also slides it): revoked, expired or disabled → 4401. */
  private async revalidate(): Promise<void> {
    if (this.phase !== 'ready' || this.validating) return;
    this.validating = true;
    try {
      const auth = await resolveSession(this.ctx.db, this.token, this.ctx.now());
      if (!auth) this.close(WS_CLOSE.unauthenticated, REASONS.sessionEnded);
      else this.lastValidatedAt = performance.now();
    } catch (err) {
      // A database hiccup is not the client's fault: keep the socket, check again next time.
      this.log.warn({ err }, 'websocket: session revalidation failed');
    } finally {
      this.validating = false;
    }
  }

  // ── outbound ───────────────────────────────────────────────────────────────────────────────────
  private onChange(): void {
    if (this.phase !== 'ready') return;
    const now = performance.now();
    // The poke goes first: it reveals nothing (the pull that follows is authenticated on its own).
    if (!this.pokeTimer) {
      const wait = this.lastPokeAt + this.opts.pokeCoalesceMs - now;
      if (wait <= 0) this.poke();
      else this.pokeTimer = setTimeout(() => this.poke(), wait);
    }
    if (now - this.lastValidatedAt >= this.opts.revalidateOnPokeMs) void this.revalidate();
  }

  private poke(): void {
    this.pokeTimer = undefined;
    this.lastPokeAt = performance.now();
    this.send({ type: 'poke' });
  }

  private send(frame: ServerFrame): void {
    if (this.phase === 'closed' || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(JSON.stringify(frame));
  }

  private timer(t: NodeJS.Timeout): void {
    t.unref();
    this.cleanups.push(() => clearTimeout(t));
  }

  private dispose(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    clearTimeout(this.pokeTimer);
    clearTimeout(this.authTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.presenceHandle?.close();
    this.presenceHandle = null;
    this.backlog = [];
  }
}

function parse(data: RawData, isBinary: boolean): Parsed {
  if (isBinary) return { ok: false, message: 'Binary frames are not accepted: send JSON text' };
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: REASONS.notJson };
  }
  const result = ClientFrame.safeParse(json);
  return result.success
    ? { ok: true, frame: result.data }
    : { ok: false, message: REASONS.invalid, issues: zodIssues(result.error) };
}

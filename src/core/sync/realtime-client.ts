// The replica's WebSocket to the server (src/shared/realtime.ts): a `poke` pulls at once, `ready` (after
// every (re)connect) catches up from the cursor, `presence` keeps who is online. Reconnects with backoff
// forever, except after 4401 (the token is refused: the sync engine's next request finds the 401 and the
// session manager asks for the password). Hints only: with no socket, the engine's slow pull still syncs.
import WebSocket from 'ws';
import { REALTIME_PATH, ServerFrame, WS_CLOSE, type ActivityState, type AgentPresence } from '../../shared';
import type { Logger } from '../platform';

export interface RealtimeOptions {
  serverUrl: string;
  token(): string | null;
  clientId: string;
  logger: Logger;
  onPoke(reconnected: boolean): void;
  onPresence(agents: AgentPresence[]): void;
  onUnauthenticated(): void;
  retryMinMs?: number;
  retryMaxMs?: number;
}

export class RealtimeClient {
  private socket: WebSocket | null = null;
  private stopped = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private presence = new Map<string, AgentPresence>();
  private activity: ActivityState = 'active';

  constructor(private readonly opts: RealtimeOptions) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000, 'bye');
    this.socket = null;
  }

  presenceList(): AgentPresence[] {
    return [...this.presence.values()];
  }

  setActivity(state: ActivityState): void {
    this.activity = state;
    this.send({ type: 'activity', state });
  }

  private send(frame: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private connect(): void {
    if (this.stopped) return;
    const token = this.opts.token();
    if (!token) return;
    const url = this.opts.serverUrl.replace(/^http/, 'ws') + REALTIME_PATH;
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('open', () => {
      // The header already authenticates; hello is the documented first frame and costs nothing.
      socket.send(JSON.stringify({ type: 'hello', token, clientId: this.opts.clientId }));
    });
    socket.on('message', (data) => this.onFrame(String(data)));
    socket.on('error', () => undefined); // 'close' follows and decides
    socket.on('close', (code) => {
      if (this.socket === socket) this.socket = null;
      // Cut off from the server we know nobody's state: showing colleagues "online" would be a guess.
      if (this.presence.size) {
        this.presence.clear();
        this.opts.onPresence([]);
      }
      if (this.stopped) return;
      if (code === WS_CLOSE.unauthenticated) {
        this.opts.onUnauthenticated();
        return;
      }
      this.failures++;
      const min = this.opts.retryMinMs ?? 500;
      const max = this.opts.retryMaxMs ?? 30_000;
      const delay = Math.min(max, min * 2 ** Math.min(this.failures - 1, 10));
      this.timer = setTimeout(() => this.connect(), delay / 2 + Math.random() * (delay / 2));
      this.timer.unref?.();
    });
  }

  private onFrame(raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    switch (frame.type) {
      case 'ready':
        this.failures = 0;
        if (this.activity !== 'active') this.send({ type: 'activity', state: this.activity });
        this.opts.onPoke(true);
        return;
      case 'poke':
        this.opts.onPoke(false);
        return;
      case 'presence':
        if (frame.snapshot) this.presence.clear();
        for (const a of frame.agents) {
          if (a.status === 'offline') this.presence.delete(a.agentId);
          else this.presence.set(a.agentId, a);
        }
        this.opts.onPresence(this.presenceList());
        return;
      case 'error':
        this.opts.logger.warn('realtime frame refused', { code: frame.code, message: frame.message });
        return;
      case 'pong':
        return;
    }
  }
}

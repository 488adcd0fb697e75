// The sync loop: one round at a time (requests during a round coalesce into one more), backoff while the
// server is unreachable, a slow safety pull in case pokes are lost, and the indicator's state. A local
// mutation or a server poke calls `request()`; nothing here blocks the UI, which reads the replica.
import type { SyncStatus } from '../../shared';
import type { CoreContext } from '../context';
import { getMeta } from '../db/meta';
import { pendingCount } from './outbox-rebase';
import { syncRound, type RoundDeps } from './round';
import { SyncRequestError } from './transport';

export interface EngineOptions {
  deps: RoundDeps;
  /** Safety pull interval while idle (pokes do the real work). */
  idlePullMs?: number;
  /** Backoff bounds while offline. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** The server said the session is over (401): stop and let the session manager sign out. */
  onUnauthenticated(): void;
  onStatus(status: SyncStatus): void;
}

type LinkState = 'online' | 'offline' | 'syncing';

export class SyncEngine {
  private link: LinkState = 'syncing';
  private problem: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private pullFirst = true;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly opts: EngineOptions) {}

  private get ctx(): CoreContext {
    return this.opts.deps.ctx;
  }

  status(): SyncStatus {
    const rejections = (
      this.ctx.statements.get('SELECT count(*) AS n FROM sync_rejections WHERE dismissed = 0').get() as { n: number }
    ).n;
    const lastSyncAt = getMeta(this.ctx.db, 'lastSyncAt');
    return {
      mode: this.link,
      pendingChanges: pendingCount(this.ctx),
      lastSyncAt: lastSyncAt ? Number(lastSyncAt) : null,
      rejections,
      problem: this.problem,
    };
  }

  start(): void {
    this.request();
  }

  /** Something changed here or on the server: run a round soon (coalesced). */
  request(opts: { reconnect?: boolean } = {}): void {
    if (this.stopped) return;
    if (opts.reconnect) this.pullFirst = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.running = this.loop().finally(() => {
      this.running = null;
      const waiters = this.waiters.splice(0);
      waiters.forEach((w) => w());
    });
  }

  /** Runs a round now and resolves when the loop is idle again (the indicator's "retry", tests). */
  async syncNow(): Promise<SyncStatus> {
    if (this.stopped) return this.status();
    this.failures = 0;
    const idle = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.request();
    await idle;
    return this.status();
  }

  get busy(): boolean {
    return this.running !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      this.setLink('syncing');
      try {
        await syncRound(this.opts.deps, { pullFirst: this.pullFirst });
        this.pullFirst = false;
        this.failures = 0;
        this.problem = null;
        this.setLink('online');
      } catch (err) {
        if (this.stopped) return;
        this.handleFailure(err);
        // A request made while this round was failing (the "Reintentar" button) gets its own attempt now
        // instead of inheriting this failure; otherwise the backoff timer retries.
        if (!this.again || this.stopped) return;
        this.clearTimer();
      }
    } while (this.again && !this.stopped);
    this.schedule(this.opts.idlePullMs ?? 60_000);
  }

  private handleFailure(err: unknown): void {
    const kind = err instanceof SyncRequestError ? err.kind : 'server';
    if (kind === 'unauthenticated') {
      this.problem = 'sync.problem.sessionExpired';
      this.setLink('offline');
      this.stopped = true;
      this.opts.onUnauthenticated();
      return;
    }
    if (!(err instanceof SyncRequestError)) this.ctx.logger.error('sync round failed', { error: String(err) });
    this.problem = kind === 'offline' ? 'sync.problem.unreachable' : 'sync.problem.server';
    this.failures++;
    this.pullFirst = true;
    this.setLink('offline');
    const min = this.opts.retryMinMs ?? 1000;
    const max = this.opts.retryMaxMs ?? 30_000;
    const delay = Math.min(max, min * 2 ** Math.min(this.failures - 1, 10));
    // Jitter, so a restarted server is not hit by every client in the same millisecond.
    this.schedule(delay / 2 + Math.random() * (delay / 2));
  }

  private schedule(ms: number): void {
    this.clearTimer();
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.request();
    }, ms);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private setLink(link: LinkState): void {
    this.link = link;
    this.opts.onStatus(this.status());
  }
}

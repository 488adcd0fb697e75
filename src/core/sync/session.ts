// The agent's session with a server: sign in (login, keep the token in the platform's secret store,
// download the first page), resume at start, sign out (wipe), and the 401 path (keep the replica and its
// pending changes; the login screen says the session ended, and signing in again as the same agent
// carries on where it stopped).
import {
  type ActivityState,
  type AgentPresence,
  API_PREFIX,
  AppError,
  LoginResponse,
  LogoutResponse,
  type AuthStatus,
  type Role,
  type SignInInput,
  type SyncStatus,
} from '../../shared';
import type { CoreContext } from '../context';
import { deleteMeta, getMeta, setMeta } from '../db/meta';
import type { SecretStore } from '../platform';
import { createChangeApplier } from './apply-changes';
import { SyncEngine } from './engine';
import { pendingCount } from './outbox-rebase';
import { RealtimeClient } from './realtime-client';
import { pullPage, type RoundDeps } from './round';
import { httpTransport, requestJson, SyncRequestError, type SyncTransport } from './transport';
import { wipeReplica } from './wipe';

export interface SessionOptions {
  ctx: CoreContext;
  /**
   * The server for this run: replaces the saved URL of a signed-in replica (the quickstart's embedded
   * server gets a new port each start) and pre-fills the login screen of a signed-out one.
   */
  serverUrl?: string;
  /** The quickstart's demo account, offered on the login screen (embedded server only). */
  demoAccount?: { workspace: string; email: string; password: string };
  secrets: SecretStore;
  /** Tests wrap the HTTP transport to inject faults. */
  transportFactory?: (serverUrl: string, token: () => string | null) => SyncTransport;
  idlePullMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  pullLimit?: number;
  onDataChanged(conversationIds: string[], reference: boolean): void;
  onSyncStatus(status: SyncStatus): void;
  onAuthChanged(status: AuthStatus): void;
  onPresence(agents: AgentPresence[]): void;
  /** Off in tests that drive sync by hand (sync.now) and must not race a poke. */
  realtime?: boolean;
}

export class SessionManager {
  private engine: SyncEngine | null = null;
  private realtime: RealtimeClient | null = null;
  private readonly applyChanges;

  constructor(private readonly opts: SessionOptions) {
    this.applyChanges = createChangeApplier(opts.ctx.statements);
    if (opts.serverUrl) setMeta(opts.ctx.db, 'serverUrl', opts.serverUrl.replace(/\/+$/, ''));
  }

  private get ctx(): CoreContext {
    return this.opts.ctx;
  }

  status(): AuthStatus {
    const db = this.ctx.db;
    if (this.ctx.replica.mode === 'local') return { mode: 'local' };
    const token = this.opts.secrets.get();
    const serverUrl = getMeta(db, 'serverUrl');
    const email = getMeta(db, 'email');
    if (this.ctx.replica.mode === 'server' && token && serverUrl && email)
      return {
        mode: 'signedIn',
        serverUrl,
        workspace: getMeta(db, 'workspaceSlug'),
        email,
        agentId: this.ctx.meId,
        workspaceId: this.ctx.workspaceId,
        role: (getMeta(db, 'role') ?? 'agent') as Role,
      };
    return {
      mode: 'signedOut',
      serverUrl,
      workspace: getMeta(db, 'workspaceSlug'),
      email,
      reason: getMeta(db, 'signedOutReason') === 'expired' ? 'expired' : null,
      demo: this.opts.demoAccount ?? null,
    };
  }

  syncStatus(): SyncStatus {
    if (this.engine) return this.engine.status();
    return {
      mode: this.ctx.replica.mode === 'local' ? 'local' : 'offline',
      pendingChanges: pendingCount(this.ctx),
      lastSyncAt: Number(getMeta(this.ctx.db, 'lastSyncAt') ?? '') || null,
      rejections: 0,
      problem: this.ctx.replica.mode === 'local' ? null : 'sync.problem.signedOut',
    };
  }

  /** At start: a replica with a saved session syncs at once (offline is fine: it retries). */
  resume(): void {
    if (this.ctx.replica.mode === 'server' && this.opts.secrets.get()) this.startEngine();
  }

  /** A local change or a server poke: sync soon. */
  requestSync(opts: { reconnect?: boolean } = {}): void {
    this.engine?.request(opts);
  }

  async syncNow(): Promise<SyncStatus> {
    return this.engine ? this.engine.syncNow() : this.syncStatus();
  }

  async signIn(input: SignInInput): Promise<AuthStatus> {
    const { ctx } = this;
    const res = await requestJson(
      `${input.serverUrl}${API_PREFIX}/auth/login`,
      {
        method: 'POST',
        body: {
          email: input.email,
          password: input.password,
          ...(input.workspace ? { workspace: input.workspace } : {}),
        },
      },
      LoginResponse,
    ).catch((err: unknown) => {
      throw asSignInError(err);
    });
    await this.stopEngine();
    const sameReplica =
      ctx.replica.mode !== 'local' && ctx.workspaceId === res.workspace.id && ctx.meId === res.agent.id;
    if (!sameReplica && (ctx.workspaceId || ctx.replica.mode === 'local')) wipeReplica(ctx);
    ctx.sqlite
      .transaction(() => {
        setMeta(ctx.db, 'mode', 'server');
        setMeta(ctx.db, 'serverUrl', input.serverUrl);
        setMeta(ctx.db, 'workspaceSlug', res.workspace.slug);
        setMeta(ctx.db, 'email', res.agent.email);
        setMeta(ctx.db, 'role', res.agent.role);
        setMeta(ctx.db, 'workspaceId', res.workspace.id);
        setMeta(ctx.db, 'meId', res.agent.id);
        deleteMeta(ctx.db, 'signedOutReason');
      })
      .immediate();
    ctx.workspaceId = res.workspace.id;
    ctx.meId = res.agent.id;
    ctx.replica.mode = 'server';
    this.opts.secrets.set(res.token);
    // The first page (reference data and the newest conversations) arrives before sign-in returns, so the
    // inbox opens with data; the engine streams the rest in while the agent works.
    await pullPage(this.deps(input.serverUrl)).catch((err: unknown) => {
      ctx.logger.warn('first pull after sign-in failed; the engine retries', { error: String(err) });
    });
    this.startEngine();
    const status = this.status();
    this.opts.onAuthChanged(status);
    return status;
  }

  async signOut(opts: { discardPending?: boolean }): Promise<AuthStatus> {
    const { ctx } = this;
    // A server-less replica has no session to end; signing in to a server replaces it.
    if (ctx.replica.mode === 'local') return this.status();
    const pending = pendingCount(ctx);
    if (pending > 0 && !opts.discardPending)
      throw new AppError('conflict', `${pending} changes have not reached the server yet`, 'errors.pendingChanges');
    await this.stopEngine();
    const token = this.opts.secrets.get();
    const serverUrl = getMeta(ctx.db, 'serverUrl');
    if (token && serverUrl) {
      // Best effort: the token is forgotten here either way, and it expires on the server by itself.
      await requestJson(`${serverUrl}${API_PREFIX}/auth/logout`, { method: 'POST', token }, LogoutResponse).catch(
        () => undefined,
      );
    }
    this.opts.secrets.clear();
    wipeReplica(ctx);
    const status = this.status();
    this.opts.onAuthChanged(status);
    this.opts.onDataChanged([], true);
    return status;
  }

  /** Stops syncing now; the promise settles when a round in flight has ended (`busy` says if one is). */
  close(): { busy: boolean; done: Promise<void> } {
    const busy = this.engine?.busy ?? false;
    return { busy, done: this.stopEngine() };
  }

  private deps(serverUrl: string): RoundDeps {
    const token = () => this.opts.secrets.get();
    const transport = this.opts.transportFactory?.(serverUrl, token) ?? httpTransport(serverUrl, token);
    return {
      ctx: this.ctx,
      transport,
      applyChanges: this.applyChanges,
      onApplied: (ids, reference) => this.opts.onDataChanged(ids, reference),
      ...(this.opts.pullLimit ? { pullLimit: this.opts.pullLimit } : {}),
    };
  }

  private startEngine(): void {
    const serverUrl = getMeta(this.ctx.db, 'serverUrl');
    if (!serverUrl) return;
    const engine = new SyncEngine({
      deps: this.deps(serverUrl),
      ...(this.opts.idlePullMs ? { idlePullMs: this.opts.idlePullMs } : {}),
      ...(this.opts.retryMinMs ? { retryMinMs: this.opts.retryMinMs } : {}),
      ...(this.opts.retryMaxMs ? { retryMaxMs: this.opts.retryMaxMs } : {}),
      onStatus: (s) => this.opts.onSyncStatus(s),
      onUnauthenticated: () => void this.expire(),
    });
    this.engine = engine;
    engine.start();
    if (this.opts.realtime === false) return;
    this.realtime = new RealtimeClient({
      serverUrl,
      token: () => this.opts.secrets.get(),
      clientId: this.ctx.clientId,
      logger: this.ctx.logger,
      onPoke: (reconnected) => engine.request({ reconnect: reconnected }),
      onPresence: (agents) => this.opts.onPresence(agents),
      // The engine's next request meets the same 401 and ends the session the usual way.
      onUnauthenticated: () => engine.request(),
    });
    this.realtime.start();
  }

  presence(): AgentPresence[] {
    return this.realtime?.presenceList() ?? [];
  }

  setActivity(state: ActivityState): void {
    this.realtime?.setActivity(state);
  }

  private async stopEngine(): Promise<void> {
    this.realtime?.stop();
    this.realtime = null;
    const engine = this.engine;
    this.engine = null;
    await engine?.stop();
  }

  /** The server refused our token: keep everything, ask for the password again. */
  private async expire(): Promise<void> {
    this.engine = null;
    this.realtime?.stop();
    this.realtime = null;
    this.opts.secrets.clear();
    setMeta(this.ctx.db, 'signedOutReason', 'expired');
    this.opts.onAuthChanged(this.status());
    this.opts.onSyncStatus(this.syncStatus());
  }
}

function asSignInError(err: unknown): AppError {
  if (!(err instanceof SyncRequestError)) return new AppError('internal', String(err));
  if (err.kind === 'offline')
    return new AppError('unavailable', `Server unreachable: ${err.message}`, 'errors.serverUnreachable');
  const p = err.payload;
  if (p) return new AppError(p.code, p.message, p.messageKey, p.issues);
  return new AppError('unavailable', err.message, 'errors.serverError');
}

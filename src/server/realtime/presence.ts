// Presence: which agents are online (a connection in use), away (connected, nobody at the keyboard) or
// offline (no connection, after a short grace so a reconnect does not flap). Kept in memory only.
//
// Each instance derives its local agents' status from their sockets, tells the other instances through
// the feed's presence channel (deltas as they happen, the full local state every heartbeat), and merges
// what the others say: an agent's status is the best any instance reports. Remote entries expire unless
// refreshed, so an instance that dies without a word cannot leave its agents online for ever; one that
// shuts down says `bye` and its agents go offline after the grace period.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type ActivityState, type AgentPresence, Id } from '../../shared';
import { type ChangeFeed, PRESENCE_MESSAGE_MAX_BYTES } from './feed';

export interface PresenceOptions {
  /** An active connection with no `activity` frame for this long counts as idle (5 min). */
  awayAfterMs: number;
  /** After the last connection closes, the agent stays as it was this long before going offline (10 s). */
  offlineGraceMs: number;
  /** How often each instance sends its full state; others drop entries not refreshed in 3 heartbeats. */
  presenceHeartbeatMs: number;
}

export const DEFAULT_PRESENCE_OPTIONS: PresenceOptions = {
  awayAfterMs: 5 * 60_000,
  offlineGraceMs: 10_000,
  presenceHeartbeatMs: 10_000,
};

type Status = 'online' | 'away';
const RANK = { online: 2, away: 1 } as const;
/** Local changes go out together: bounds the NOTIFY rate whatever clients do with activity frames. */
const FLUSH_MS = 25;

/** Between instances: `[workspaceId, agentId, status, since]` tuples; `ttl` says how long they hold. */
const Wire = z.object({
  v: z.literal(1),
  from: z.string().min(1).max(64),
  kind: z.enum(['delta', 'full', 'bye', 'sync']),
  ttl: z.number().int().min(10).max(3_600_000),
  agents: z.array(z.tuple([Id, Id, z.enum(['online', 'away', 'offline']), z.number().int().nonnegative()])),
});
type Wire = z.infer<typeof Wire>;
type Tuple = Wire['agents'][number];

interface LocalConnection {
  state: ActivityState;
  lastActivityAt: number;
}

interface LocalAgent {
  workspaceId: string;
  agentId: string;
  connections: Set<LocalConnection>;
  /** null until first computed. */
  status: Status | null;
  since: number;
  /** When the last connection closed (grace period), null while connected. */
  goneAt: number | null;
}

interface RemoteEntry {
  workspaceId: string;
  agentId: string;
  status: Status;
  since: number;
  expiresAt: number;
}

export type PresenceListener = (changes: AgentPresence[]) => void;

export interface PresenceHandle {
  activity(state: ActivityState): void;
  close(): void;
}

const keyOf = (workspaceId: string, agentId: string) => `${workspaceId} ${agentId}`;

export class PresenceTracker {
  readonly instanceId = randomUUID();
  private readonly local = new Map<string, LocalAgent>();
  private readonly remote = new Map<string, Map<string, RemoteEntry>>();
  /** What sockets were told, per workspace: the snapshot. Offline agents are absent. */
  private readonly known = new Map<string, Map<string, AgentPresence>>();
  private readonly listeners = new Map<string, Set<PresenceListener>>();
  /** Local agents whose status changed since the last flush. */
  private readonly dirty = new Set<string>();
  private readonly pending = new Map<string, Map<string, AgentPresence>>();
  private readonly unsubscribe: () => void;
  private readonly ticker: NodeJS.Timeout;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFull = 0;
  private stopped = false;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly opts: PresenceOptions = DEFAULT_PRESENCE_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = feed.subscribePresence((message) => this.onMessage(message));
    // Coarse enough to cost nothing, fine enough for the shortest timeout (tests use tens of ms).
    const tick = Math.max(10, Math.min(1_000, opts.awayAfterMs / 4, opts.offlineGraceMs / 4, opts.presenceHeartbeatMs));
    this.ticker = setInterval(() => this.tick(), tick);
    this.ticker.unref();
    // Others may already be running: ask for their state instead of waiting a heartbeat.
    this.publish('sync', []);
  }

  /** Registers one authenticated connection; it starts active (someone just opened the app). */
  connect(workspaceId: string, agentId: string): PresenceHandle {
    const key = keyOf(workspaceId, agentId);
    let agent = this.local.get(key);
    if (!agent) {
      agent = { workspaceId, agentId, connections: new Set(), status: null, since: this.now(), goneAt: null };
      this.local.set(key, agent);
    }
    const connection: LocalConnection = { state: 'active', lastActivityAt: this.now() };
    agent.connections.add(connection);
    agent.goneAt = null;
    this.refreshLocal(key);
    let closed = false;
    return {
      activity: (state) => {
        if (closed) return;
        connection.state = state;
        connection.lastActivityAt = this.now();
        this.refreshLocal(key);
      },
      close: () => {
        if (closed) return;
        closed = true;
        const a = this.local.get(key);
        if (!a) return;
        a.connections.delete(connection);
        if (!a.connections.size) a.goneAt = this.now();
        this.refreshLocal(key);
      },
    };
  }

  snapshot(workspaceId: string): AgentPresence[] {
    return [...(this.known.get(workspaceId)?.values() ?? [])].map((p) => ({ ...p }));
  }

  subscribe(workspaceId: string, listener: PresenceListener): () => void {
    let set = this.listeners.get(workspaceId);
    if (!set) this.listeners.set(workspaceId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.listeners.get(workspaceId) === set) this.listeners.delete(workspaceId);
    };
  }

  /** Says goodbye to the other instances (their copies of our agents then end after the grace period). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.flush();
    this.stopped = true;
    clearInterval(this.ticker);
    clearTimeout(this.flushTimer);
    this.unsubscribe();
    await this.feed.publishPresence(this.encode('bye', [])[0]!);
  }

  // ── local agents ───────────────────────────────────────────────────────────────────────────────
  private localStatus(agent: LocalAgent, now: number): Status | null {
    if (!agent.connections.size) {
      return agent.goneAt !== null && now - agent.goneAt < this.opts.offlineGraceMs ? agent.status : null;
    }
    for (const c of agent.connections) {
      if (c.state === 'active' && now - c.lastActivityAt < this.opts.awayAfterMs) return 'online';
    }
    return 'away';
  }

  private refreshLocal(key: string): void {
    const agent = this.local.get(key);
    if (!agent) return;
    const now = this.now();
    const status = this.localStatus(agent, now);
    if (status === agent.status) return;
    if (status === null) this.local.delete(key);
    else {
      agent.status = status;
      agent.since = now;
    }
    this.dirty.add(key);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
    this.recompute(agent.workspaceId, agent.agentId);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.dirty.size || this.stopped) return;
    const now = this.now();
    const tuples: Tuple[] = [...this.dirty].map((key) => {
      const agent = this.local.get(key);
      if (agent?.status) return [agent.workspaceId, agent.agentId, agent.status, agent.since];
      const [workspaceId, agentId] = key.split(' ') as [string, string];
      return [workspaceId, agentId, 'offline', now];
    });
    this.dirty.clear();
    this.publish('delta', tuples);
  }

  private publishFull(): void {
    this.lastFull = this.now();
    const tuples: Tuple[] = [];
    for (const a of this.local.values()) if (a.status) tuples.push([a.workspaceId, a.agentId, a.status, a.since]);
    if (tuples.length) this.publish('full', tuples);
  }

  private tick(): void {
    const now = this.now();
    for (const key of [...this.local.keys()]) this.refreshLocal(key);
    for (const entries of this.remote.values()) {
      for (const [key, e] of entries) {
        if (e.expiresAt > now) continue;
        entries.delete(key);
        this.recompute(e.workspaceId, e.agentId);
      }
    }
    for (const [instance, entries] of this.remote) if (!entries.size) this.remote.delete(instance);
    if (now - this.lastFull >= this.opts.presenceHeartbeatMs) this.publishFull();
  }

  // ── other instances ────────────────────────────────────────────────────────────────────────────
  private publish(kind: Wire['kind'], tuples: Tuple[]): void {
    if (this.stopped) return;
    for (const message of this.encode(kind, tuples)) void this.feed.publishPresence(message);
  }

  /** Splits into messages under the NOTIFY limit (ids are ASCII, so characters are bytes). */
  private encode(kind: Wire['kind'], tuples: Tuple[]): string[] {
    const head = { v: 1, from: this.instanceId, kind, ttl: 3 * this.opts.presenceHeartbeatMs };
    const frame = (parts: string[]) => `${JSON.stringify(head).slice(0, -1)},"agents":[${parts.join(',')}]}`;
    const messages: string[] = [];
    let parts: string[] = [];
    let size = frame([]).length;
    for (const t of tuples) {
      const part = JSON.stringify(t);
      if (parts.length && size + part.length + 1 > PRESENCE_MESSAGE_MAX_BYTES) {
        messages.push(frame(parts));
        parts = [];
        size = frame([]).length;
      }
      parts.push(part);
      size += part.length + 1;
    }
    if (parts.length || !messages.length) messages.push(frame(parts));
    return messages;
  }

  private onMessage(raw: string | null): void {
    if (this.stopped) return;
    if (raw === null) {
      // Our LISTEN connection was down: others may have missed our changes and we theirs.
      this.publishFull();
      this.publish('sync', []);
      return;
    }
    let parsed: Wire;
    try {
      const result = Wire.safeParse(JSON.parse(raw));
      if (!result.success) return;
      parsed = result.data;
    } catch {
      return; // not ours to judge: a foreign or newer sender on the channel
    }
    if (parsed.from === this.instanceId) return;
    const now = this.now();
    if (parsed.kind === 'sync') {
      if (now - this.lastFull > 50) this.publishFull();
      return;
    }
    let entries = this.remote.get(parsed.from);
    if (parsed.kind === 'bye') {
      for (const e of entries?.values() ?? []) e.expiresAt = Math.min(e.expiresAt, now + this.opts.offlineGraceMs);
      return;
    }
    if (!entries) this.remote.set(parsed.from, (entries = new Map()));
    for (const [workspaceId, agentId, status, since] of parsed.agents) {
      const key = keyOf(workspaceId, agentId);
      if (status === 'offline') entries.delete(key);
      else entries.set(key, { workspaceId, agentId, status, since, expiresAt: now + parsed.ttl });
      this.recompute(workspaceId, agentId);
    }
  }

  // ── the merged view ────────────────────────────────────────────────────────────────────────────
  private recompute(workspaceId: string, agentId: string): void {
    const key = keyOf(workspaceId, agentId);
    const now = this.now();
    let best: Status | null = null;
    let since = 0;
    const consider = (status: Status, at: number) => {
      if (!best || RANK[status] > RANK[best]) [best, since] = [status, at];
      else if (status === best) since = Math.min(since, at);
    };
    const mine = this.local.get(key);
    if (mine?.status) consider(mine.status, mine.since);
    for (const entries of this.remote.values()) {
      const e = entries.get(key);
      if (e && e.expiresAt > now) consider(e.status, e.since);
    }

    let inWorkspace = this.known.get(workspaceId);
    const before = inWorkspace?.get(agentId);
    if (best === null) {
      if (!before) return;
      inWorkspace!.delete(agentId);
      if (!inWorkspace!.size) this.known.delete(workspaceId);
      this.emit(workspaceId, { agentId, status: 'offline', since: now });
      return;
    }
    if (before?.status === best) {
      before.since = since; // same status, better knowledge of when it began: no need to tell anyone
      return;
    }
    const next: AgentPresence = { agentId, status: best, since };
    if (!inWorkspace) this.known.set(workspaceId, (inWorkspace = new Map()));
    inWorkspace.set(agentId, next);
    this.emit(workspaceId, next);
  }

  /** Changes of one turn of the event loop reach each socket as one frame. */
  private emit(workspaceId: string, change: AgentPresence): void {
    if (!this.listeners.has(workspaceId)) return;
    let batch = this.pending.get(workspaceId);
    if (!batch) {
      this.pending.set(workspaceId, (batch = new Map()));
      queueMicrotask(() => {
        this.pending.delete(workspaceId);
        const changes = [...batch!.values()];
        for (const listener of [...(this.listeners.get(workspaceId) ?? [])]) {
          try {
            listener(changes);
          } catch {
            // one socket's failure is not the others'
          }
        }
      });
    }
    batch.set(change.agentId, { ...change });
  }
}

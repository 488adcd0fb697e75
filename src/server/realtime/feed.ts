// The change feed: "workspace W has new change-log rows" as a hint. Writers publish after their
// transaction commits; WebSocket connections subscribe and poke their clients, who then pull from their
// cursor (the cursor is the truth, so a lost or duplicated hint costs nothing but a pull).
// The same feed carries presence between server instances on a channel of its own (presence.ts decides
// what the messages mean; the feed only moves strings).
// This in-process feed serves one server instance (or several built in one process around the same
// feed, as tests do); the PostgreSQL LISTEN/NOTIFY feed (pg-feed.ts) fans out to other processes.

export type FeedListener = (workspaceId: string) => void;
/** A presence message of some instance, or `null` when messages may have been lost (answer with a full state). */
export type PresenceListener = (message: string | null) => void;

/** NOTIFY payloads stop at 8000 bytes: presence messages stay under this (presence.ts splits them). */
export const PRESENCE_MESSAGE_MAX_BYTES = 7_000;

export interface ChangeFeed {
  /** Call after the commit that wrote change-log rows of this workspace. Never throws. */
  publish(workspaceId: string): void;
  /** Listen to one workspace; returns the unsubscribe function. */
  subscribe(workspaceId: string, listener: FeedListener): () => void;
  /**
   * Sends a presence message to the presence listeners of every instance, this one's included (each
   * ignores its own). Messages of one sender arrive in order. Resolves once sent; never rejects.
   */
  publishPresence(message: string): Promise<void>;
  subscribePresence(listener: PresenceListener): () => void;
  close(): Promise<void>;
}

/** Workspace listeners: shared by both feeds for local delivery. */
export class ListenerSet {
  private readonly byWorkspace = new Map<string, Set<FeedListener>>();
  private readonly presence = new Set<PresenceListener>();

  deliver(workspaceId: string): void {
    for (const listener of this.byWorkspace.get(workspaceId) ?? []) safely(() => listener(workspaceId));
  }

  /** After a lost connection: every workspace may have missed hints, so every subscriber pulls. */
  deliverAll(): void {
    for (const workspaceId of [...this.byWorkspace.keys()]) this.deliver(workspaceId);
  }

  deliverPresence(message: string | null): void {
    for (const listener of [...this.presence]) safely(() => listener(message));
  }

  subscribe(workspaceId: string, listener: FeedListener): () => void {
    let set = this.byWorkspace.get(workspaceId);
    if (!set) this.byWorkspace.set(workspaceId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.byWorkspace.get(workspaceId) === set) this.byWorkspace.delete(workspaceId);
    };
  }

  subscribePresence(listener: PresenceListener): () => void {
    this.presence.add(listener);
    return () => void this.presence.delete(listener);
  }

  clear(): void {
    this.byWorkspace.clear();
    this.presence.clear();
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A failing subscriber must not stop the others; it will catch up on its next pull.
  }
}

export function createLocalFeed(): ChangeFeed {
  const listeners = new ListenerSet();
  return {
    publish: (workspaceId) => listeners.deliver(workspaceId),
    subscribe: (workspaceId, listener) => listeners.subscribe(workspaceId, listener),
    publishPresence(message) {
      // Asynchronous like a network hop, so a sender never re-enters itself.
      return new Promise((resolve) =>
        queueMicrotask(() => {
          listeners.deliverPresence(message);
          resolve();
        }),
      );
    },
    subscribePresence: (listener) => listeners.subscribePresence(listener),
    async close() {
      listeners.clear();
    },
  };
}

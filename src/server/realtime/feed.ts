// The change feed: "workspace W has new change-log rows" as a hint. Writers publish after their
// transaction commits; WebSocket connections subscribe and poke their clients, who then pull from their
// cursor (the cursor is the truth, so a lost or duplicated hint costs nothing but a pull).
// This in-process feed serves one server instance; the PostgreSQL LISTEN/NOTIFY feed fans out to others.

export type FeedListener = (workspaceId: string) => void;

export interface ChangeFeed {
  /** Call after the commit that wrote change-log rows of this workspace. Never throws. */
  publish(workspaceId: string): void;
  /** Listen to one workspace; returns the unsubscribe function. */
  subscribe(workspaceId: string, listener: FeedListener): () => void;
  close(): Promise<void>;
}

export function createLocalFeed(): ChangeFeed {
  const byWorkspace = new Map<string, Set<FeedListener>>();
  return {
    publish(workspaceId) {
      for (const listener of byWorkspace.get(workspaceId) ?? []) {
        try {
          listener(workspaceId);
        } catch {
          // A failing subscriber must not stop the others; it will catch up on its next pull.
        }
      }
    },
    subscribe(workspaceId, listener) {
      let set = byWorkspace.get(workspaceId);
      if (!set) byWorkspace.set(workspaceId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (!set.size) byWorkspace.delete(workspaceId);
      };
    },
    async close() {
      byWorkspace.clear();
    },
  };
}

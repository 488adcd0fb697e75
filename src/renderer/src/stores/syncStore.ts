// Sync state shown at the bottom of column 1. Server sync does not exist yet, so this honestly says
// "Solo local"; the transport's own link to the core (WebSocket in the host) is reflected too.
import { create } from 'zustand';
import { getTransport, onConnectionChange, type ConnectionState } from '../transport';

export type SyncMode = 'local' | 'online' | 'offline' | 'syncing';

interface SyncState {
  mode: SyncMode;
  pendingChanges: number;
  link: ConnectionState;
}

export const useSyncStore = create<SyncState>(() => ({ mode: 'local', pendingChanges: 0, link: 'open' }));

onConnectionChange((link) => useSyncStore.setState({ link }));

/** Loads the core's sync status and follows its `sync.changed` events (pending outbox count). */
export async function startSyncTracking(): Promise<void> {
  const transport = getTransport();
  transport.subscribe('sync.changed', ({ mode, pendingChanges }) => useSyncStore.setState({ mode, pendingChanges }));
  const status = await transport.invoke('sync.status', {});
  useSyncStore.setState({ mode: status.mode, pendingChanges: status.pendingChanges });
}

// Sync state shown at the bottom of column 1. Server sync does not exist yet, so this honestly says
// "Solo local"; the transport's own link to the core (WebSocket in the host) is reflected too.
import { create } from 'zustand';
import { onConnectionChange, type ConnectionState } from '../transport';

export type SyncMode = 'local' | 'online' | 'offline' | 'syncing';

interface SyncState {
  mode: SyncMode;
  pendingChanges: number;
  link: ConnectionState;
}

export const useSyncStore = create<SyncState>(() => ({ mode: 'local', pendingChanges: 0, link: 'open' }));

onConnectionChange((link) => useSyncStore.setState({ link }));

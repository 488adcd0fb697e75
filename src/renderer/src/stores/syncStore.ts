// Sync state shown at the bottom of column 1: the core's sync status (sync.status, sync.changed) —
// mode, pending outbox rows, last successful round, refusals, the current problem — plus the
// transport's own link to the core (the host's WebSocket; always open over Electron IPC).
import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/entities';
import { call } from '../lib/api';
import { getTransport, onConnectionChange, type ConnectionState } from '../transport';
import { useUiStore } from './uiStore';

export type SyncMode = SyncStatus['mode'];

interface SyncState extends SyncStatus {
  link: ConnectionState;
  /** A "Reintentar" round is running (the button shows it and cannot be pressed twice). */
  retrying: boolean;
  retry(): Promise<void>;
}

const INITIAL: SyncStatus = { mode: 'local', pendingChanges: 0, lastSyncAt: null, rejections: 0, problem: null };

export const useSyncStore = create<SyncState>((set, get) => ({
  ...INITIAL,
  link: 'open',
  retrying: false,
  async retry() {
    if (get().retrying) return;
    set({ retrying: true });
    try {
      set(await call('sync.now', {}));
    } catch (err) {
      useUiStore.getState().pushError(err);
    } finally {
      set({ retrying: false });
    }
  },
}));

let lost = false;
onConnectionChange((link) => {
  useSyncStore.setState({ link });
  // Events sent while the link was down are gone: read the status again once it is back.
  if (link === 'closed') lost = true;
  if (link === 'open' && lost) {
    lost = false;
    void startSyncTracking();
  }
});

let tracking = false;

/** Loads the core's sync status and follows its `sync.changed` events. Safe to call more than once. */
export async function startSyncTracking(): Promise<void> {
  const transport = getTransport();
  if (!tracking) {
    tracking = true;
    transport.subscribe('sync.changed', (status) => useSyncStore.setState(pick(status)));
  }
  try {
    useSyncStore.setState(pick(await transport.invoke('sync.status', {})));
  } catch {
    // The next sync.changed brings it; the indicator keeps its last known state meanwhile.
  }
}

/** Only the contract's fields: an event payload never overwrites the store's own state or actions. */
function pick(s: SyncStatus): SyncStatus {
  return {
    mode: s.mode,
    pendingChanges: s.pendingChanges,
    lastSyncAt: s.lastSyncAt,
    rejections: s.rejections,
    problem: s.problem,
  };
}

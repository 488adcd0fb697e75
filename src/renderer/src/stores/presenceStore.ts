// Who of the workspace is online, away or offline (presence.list at inbox start, then every
// presence.changed, which carries the full list). Only meaningful with a server: the server-less demo
// replica has nobody's presence, so components hide the dots there (`usePresenceEnabled`).
import { create } from 'zustand';
import type { AgentPresence } from '../../../shared/realtime';
import { call } from '../lib/api';
import type { PresenceView } from '../lib/presence';
import { getTransport, onConnectionChange } from '../transport';
import { useAuthStore } from './authStore';

interface PresenceState {
  /** Online and away agents by id (absent = offline), as the core last reported. */
  byAgent: ReadonlyMap<string, AgentPresence>;
  load(): Promise<void>;
  apply(agents: readonly AgentPresence[]): void;
  reset(): void;
}

let following = false;
// Bumped by reset(): an answer that left before the session ended must not fill the next one.
let generation = 0;

export const usePresenceStore = create<PresenceState>((set, get) => ({
  byAgent: new Map(),

  async load() {
    if (!following) {
      following = true;
      getTransport().subscribe('presence.changed', ({ agents }) => get().apply(agents));
      // Events sent while the link to the core was down are lost: ask again once it is back.
      let lost = false;
      onConnectionChange((link) => {
        if (link === 'closed') lost = true;
        if (link === 'open' && lost) {
          lost = false;
          void get().load();
        }
      });
    }
    const gen = generation;
    try {
      const { agents } = await call('presence.list', {});
      if (gen === generation) get().apply(agents);
    } catch {
      // Presence is a hint: the next presence.changed brings it; dots read "Desconectado" meanwhile.
    }
  },

  apply(agents) {
    set({ byAgent: new Map(agents.filter((a) => a.status !== 'offline').map((a) => [a.agentId, a])) });
  },

  reset() {
    generation++;
    set({ byAgent: new Map() });
  },
}));

/** Dots only where presence exists: a signed-in replica (the local demo has no server to ask). */
export function usePresenceEnabled(): boolean {
  return useAuthStore((s) => s.status?.mode === 'signedIn');
}

/** One agent's presence; re-renders only when that agent's entry changes. */
export function useAgentPresence(agentId: string): PresenceView {
  const entry = usePresenceStore((s) => s.byAgent.get(agentId));
  return entry ? { status: entry.status, since: entry.since } : { status: 'offline', since: null };
}

// The agent's session with a server (auth.status / auth.signIn / auth.signOut, auth.changed): decides
// whether the app shows the login screen or the inbox, and runs the sign-out confirmation when the core
// refuses because changes have not reached the server yet.
import { create } from 'zustand';
import type { AuthStatus, SignInInput } from '../../../shared/auth';
import { call } from '../lib/api';
import { getTransport, isTransportError, onConnectionChange } from '../transport';

interface AuthState {
  /** null until the first auth.status answers. */
  status: AuthStatus | null;
  loadError: unknown;
  /** Set when the core refused to sign out: how many changes would be lost (the dialog asks first). */
  confirmSignOut: { pending: number } | null;
  signingOut: boolean;
  load(): Promise<void>;
  apply(status: AuthStatus): void;
  /** Resolves with the status; throws the core's error (the login form translates it). */
  signIn(input: SignInInput): Promise<AuthStatus>;
  /** First without discarding; a pendingChanges refusal opens the confirmation instead of failing. */
  signOut(discardPending?: boolean): Promise<void>;
  cancelSignOut(): void;
}

let following = false;

export const useAuthStore = create<AuthState>((set, get) => ({
  status: null,
  loadError: null,
  confirmSignOut: null,
  signingOut: false,

  async load() {
    // Subscribe before asking, so a change racing the first answer is not missed.
    if (!following) {
      following = true;
      getTransport().subscribe('auth.changed', (status) => get().apply(status));
      // A restarted host may have signed in or out while the link was down: ask again once it is back.
      let lost = false;
      onConnectionChange((link) => {
        if (link === 'closed') lost = true;
        if (link === 'open' && lost) {
          lost = false;
          void get().load();
        }
      });
    }
    try {
      set({ loadError: null });
      get().apply(await call('auth.status', {}));
    } catch (loadError) {
      set({ loadError });
    }
  },

  apply(status) {
    // The dialog belongs to the session it was opened for.
    set({ status, ...(status.mode === 'signedIn' ? {} : { confirmSignOut: null, signingOut: false }) });
  },

  async signIn(input) {
    const status = await call('auth.signIn', input);
    get().apply(status);
    return status;
  },

  async signOut(discardPending = false) {
    if (get().signingOut) return;
    set({ signingOut: true });
    try {
      get().apply(await call('auth.signOut', discardPending ? { discardPending: true } : {}));
    } catch (err) {
      set({ signingOut: false });
      if (isTransportError(err) && err.code === 'conflict' && err.messageKey === 'errors.pendingChanges') {
        // The count shown is the core's own, read now (the indicator's may be a moment old).
        const pending = await call('sync.status', {}).then(
          (s) => s.pendingChanges,
          () => 0,
        );
        set({ confirmSignOut: { pending } });
        return;
      }
      throw err;
    }
  },

  cancelSignOut: () => set({ confirmSignOut: null }),
}));

/** Who the inbox belongs to: a new key means a different workspace or agent, so the inbox remounts. */
export function identityKey(status: AuthStatus): string {
  if (status.mode === 'signedIn') return `${status.serverUrl}|${status.workspaceId}|${status.agentId}`;
  return status.mode;
}

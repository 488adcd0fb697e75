// Forgets everything a store learnt about the workspace of the session that just ended, so nothing of the
// previous agent stays on screen (or comes back from a late answer) after sign-out or an expired session.
// Device state stays: preferences, the sync indicator and the session status itself.
import { useComposerStore } from '../stores/composerStore';
import { useConversationStore } from '../stores/conversationStore';
import { useCountsStore } from '../stores/countsStore';
import { useListStore } from '../stores/listStore';
import { useNavStore } from '../stores/navStore';
import { usePaletteStore } from '../stores/paletteStore';
import { usePresenceStore } from '../stores/presenceStore';
import { useRejectionsStore } from '../stores/rejectionsStore';
import { useSessionStore } from '../stores/sessionStore';
import { useUiStore } from '../stores/uiStore';

export function resetWorkspaceStores(): void {
  useComposerStore.getState().reset();
  useListStore.getState().reset();
  useRejectionsStore.getState().reset();
  usePresenceStore.getState().reset();
  // The open conversation's late answers check `openId`, so emptying it drops them too.
  restore(useConversationStore);
  restore(useCountsStore);
  restore(useNavStore);
  restore(usePaletteStore);
  restore(useSessionStore);
  restore(useUiStore);
}

function restore<T>(store: { getInitialState(): T; setState(state: T, replace: true): void }): void {
  store.setState(store.getInitialState(), true);
}

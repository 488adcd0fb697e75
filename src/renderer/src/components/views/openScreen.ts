// Switches column 2 between the conversation list and a workspace screen. Leaving the list drops its
// cursor and selection: the inbox's single-key actions (a, m, t, e…) then act only on the conversation
// open in column 3, never on a row the agent can no longer see.
import { useListStore } from '../../stores/listStore';
import { useNavStore, type Screen } from '../../stores/navStore';

export function openScreen(screen: Screen): void {
  const nav = useNavStore.getState();
  if (screen !== 'inbox') {
    useListStore.getState().clearSelection();
    useListStore.getState().setCursor(null);
  }
  nav.setScreen(screen);
}

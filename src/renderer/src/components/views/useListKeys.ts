// j/k (and ↓/↑) move through the list of a workspace screen (Mis tareas, Revisión de cierres) and open the
// conversation under the cursor, as they do in the conversation list. The listener runs in the capture
// phase and marks the key handled, so the inbox's own shortcuts (useShortcuts) leave it alone; it stands
// aside while a dialog owns the keyboard or the agent types.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { isTypingTarget } from '../../lib/keyboard';
import { useAuthStore } from '../../stores/authStore';
import { usePaletteStore } from '../../stores/paletteStore';
import { useUiStore } from '../../stores/uiStore';

export function useListKeys(move: (delta: 1 | -1) => void, enter?: () => void): void {
  const handlers = useRef({ move, enter });
  useLayoutEffect(() => {
    handlers.current = { move, enter };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = useUiStore.getState();
      if (usePaletteStore.getState().open || ui.picker || ui.shortcutsOpen || ui.settingsOpen) return;
      if (useAuthStore.getState().confirmSignOut) return;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      // Inside another dialog or popover (notifications, a guide dialog) the keys are theirs.
      if (e.target instanceof HTMLElement && e.target.closest('[role="dialog"], [role="alertdialog"]')) return;
      const { move: go, enter: open } = handlers.current;
      if (e.key === 'j' || e.key === 'ArrowDown') go(1);
      else if (e.key === 'k' || e.key === 'ArrowUp') go(-1);
      else if (e.key === 'Enter' && open && !(e.target instanceof HTMLElement && e.target.closest('button, a, select')))
        open();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

// Keyboard-first: j/k, Enter, a, m, t, r, n, e (the resolve dialog), s (snooze), x, ?, Esc, Ctrl/⌘+K, and
// "g" then i / t / r to go to the inbox, Mis tareas or the closure review. Single keys never fire while
// typing or while a dialog owns the keyboard.
import { useEffect } from 'react';
import { isTypingTarget, modKey } from '../lib/keyboard';
import { useAuthStore } from '../stores/authStore';
import { useComposerStore } from '../stores/composerStore';
import { useConversationStore } from '../stores/conversationStore';
import { useGuideDialogStore } from '../stores/guideDialogStore';
import { useListStore } from '../stores/listStore';
import { usePaletteStore } from '../stores/paletteStore';
import { canReview, useSessionStore } from '../stores/sessionStore';
import { openScreen } from '../components/views/openScreen';
import { openSnooze } from '../lib/snooze';
import { useUiStore, type PickerKind, type PickerTarget } from '../stores/uiStore';

function currentTarget(): PickerTarget | null {
  const selected = useListStore.getState().selected;
  if (selected.size > 0) return { kind: 'bulk', conversationIds: [...selected] };
  const id = useConversationStore.getState().openId ?? useListStore.getState().cursorId;
  return id ? { kind: 'one', conversationId: id } : null;
}

function moveCursor(delta: 1 | -1): void {
  const { rows, cursorId, setCursor, loadMore } = useListStore.getState();
  if (rows.length === 0) return;
  const i = rows.findIndex((r) => r.id === cursorId);
  const next = rows[Math.max(0, Math.min(rows.length - 1, i < 0 ? 0 : i + delta))];
  if (!next) return;
  setCursor(next.id);
  void useConversationStore.getState().open(next.id);
  if (i + delta >= rows.length - 5) void loadMore();
}

/** How long after "g" the second key of a "go to" sequence is awaited. */
const GO_WINDOW_MS = 1500;

/** "g" then a key: where it goes (false: not a destination here; the key is ignored). */
function goTo(key: string): boolean {
  switch (key) {
    case 'i':
      openScreen('inbox');
      return true;
    case 't':
      openScreen('tasks');
      return true;
    case 'r':
      if (!canReview(useSessionStore.getState().session?.me.role)) return false;
      openScreen('review');
      return true;
    default:
      return false;
  }
}

export function useShortcuts(): void {
  useEffect(() => {
    let goSince = 0;
    const onKey = (e: KeyboardEvent) => {
      const ui = useUiStore.getState();
      const palette = usePaletteStore.getState();
      if (e.key.toLowerCase() === 'k' && modKey(e) && !e.altKey) {
        e.preventDefault();
        palette.setOpen(!palette.open);
        return;
      }
      if (palette.open || ui.picker || ui.shortcutsOpen || ui.settingsOpen) return;
      if (useGuideDialogStore.getState().dialog) return;
      if (useAuthStore.getState().confirmSignOut) return;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;

      const pick = (kind: PickerKind) => {
        const target = currentTarget();
        if (target) ui.openPicker(kind, target);
      };
      // The second key of "g …" goes somewhere and never acts (g t is not the tag picker, g r not reply).
      if (goSince && e.timeStamp - goSince < GO_WINDOW_MS && !['g', 'Shift'].includes(e.key)) {
        goSince = 0;
        goTo(e.key);
        e.preventDefault();
        return;
      }
      if (e.key !== 'Shift') goSince = 0;
      const handled = (() => {
        switch (e.key) {
          case 'g':
            goSince = e.timeStamp || 1;
            return true;
          case 'j':
          case 'ArrowDown':
            moveCursor(1);
            return true;
          case 'k':
          case 'ArrowUp':
            moveCursor(-1);
            return true;
          case 'Enter': {
            const id = useListStore.getState().cursorId;
            if (!id || (e.target instanceof HTMLElement && e.target.closest('button, a, select'))) return false;
            void useConversationStore.getState().open(id);
            return true;
          }
          case 'a':
            pick('assign');
            return true;
          case 'm':
            pick('move');
            return true;
          case 't':
            pick('tag');
            return true;
          case 'r':
          case 'n':
            if (!useConversationStore.getState().openId) return false;
            useComposerStore.getState().focus(e.key === 'r' ? 'reply' : 'note');
            return true;
          case 'e': {
            // Resolving always goes through the dialog: calificación + closing policy.
            const target = currentTarget();
            if (!target) return false;
            if (target.kind === 'one') {
              // The dialog reads the open conversation's thread (the customer's last message for d).
              if (useConversationStore.getState().openId !== target.conversationId)
                void useConversationStore.getState().open(target.conversationId);
              else if (useConversationStore.getState().detail?.status === 'resolved') return false;
            }
            useGuideDialogStore.getState().open({ kind: 'resolve', target });
            return true;
          }
          case 's': {
            // Posponer: the selection, else the open conversation (or the row under the cursor).
            const target = currentTarget();
            return target ? openSnooze(target) : false;
          }
          case 'x': {
            const id = useListStore.getState().cursorId;
            if (id) useListStore.getState().toggle(id);
            return Boolean(id);
          }
          case '?':
            ui.setShortcutsOpen(true);
            return true;
          case 'Escape':
            useListStore.getState().clearSelection();
            return true;
          default:
            return false;
        }
      })();
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

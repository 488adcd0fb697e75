// Keyboard-first: j/k, Enter, a, m, t, r, n, e, x, ?, Esc and Ctrl/⌘+K. Single keys never fire while
// typing or while a dialog owns the keyboard.
import { useEffect } from 'react';
import { actions } from '../lib/actions';
import { isTypingTarget, modKey } from '../lib/keyboard';
import { useAuthStore } from '../stores/authStore';
import { useComposerStore } from '../stores/composerStore';
import { useConversationStore } from '../stores/conversationStore';
import { useListStore } from '../stores/listStore';
import { usePaletteStore } from '../stores/paletteStore';
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

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = useUiStore.getState();
      const palette = usePaletteStore.getState();
      if (e.key.toLowerCase() === 'k' && modKey(e) && !e.altKey) {
        e.preventDefault();
        palette.setOpen(!palette.open);
        return;
      }
      if (palette.open || ui.picker || ui.shortcutsOpen || ui.settingsOpen) return;
      if (useAuthStore.getState().confirmSignOut) return;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;

      const pick = (kind: PickerKind) => {
        const target = currentTarget();
        if (target) ui.openPicker(kind, target);
      };
      const handled = (() => {
        switch (e.key) {
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
            const target = currentTarget();
            if (!target) return false;
            if (target.kind === 'bulk')
              void actions.bulk(target.conversationIds, { type: 'setStatus', status: 'resolved' });
            else void actions.setStatus(target.conversationId, 'resolved');
            return true;
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

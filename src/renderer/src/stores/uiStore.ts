// Transient UI: which picker/dialog is open and the toasts. Nothing here mirrors core data.
import { create } from 'zustand';
import type { BulkItemResult } from '../../../shared/contract';
import { toPayload } from '../transport';
import type { ErrorPayload } from '../../../shared/errors';
import type { BulkAction } from '../../../shared/mutations';

export type PickerKind = 'assign' | 'move' | 'tag' | 'status';
/** Who a picker acts on: the open conversation, or the current multi-selection. */
export type PickerTarget = { kind: 'one'; conversationId: string } | { kind: 'bulk'; conversationIds: string[] };

export type Toast =
  | { id: number; kind: 'info'; text: string }
  | { id: number; kind: 'error'; error: ErrorPayload }
  | {
      id: number;
      kind: 'bulk';
      results: BulkItemResult[];
      names: Record<string, string>;
      /** What was applied: a resolve is reported in its own words ("7 resueltas, 3 rechazadas"). */
      action?: BulkAction['type'];
    };

interface UiState {
  picker: { kind: PickerKind; target: PickerTarget } | null;
  shortcutsOpen: boolean;
  settingsOpen: boolean;
  toasts: Toast[];
  openPicker(kind: PickerKind, target: PickerTarget): void;
  closePicker(): void;
  setShortcutsOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  pushInfo(text: string): void;
  pushError(err: unknown): void;
  /** `names` are captured before the action: changed rows may leave the list right after. */
  pushBulk(results: BulkItemResult[], names: Record<string, string>, action?: BulkAction['type']): void;
  dismiss(id: number): void;
}

let seq = 1;
const AUTO_DISMISS_MS = 6000;

export const useUiStore = create<UiState>((set, get) => {
  const add = (toast: Toast, sticky = false) => {
    set((s) => ({ toasts: [...s.toasts.slice(-3), toast] }));
    if (!sticky) setTimeout(() => get().dismiss(toast.id), AUTO_DISMISS_MS);
  };
  return {
    picker: null,
    shortcutsOpen: false,
    settingsOpen: false,
    toasts: [],
    openPicker: (kind, target) => set({ picker: { kind, target } }),
    closePicker: () => set({ picker: null }),
    setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
    setSettingsOpen: (open) => set({ settingsOpen: open }),
    pushInfo: (text) => add({ id: seq++, kind: 'info', text }),
    pushError: (err) => add({ id: seq++, kind: 'error', error: toPayload(err) }, true),
    // A bulk report with failures stays until read; a clean one fades out.
    pushBulk: (results, names, action) =>
      add(
        { id: seq++, kind: 'bulk', results, names, ...(action ? { action } : {}) },
        results.some((r) => !r.ok),
      ),
    dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  };
});

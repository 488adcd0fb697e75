// "Mis tareas": the open tasks assigned to me (`tasks.list` scope 'mine'), and the done ones too when the
// agent asks for them. Column 1 shows the count (overdue highlighted); column 2 lists them, overdue first,
// then by due date. Marking one done shows at once and is then confirmed by the core's data.changed.
import { create } from 'zustand';
import type { Task } from '../../../shared/entities';
import { call, run } from '../lib/api';
import { coalesced } from '../lib/coalesce';

interface TasksState {
  items: Task[];
  includeDone: boolean;
  loaded: boolean;
  /** Keyboard cursor of the Mis tareas list (j/k). */
  cursorId: string | null;
  load(): Promise<void>;
  setIncludeDone(includeDone: boolean): void;
  setDone(taskId: string, done: boolean): Promise<void>;
  setCursor(id: string | null): void;
  reset(): void;
}

/** Open before done; by due date (so the overdue ones come first), no date last; then by title. */
export function compareTasks(a: Task, b: Task): number {
  if (a.done !== b.done) return a.done ? 1 : -1;
  if (a.done && b.done) return (b.doneAt ?? 0) - (a.doneAt ?? 0);
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return a.dueAt - b.dueAt;
  }
  return a.title.localeCompare(b.title);
}

export const isOverdue = (task: Task, now: number): boolean => !task.done && task.dueAt !== null && task.dueAt < now;

// Bumped by a local change (done, the filter) or reset(): a list read before it is dropped.
let generation = 0;

export const useTasksStore = create<TasksState>((set, get) => ({
  items: [],
  includeDone: false,
  loaded: false,
  cursorId: null,

  // Coalesced: a burst of data.changed events costs one read (and one more if asked meanwhile).
  load: coalesced(async () => {
    const gen = generation;
    try {
      const { items } = await call('tasks.list', { scope: 'mine', includeDone: get().includeDone });
      if (gen !== generation) return;
      set({ items: [...items].sort(compareTasks), loaded: true });
    } catch {
      // A background read; the count keeps its last good value. Actions report their own errors.
      if (gen === generation) set({ loaded: true });
    }
  }),

  setIncludeDone(includeDone) {
    if (includeDone === get().includeDone) return;
    generation += 1;
    set({ includeDone });
    // A read in flight is now stale (dropped by its generation): load() asks for one more round.
    void get().load();
  },

  async setDone(taskId, done) {
    const before = get().items;
    const now = Date.now();
    const items = before
      .map((t) => (t.id === taskId ? { ...t, done, doneAt: done ? now : null } : t))
      .filter((t) => get().includeDone || !t.done)
      .sort(compareTasks);
    generation += 1;
    set({ items });
    const result = await run('tasks.update', { taskId, done });
    // Refused: back to what the core says (the error was reported by `run`).
    if (!result) void get().load();
  },

  setCursor: (cursorId) => set({ cursorId }),

  reset() {
    generation += 1;
    set({ items: [], includeDone: false, loaded: false, cursorId: null });
  },
}));

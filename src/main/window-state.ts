// Remembers the main window's bounds between runs (userData/window-state.json). Restored bounds are
// used only if they still overlap a connected display, so a window never opens off-screen.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

export interface WindowState {
  bounds?: Rectangle;
  maximized: boolean;
}

const DEFAULT_SIZE = { width: 1280, height: 800 };

export function loadWindowState(dir: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8')) as Partial<WindowState>;
    const b = raw.bounds;
    const valid =
      b && [b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n)) && b.width >= 400 && b.height >= 300;
    if (valid && isVisible(b)) return { bounds: b, maximized: raw.maximized === true };
  } catch {
    // first run or unreadable file: defaults
  }
  return { bounds: undefined, maximized: false };
}

export function initialBounds(state: WindowState): Partial<Rectangle> {
  return state.bounds ?? DEFAULT_SIZE;
}

/** Saves on close; the normal (un-maximized) bounds are kept so un-maximizing restores them. */
export function trackWindowState(win: BrowserWindow, dir: string): void {
  win.on('close', () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      writeFileSync(join(dir, 'window-state.json'), JSON.stringify(state));
    } catch {
      // losing window bounds is not worth failing a quit over
    }
  });
}

function isVisible(b: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: d }) => {
    const w = Math.min(b.x + b.width, d.x + d.width) - Math.max(b.x, d.x);
    const h = Math.min(b.y + b.height, d.y + d.height) - Math.max(b.y, d.y);
    return w >= 100 && h >= 50;
  });
}

// The main window, locked down: sandboxed renderer, isolated context, no node, no navigation, no popups.
// Links the renderer asks to open leave through the allow-list (external-policy.ts) to the OS.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, type WebContents } from 'electron';
import { initialBounds, loadWindowState, trackWindowState } from './window-state';

export interface WindowOptions {
  preloadPath: string;
  /** The built index.html (file://) or, in development, the Vite dev server URL. */
  rendererUrl: string;
  stateDir: string;
  iconPath?: string;
  openExternal(url: string): Promise<boolean>;
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const state = loadWindowState(opts.stateDir);
  const win = new BrowserWindow({
    ...initialBounds(state),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Bandeja',
    backgroundColor: '#ffffff',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      preload: opts.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, opts.stateDir);
  lockNavigation(win.webContents, opts.openExternal);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.rendererUrl);
  return win;
}

/** The app is a single page: every navigation and window.open is refused; allow-listed links go to the OS. */
function lockNavigation(contents: WebContents, openExternal: (url: string) => Promise<boolean>): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    void openExternal(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url);
    return { action: 'deny' };
  });
}

export function rendererEntryUrl(rendererDir: string, devServerUrl: string | undefined): string {
  if (devServerUrl) return devServerUrl;
  return pathToFileURL(join(rendererDir, 'index.html')).href;
}

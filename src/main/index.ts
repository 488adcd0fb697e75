// src/main — the Electron shell only: app lifecycle, single-instance lock, session hardening, the main
// window and the IPC wiring. All product logic lives in the core (src/core), created here with the
// Electron Platform; this process just carries validated calls and events between it and the renderer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { openReplica, type Core, type OpenedReplica, type Platform, type ReplicaSource } from '../core';
import { startEmbeddedServer } from '../server/embedded';
import { trackBadge } from './badge';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './csp';
import { createSenderValidator } from './ipc-handler';
import { broadcast, registerIpc } from './ipc';
import { createElectronPlatform } from './platform';
import { createMainWindow, rendererEntryUrl } from './window';

// out/main at run time (dev and packaged alike); siblings are out/preload, out/renderer, out/native.
const here = import.meta.dirname;
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererUrl = rendererEntryUrl(join(here, '../renderer'), devServerUrl);
const iconPath = join(app.getAppPath(), 'resources', 'icon.png');

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let hosted: OpenedReplica | null = null;
let platform: Platform | null = null;
let disposeIpc: (() => void) | null = null;
let disposeBadge: (() => void) | null = null;

// Every renderer sandboxed, whatever a future BrowserWindow forgets to set.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite replica would fight over the outbox: the second one just hands over.
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => {
    // Belt and braces for any webContents, not only the main window.
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', (event) => {
    disposeIpc?.();
    disposeIpc = null;
    disposeBadge?.();
    disposeBadge = null;
    core = null;
    const closing = hosted;
    hosted = null;
    if (!closing) return;
    // Let a sync round in flight and the embedded server finish cleanly, then quit for real.
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
  app.whenReady().then(start).catch(fail);
}

/**
 * Where the replica's data comes from: BANDEJA_SERVER_URL = a team server (login screen);
 * BANDEJA_LOCAL=1 = the server-less demo; otherwise the quickstart's embedded server with the demo
 * workspace, signed in as the demo agent.
 */
function replicaSource(): ReplicaSource {
  const serverUrl = process.env['BANDEJA_SERVER_URL'];
  if (serverUrl) return { kind: 'server', serverUrl };
  if (process.env['BANDEJA_LOCAL'] === '1') return { kind: 'local', seedDemo: process.env['BANDEJA_NO_DEMO'] !== '1' };
  return { kind: 'quickstart' };
}

async function start(): Promise<void> {
  hardenSession();
  const p = createElectronPlatform({
    dataDir: app.getPath('userData'),
    ...(existsSync(iconPath) ? { iconPath } : {}),
    focusWindow,
    broadcast,
  });
  platform = p;
  hosted = await openReplica(
    replicaSource(),
    { platform: p, migrationsFolder: join(here, 'migrations'), nativeBinding: electronSqliteBinding() },
    (dataDir) => startEmbeddedServer({ dataDir, migrationsFolder: join(here, 'server-migrations') }),
  );
  core = hosted.core;
  disposeIpc = registerIpc(
    core,
    createSenderValidator({
      rendererIndexUrl: pathToFileURL(join(here, '../renderer/index.html')).href,
      ...(devServerUrl ? { devServerUrl } : {}),
    }),
  );
  disposeBadge = trackBadge(core);
  openWindow();
}

function openWindow(): void {
  const p = platform;
  if (!p) return;
  mainWindow = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    rendererUrl,
    stateDir: app.getPath('userData'),
    ...(existsSync(iconPath) ? { iconPath } : {}),
    // Links clicked in the renderer reach the OS only through the same allow-list as attachments.open.
    openExternal: (url) => p.openExternal(url),
  });
  mainWindow.on('closed', () => (mainWindow = null));
}

function focusWindow(): void {
  const win = mainWindow;
  if (!win) return openWindow();
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** No permission is ever needed by the renderer; CSP is also sent as a header where headers exist. */
function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  const policy = devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  // file:// responses carry no headers; for them the <meta> tag written at build time applies.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

/**
 * node_modules keeps better-sqlite3 on the Node ABI (tests, host); the app loads its own Electron-ABI
 * build from out/native (scripts/build-electron-sqlite.mjs). Packaged, it lives in app.asar.unpacked.
 */
function electronSqliteBinding(): string | undefined {
  const file = join(here, '../native/electron/better_sqlite3.node').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (existsSync(file)) return file;
  console.warn(`Electron build of better-sqlite3 not found at ${file}; run: node scripts/build-electron-sqlite.mjs`);
  return undefined;
}

function fail(err: unknown): void {
  // Typical causes: a database newer than this app, or a better-sqlite3 binding for the wrong ABI.
  console.error(err);
  dialog.showErrorBox('Bandeja no pudo iniciar', err instanceof Error ? err.message : String(err));
  app.exit(1);
}

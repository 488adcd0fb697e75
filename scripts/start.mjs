#!/usr/bin/env node
// `npm start`: builds, then opens the desktop app on the demo workspace. Where Electron cannot run (its
// binary is downloaded lazily and may be unreachable, no display, no Electron build of better-sqlite3)
// it opens the very same app in the browser through the headless host instead. No other setup needed.
//   npm start               desktop app, or the browser fallback
//   npm start -- --web      always the browser (host); other flags go to the host (--fresh, --port N)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..');
const isWin = process.platform === 'win32';
const bin = (name) => join(root, 'node_modules', '.bin', isWin ? `${name}.cmd` : name);
const args = process.argv.slice(2);
const forceWeb = args.includes('--web') || process.env.BANDEJA_WEB === '1';
const hostArgs = args.filter((a) => a !== '--web');

run(bin('electron-vite'), ['build']);

const reason = forceWeb ? null : electronUnavailableReason();
if (reason === null && !forceWeb) {
  launchElectron();
} else {
  if (reason) console.error(reason);
  startWeb();
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: isWin });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** null when Electron can run here; otherwise why not (the fallback prints it). */
function electronUnavailableReason() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'No hay pantalla gráfica (DISPLAY/WAYLAND_DISPLAY vacíos).';
  }
  if (!electronBinary()) {
    // Electron ≥ 42 downloads its binary on first use; try once, quietly, and fall back if it fails.
    console.log('Descargando Electron…');
    const dl = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
      cwd: root,
      stdio: 'pipe',
      timeout: 180_000,
    });
    if (dl.status !== 0 || !electronBinary()) return 'No se pudo descargar Electron (¿sin conexión?).';
  }
  const sqlite = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-sqlite.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (sqlite.status !== 0) return 'No se pudo compilar better-sqlite3 para Electron.';
  return null;
}

function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  try {
    const file = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

function launchElectron() {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the app into a plain Node process
  const startedAt = Date.now();
  const child = spawn(electronBinary(), ['.'], { cwd: root, env, stdio: 'inherit' });
  forwardSignals(child);
  child.on('error', (err) => {
    console.error(`No se pudo lanzar Electron: ${err.message}`);
    startWeb();
  });
  child.on('exit', (code, signal) => {
    // A crash within seconds of launch is a broken environment, not a user quitting: use the browser.
    if (code !== 0 && signal === null && Date.now() - startedAt < 10_000) {
      console.error(`Electron terminó al iniciar (código ${code}).`);
      startWeb();
      return;
    }
    process.exit(code ?? 1);
  });
}

function startWeb(port = '5173') {
  const portArgs = hostArgs.includes('--port') ? [] : ['--port', port];
  // The same choice of replica as the desktop app makes (src/main/index.ts): a team server, or local only.
  const sourceArgs = hostArgs.some((a) => a === '--server' || a === '--local')
    ? []
    : process.env.BANDEJA_SERVER_URL
      ? ['--server', process.env.BANDEJA_SERVER_URL]
      : process.env.BANDEJA_LOCAL === '1'
        ? ['--local']
        : [];
  const child = spawn(bin('tsx'), [join(root, 'src', 'host', 'cli.ts'), ...portArgs, ...sourceArgs, ...hostArgs], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'pipe'],
    shell: isWin,
  });
  forwardSignals(child);
  let ready = false;
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    const m = /^Bandeja host: (\S+)/.exec(line);
    if (m && !ready) {
      ready = true;
      console.log(
        forceWeb
          ? `Abriendo Bandeja en el navegador: ${m[1]}`
          : `Electron no está disponible en esta máquina; abriendo Bandeja en el navegador: ${m[1]}`,
      );
      openBrowser(m[1]);
    } else {
      console.log(line);
    }
  });
  child.stderr.on('data', (chunk) => {
    if (!ready) stderr += chunk;
    process.stderr.write(chunk);
  });
  child.on('exit', (code) => {
    // Port 5173 taken by something else: take any free port rather than failing.
    if (!ready && port !== '0' && portArgs.length > 0 && /port in use/.test(stderr)) return startWeb('0');
    process.exit(code ?? 0);
  });
}

/** Best effort only: a headless machine has no browser, and the URL is printed anyway. */
function openBrowser(url) {
  const hasDisplay = process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  if (!hasDisplay || process.env.BANDEJA_NO_BROWSER === '1') return;
  const [cmd, cmdArgs] =
    process.platform === 'darwin' ? ['open', [url]] : isWin ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no opener installed: the printed URL is enough
  }
}

function forwardSignals(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

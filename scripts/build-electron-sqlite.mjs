#!/usr/bin/env node
// Compiles better-sqlite3 for Electron's ABI into out/native/electron/better_sqlite3.node.
// node_modules keeps the Node-ABI build (tests and the host need it), so the app loads this copy through
// better-sqlite3's `nativeBinding` option and `npm start` / `npm test` work in any order.
// Needs the Electron headers (downloaded by node-gyp from electronjs.org) and a C++ toolchain.
//   node scripts/build-electron-sqlite.mjs [--force]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const electronVersion = readJson(require.resolve('electron/package.json')).version;
const electronAbi = readFileSync(join(require.resolve('electron/package.json'), '..', 'abi_version'), 'utf8').trim();
const sqliteDir = join(require.resolve('better-sqlite3/package.json'), '..');
const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;

const outDir = join(root, 'out', 'native', 'electron');
const target = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');
const stamp = { electronVersion, electronAbi, sqliteVersion, platform: process.platform, arch: process.arch };

if (!process.argv.includes('--force') && existsSync(target) && existsSync(stampFile)) {
  if (JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp)) {
    console.log(`better-sqlite3 for Electron ${electronVersion} is up to date: ${relative(root, target)}`);
    process.exit(0);
  }
}

// Build in a copy so the Node-ABI binary in node_modules is never touched.
const work = join(root, '.tmp', 'electron-sqlite', 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => src !== join(sqliteDir, 'build') });

// The machine's npm config sets nodedir=/usr (Node's headers). Inherited, it would make node-gyp build
// against Node while we label the result Electron: strip every npm/node-gyp setting that picks headers.
const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i.test(key)) delete env[key];
}

const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
console.log(`Compiling better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${electronAbi})…`);
const gyp = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, env, stdio: 'inherit' },
);
if (gyp.status !== 0) {
  console.error('node-gyp failed (are the Electron headers reachable and a C++ toolchain installed?)');
  process.exit(gyp.status ?? 1);
}

const built = join(work, 'build', 'Release', 'better_sqlite3.node');
assertElectronAbi(built);
mkdirSync(outDir, { recursive: true });
copyFileSync(built, target);
writeFileSync(stampFile, JSON.stringify(stamp));
console.log(`Wrote ${relative(root, target)}`);

/**
 * Loading the binary into this Node must FAIL with Electron's NODE_MODULE_VERSION; if it loads, it was
 * compiled for Node and shipping it would crash the app at start (TOOLCHAIN.md's silent mislabel).
 */
function assertElectronAbi(file) {
  try {
    process.dlopen({ exports: {} }, file);
  } catch (err) {
    const message = String(err?.message ?? err);
    if (message.includes(`NODE_MODULE_VERSION ${electronAbi}`)) return;
    console.error(`Unexpected error while checking the binary's ABI: ${message}`);
    process.exit(1);
  }
  console.error(`${file} loads in Node ${process.version}: it was built for Node's ABI, not Electron's.`);
  process.exit(1);
}

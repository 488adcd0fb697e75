// Builds the three Electron targets into out/: main (ESM, deps external), preload (one self-contained
// CommonJS file, because sandboxed preloads cannot load ES modules nor require node_modules) and the
// renderer (the React app, also served by the headless host from out/renderer).
import { cpSync, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, injectCspMeta } from './src/main/csp';

const root = import.meta.dirname;

/**
 * The bundled main cannot find migrations via import.meta.url: ship them next to it — the replica's
 * (src/core) and the embedded server's (src/server, the quickstart) in their own folders.
 */
function copyMigrations(): Plugin {
  const copies = [
    ['src/core/db/migrations', 'out/main/migrations'],
    ['src/server/db/migrations', 'out/main/server-migrations'],
  ].map(([from, to]) => [resolve(root, from!), resolve(root, to!)] as const);
  return {
    name: 'bandeja:copy-migrations',
    apply: 'build',
    writeBundle() {
      for (const [from, to] of copies) {
        rmSync(to, { recursive: true, force: true });
        if (existsSync(from)) cpSync(from, to, { recursive: true });
      }
    },
  };
}

/** One CSP for every transport: written into index.html here, read back from it by the host. */
function cspMeta(): Plugin {
  let policy = CONTENT_SECURITY_POLICY;
  return {
    name: 'bandeja:csp-meta',
    configResolved(config) {
      if (config.command === 'serve') policy = DEV_CONTENT_SECURITY_POLICY;
    },
    transformIndexHtml: { order: 'post', handler: (html) => injectCspMeta(html, policy) },
  };
}

/** Fails the build if the preload would `require` anything a sandboxed preload cannot load. */
function sandboxedPreloadGuard(): Plugin {
  const allowed = new Set(['electron', 'events', 'timers', 'url']);
  return {
    name: 'bandeja:sandboxed-preload-guard',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const bad = [...chunk.code.matchAll(/\brequire\((["'])([^"']+)\1\)/g)]
          .map((m) => m[2] ?? '')
          .filter((id) => !allowed.has(id));
        if (bad.length) this.error(`sandboxed preload ${chunk.fileName} requires ${bad.join(', ')}`);
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // dependencies (better-sqlite3, drizzle-orm, zod…) stay in node_modules and load at run time.
      externalizeDeps: true,
      lib: { entry: resolve(root, 'src/main/index.ts') },
      rolldownOptions: { external: ['better-sqlite3'] },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      // A sandboxed preload gets only a tiny `require` (electron, events, timers, url): bundle everything.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'src/preload/index.ts') },
      // It imports only src/shared/bridge.ts (channel names, no zod), so the bundle stays tiny.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
    plugins: [sandboxedPreloadGuard()],
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    base: './',
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
    plugins: [react(), cspMeta()],
  },
});

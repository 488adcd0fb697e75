// Lint = code quality + the architecture's import boundaries (ARCHITECTURE.md), so that crossing a
// boundary fails CI instead of waiting for review. Fast on purpose: no type-aware rules.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const srcRoot = resolve(dirname(fileURLToPath(import.meta.url)), 'src');
const FOLDERS = ['shared', 'core', 'main', 'preload', 'renderer', 'host', 'server'];

/** src folders each folder may NOT import from (relative imports are resolved, so `../../core` is caught). */
const FORBIDDEN_FOLDERS = {
  shared: ['core', 'main', 'preload', 'renderer', 'host', 'server'],
  core: ['main', 'preload', 'renderer', 'host', 'server'],
  main: ['renderer', 'host', 'server'],
  preload: ['core', 'main', 'renderer', 'host', 'server'],
  renderer: ['core', 'main', 'preload', 'host', 'server'],
  host: ['main', 'preload', 'renderer', 'server'],
  server: ['core', 'main', 'preload', 'renderer', 'host'],
};

/**
 * The one door through a boundary: the desktop app and the host start the embedded server of the
 * quickstart (PGlite + demo workspace) in-process, through this single entry file and nothing else.
 */
const ALLOWED_ENTRIES = { main: ['server/embedded'], host: ['server/embedded'] };

/** Local rule: which src folder does a relative import land in, and is that allowed from here? */
const boundariesPlugin = {
  rules: {
    'no-cross-folder': {
      meta: {
        type: 'problem',
        schema: [
          { type: 'array', items: { type: 'string' } },
          { type: 'array', items: { type: 'string' } },
        ],
      },
      create(context) {
        const forbidden = new Set(context.options[0] ?? []);
        const allowed = new Set(context.options[1] ?? []);
        const check = (node) => {
          const source = node?.value;
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const target = relative(srcRoot, resolve(dirname(context.filename), source));
          const folder = target.split(sep)[0];
          if (allowed.has(target.split(sep).join('/').replace(/\.ts$/, ''))) return;
          if (forbidden.has(folder)) {
            context.report({ node, message: `src/${folder} may not be imported from here (see ARCHITECTURE.md).` });
          }
        };
        return {
          ImportDeclaration: (n) => check(n.source),
          ExportNamedDeclaration: (n) => check(n.source),
          ExportAllDeclaration: (n) => check(n.source),
          ImportExpression: (n) => check(n.source),
        };
      },
    },
  },
};

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const restrictions = {
  electron: {
    paths: [{ name: 'electron', message: 'Only src/main and src/preload may import electron.' }],
    patterns: [{ group: ['electron/*'], message: 'Only src/main and src/preload may import electron.' }],
  },
  node: {
    paths: [
      ...nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins here: this code runs in the browser too.' })),
      { name: 'better-sqlite3', message: 'SQLite belongs to src/core.' },
      { name: 'drizzle-orm/better-sqlite3', message: 'SQLite belongs to src/core.' },
    ],
    patterns: [{ group: ['node:*'], message: 'No Node built-ins here: this code runs in the browser too.' }],
  },
};

/** no-restricted-imports does not merge across config objects, so each folder gets its full list. */
function restrictedImports(...kinds) {
  return {
    paths: kinds.flatMap((k) => restrictions[k].paths),
    patterns: kinds.flatMap((k) => restrictions[k].patterns),
  };
}

const IMPORT_RESTRICTIONS = {
  shared: restrictedImports('electron', 'node'),
  core: restrictedImports('electron'),
  main: null,
  // A sandboxed preload cannot load Node built-ins either.
  preload: restrictedImports('node'),
  renderer: restrictedImports('electron', 'node'),
  host: restrictedImports('electron'),
  server: restrictedImports('electron'),
};

const boundaryConfigs = FOLDERS.map((folder) => ({
  files: [`src/${folder}/**/*.{ts,tsx,js,mjs}`],
  plugins: { boundaries: boundariesPlugin },
  rules: {
    'boundaries/no-cross-folder': ['error', FORBIDDEN_FOLDERS[folder], ALLOWED_ENTRIES[folder] ?? []],
    ...(IMPORT_RESTRICTIONS[folder] ? { 'no-restricted-imports': ['error', IMPORT_RESTRICTIONS[folder]] } : {}),
  },
}));

const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'structuredClone',
    'fetch',
  ].map((g) => [g, 'readonly']),
);

export default defineConfig(
  {
    ignores: [
      'out/',
      'dist/',
      'node_modules/',
      '.data/',
      '.tmp/',
      'test-results/',
      'playwright-report/',
      'tests/artifacts/',
      'bench-results/',
      'coverage/',
      'src/core/db/migrations/',
      'src/server/db/migrations/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    // Only meaningful when the React Compiler runs (it does not): it flags e.g. useVirtualizer as noise.
    rules: { 'react-hooks/incompatible-library': 'off' },
  },
  ...boundaryConfigs,
);

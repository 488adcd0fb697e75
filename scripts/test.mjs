#!/usr/bin/env node
// `npm test`: everything CI runs, in order — lint + format check, type-check, vitest (unit, fuzz,
// crash), the renderer build, Playwright in Debian Chromium (web via the host, Electron when present).
// Ends with one line `N passed, N failed, N skipped` that adds up every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];
mkdirSync('.tmp', { recursive: true });

function run(cmd, args, env = {}) {
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function step(name, ok) {
  totals[ok ? 'passed' : 'failed'] += 1;
  report.push(`${ok ? '✓' : '✗'} ${name}`);
}

/** "title — reason" for every skipped Playwright test (the Electron smoke test says why it skipped). */
function skipReasons(suites) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const why = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        out.push(`${spec.title} — ${why}`);
      }
    }
    (suite.suites ?? []).forEach(walk);
  };
  suites.forEach(walk);
  return out;
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium not found: installing Debian chromium (apt-get)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
  }
  if (!existsSync('/usr/bin/chromium')) {
    console.error('Browser tests need Debian Chromium at /usr/bin/chromium: sudo apt-get install -y chromium');
    return false;
  }
  return true;
}

step('eslint (import boundaries)', run('npx', ['eslint', '.', '--max-warnings=0']));
step('prettier --check', run('npx', ['prettier', '--check', '.']));
step('typecheck (node + web)', run('npm', ['run', '-s', 'typecheck']));

const vitestJson = '.tmp/vitest-results.json';
rmSync(vitestJson, { force: true });
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests;
  // A file that failed without a failing test (an import or a beforeAll threw) counts once; a file whose
  // tests failed is already counted by them.
  const brokenFiles = (v.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  totals.failed += v.numFailedTests + brokenFiles;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  const broken = brokenFiles ? ` (+${brokenFiles} file${brokenFiles > 1 ? 's' : ''} that failed to run)` : '';
  report.push(
    `vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed${broken}, ${v.numPendingTests ?? 0} skipped`,
  );
} else {
  step('vitest produced results', false);
}

const built = run('npx', ['electron-vite', 'build']);
step('build (electron-vite: main, preload, renderer)', built);

const pwJson = '.tmp/playwright-results.json';
rmSync(pwJson, { force: true });
if (built && ensureChromium()) {
  run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (existsSync(pwJson)) {
    const pw = JSON.parse(readFileSync(pwJson, 'utf8'));
    for (const reason of skipReasons(pw.suites ?? [])) report.push(`  skipped: ${reason}`);
    const s = pw.stats;
    // A flaky test failed once and passed on its retry: it counts as passed, and the list above names it.
    const failed = s.unexpected;
    totals.passed += s.expected + (s.flaky ?? 0);
    totals.failed += failed;
    totals.skipped += s.skipped;
    report.push(`playwright: ${s.expected + (s.flaky ?? 0)} passed, ${failed} failed, ${s.skipped} skipped`);
  } else {
    step('playwright produced results', false);
  }
} else {
  step('playwright could run', false);
}

console.log(`\n${report.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

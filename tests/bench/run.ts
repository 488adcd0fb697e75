// `npm run bench` — Bandeja's benchmarks (never part of `npm test`; they print figures and never fail on speed).
//
// 1. Dataset: the demo workspace at 100k conversations / ~1M messages plus one 1,000-message conversation,
//    generated once and cached under .data/bench/ (keyed by generator version + seeder sources).
// 2. Core: list pages of every view, deep pagination, counts, opening the 1,000-message conversation,
//    paging its thread back, an assign mutation, throughput, memory — through `dispatch`, with the raw SQL
//    time beside it and naive baselines (GROUP BY counts, OFFSET paging) side by side. Targets ✓/✗.
// 3. Browser: scroll the whole virtualized list in headless Chromium through the headless host
//    (long tasks, rows in the DOM, time) — see scroll.ts.
// 4. Sync: real replicas and a real server on loopback — propagation A → B against a 5 s REST poller,
//    initial sync of the big workspace against a 25-per-page REST import, inbound ingest with 10 connected
//    replicas — see sync-bench.ts. The server database (PGlite, or BENCH_DATABASE_URL) is cached too.
// Each run is saved to bench-results/<timestamp>.json and bench-results/latest.json, and compared with
// bench-results/baseline.json when it exists.
//
// Flags:
//   --fresh                regenerate the cached database
//   --no-browser           skip the Chromium scroll benchmark
//   --no-core              skip the core benchmarks (scroll only)
//   --no-sync              skip the sync benchmarks
//   --no-naive-import      skip the 25-per-page REST import (minutes at 100k conversations)
//   --samples <n>          propagation samples (default 200)
//   --ingest-seconds <s>   seconds per ingest run (default 5)
//   --baseline <file>      compare with this run record instead of bench-results/baseline.json
//   --save-baseline        after this run, copy it to bench-results/baseline.json
//   --iterations <n>       measured iterations per figure (default 300; warmup is a tenth)
//   --conversations <n>    smaller dataset for a quick try (default 100000; cached separately)
//   --scroll-budget <s>    stop scrolling after this many seconds (default 240)
//   --plans                print the query plan of every list query
//   --scroll-profile       save a CPU profile of the page during the scroll to bench-results/ (DevTools format)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCoreBench } from './core-bench';
import { BENCH_DIR, DEFAULT_DATASET, prepareDataset, workingCopy } from './dataset';
import {
  printBaselineComparison,
  printCore,
  printDataset,
  printScroll,
  printSync,
  RECORD_VERSION,
  type RunRecord,
} from './report';
import { runScrollBench, scrollSkipReason } from './scroll';
import { DEFAULT_LOOP } from './stats';
import { runSyncBench } from './sync-bench';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS_DIR = join(ROOT, 'bench-results');
const RENDERER_DIR = join(ROOT, 'out/renderer');

function parse() {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      'no-core': { type: 'boolean', default: false },
      'no-sync': { type: 'boolean', default: false },
      'no-naive-import': { type: 'boolean', default: false },
      samples: { type: 'string', default: '200' },
      'ingest-seconds': { type: 'string', default: '5' },
      baseline: { type: 'string' },
      'save-baseline': { type: 'boolean', default: false },
      iterations: { type: 'string', default: String(DEFAULT_LOOP.iterations) },
      conversations: { type: 'string', default: String(DEFAULT_DATASET.conversations) },
      'scroll-budget': { type: 'string', default: '240' },
      plans: { type: 'boolean', default: false },
      'scroll-profile': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const positive = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${v}`);
    return n;
  };
  return {
    fresh: values.fresh,
    browser: !values['no-browser'],
    core: !values['no-core'],
    sync: !values['no-sync'],
    naiveImport: !values['no-naive-import'],
    samples: positive('samples', values.samples),
    ingestSeconds: positive('ingest-seconds', values['ingest-seconds']),
    baseline: values.baseline ? resolve(values.baseline) : join(RESULTS_DIR, 'baseline.json'),
    baselineExplicit: values.baseline !== undefined,
    saveBaseline: values['save-baseline'],
    iterations: positive('iterations', values.iterations),
    conversations: positive('conversations', values.conversations),
    scrollBudgetMs: positive('scroll-budget', values['scroll-budget']) * 1000,
    plans: values.plans,
    scrollProfile: values['scroll-profile'],
  };
}

function git(): RunRecord['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

const fileStamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function main(): Promise<void> {
  const args = parse();
  const started = new Date();
  console.log(
    `Bandeja benchmarks · ${started.toISOString()} · node ${process.version} · ${os.cpus()[0]?.model ?? '?'} ×${os.cpus().length}`,
  );

  // The core dataset only when a part that reads it runs (the sync part builds its own server database).
  const prepared =
    args.core || args.browser
      ? prepareDataset({ ...DEFAULT_DATASET, conversations: args.conversations }, args.fresh, log)
      : null;
  if (prepared) printDataset(prepared.info, prepared.built);

  const workDir = join(BENCH_DIR, 'work');
  const record: RunRecord = {
    recordVersion: RECORD_VERSION,
    timestamp: started.toISOString(),
    git: git(),
    env: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
    },
    dataset: prepared ? (({ file: _file, ...rest }) => rest)(prepared.info) : null,
    iterations: args.iterations,
    core: null,
    scroll: null,
    sync: null,
  };

  if (args.core && prepared) {
    const { info } = prepared;
    // Benchmarks write (assign → audit + outbox): work on a copy, the cache stays pristine.
    const dbFile = join(workDir, 'core.db');
    workingCopy(info, dbFile);
    record.core = await runCoreBench({
      dbFile,
      dataset: info,
      loop: { ...DEFAULT_LOOP, iterations: args.iterations, warmup: Math.max(5, Math.round(args.iterations / 10)) },
      log,
    });
    printCore(record.core, args.plans);
  }

  if (args.browser && prepared) {
    const { info } = prepared;
    const skip = scrollSkipReason(RENDERER_DIR);
    if (skip) {
      record.scroll = { skipped: skip };
    } else {
      try {
        mkdirSync(RESULTS_DIR, { recursive: true });
        record.scroll = await runScrollBench({
          dataset: info,
          workDir,
          rendererDir: RENDERER_DIR,
          budgetMs: args.scrollBudgetMs,
          profileFile: args.scrollProfile ? join(RESULTS_DIR, `scroll-${fileStamp(started)}.cpuprofile`) : undefined,
          log,
        });
      } catch (err) {
        // A crash of the browser part is reported (and fails the exit code) without losing the core figures.
        record.scroll = { skipped: `failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` };
        process.exitCode = 1;
      }
    }
    printScroll(record.scroll);
  } else {
    record.scroll = { skipped: '--no-browser' };
  }

  if (args.sync) {
    record.sync = await runSyncBench({
      conversations: args.conversations,
      fresh: args.fresh,
      samples: args.samples,
      naiveImport: args.naiveImport,
      ingestSeconds: args.ingestSeconds,
      log,
    });
  } else {
    record.sync = { skipped: '--no-sync' };
  }
  printSync(record.sync);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = JSON.stringify(record, null, 2);
  const stampFile = join(RESULTS_DIR, `${fileStamp(started)}.json`);
  writeFileSync(stampFile, json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);

  if (existsSync(args.baseline)) {
    const baseline = JSON.parse(readFileSync(args.baseline, 'utf8')) as RunRecord;
    printBaselineComparison(baseline, record, relative(ROOT, args.baseline));
  } else if (args.baselineExplicit) {
    console.log(`\nbaseline ${args.baseline} not found: nothing to compare with`);
  } else {
    console.log('\nno bench-results/baseline.json yet: run with --save-baseline to make this run the baseline');
  }
  if (args.saveBaseline) {
    copyFileSync(stampFile, join(RESULTS_DIR, 'baseline.json'));
    console.log('saved this run as bench-results/baseline.json');
  }
  console.log(`\nresults: ${relative(ROOT, stampFile)} (and bench-results/latest.json)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

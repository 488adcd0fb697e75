// Printing (tables with targets ✓/✗), the JSON record of a run, and the side-by-side comparison with a
// baseline run (bench-results/baseline.json or --baseline <file>).
import type { Comparison, CoreBenchResult, Metric } from './core-bench';
import type { DatasetInfo } from './dataset';
import type { InitialSyncResult } from './sync-initial';
import type { ScrollResult } from './scroll';
import type { Summary } from './stats';
import type { SyncBenchResult } from './sync-bench';

export const RECORD_VERSION = 1;

export interface RunRecord {
  recordVersion: number;
  timestamp: string;
  git: { commit: string | null; dirty: boolean | null };
  env: { node: string; platform: string; cpus: number; cpuModel: string };
  /** null when neither the core nor the browser part ran (the sync part has its own server database). */
  dataset: Omit<DatasetInfo, 'file'> | null;
  iterations: number;
  core: CoreBenchResult | null;
  scroll: ScrollResult | { skipped: string } | null;
  /** Absent in records older than the sync benchmarks. */
  sync?: SyncBenchResult | { skipped: string } | null;
}

// ── Formatting ───────────────────────────────────────────────────────────────────────────────────
export function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (v < 1) return v.toFixed(3);
  if (v < 10) return v.toFixed(2);
  if (v < 100) return v.toFixed(1);
  return v.toFixed(0);
}

const int = (v: number) => Math.round(v).toLocaleString('en');

function table(headers: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function heading(title: string): void {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 96 - title.length))}`);
}

function verdict(m: Metric): string {
  if (!m.target) return '';
  return `${m.summary.p95 <= m.target.maxP95 ? '✓' : '✗'} ≤ ${m.target.maxP95} ms`;
}

// ── A run ────────────────────────────────────────────────────────────────────────────────────────
export function printDataset(info: DatasetInfo, built: boolean): void {
  heading('Dataset');
  console.log(
    `${int(info.conversations)} conversations · ${int(info.messages)} messages · ${int(info.notes)} notes · ${int(info.auditEvents)} audit events`,
  );
  console.log(`1,000-message conversation: ${info.bigConversationId} (${int(info.bigConversationMessages)} messages)`);
  console.log(
    `${built ? 'generated now' : 'from cache'} · ${info.key} · generation took ${(info.buildMs / 1000).toFixed(1)} s`,
  );
}

export function printCore(core: CoreBenchResult, plans: boolean): void {
  heading('Core (through dispatch, validateOutput off) — times in ms');
  console.log(`createCore (open the database, check migrations): ${ms(core.openMs)} ms`);
  const groups = [...new Set(core.metrics.map((m) => m.group))];
  for (const group of groups) {
    const metrics = core.metrics.filter((m) => m.group === group);
    console.log(`\n${group}`);
    if (group === 'Throughput') {
      for (const m of metrics) console.log(`  ${m.label}: ${m.note ?? ''}`);
      continue;
    }
    const rows = metrics.map((m) => [
      m.label,
      String(m.summary.n),
      ms(m.summary.mean),
      ms(m.summary.p50),
      ms(m.summary.p95),
      ms(m.summary.p99),
      int(m.summary.opsPerSec),
      m.raw ? ms(m.raw.p50) : '',
      m.raw ? ms(m.raw.p95) : '',
      verdict(m),
    ]);
    console.log(
      table(['', 'n', 'mean', 'p50', 'p95', 'p99', 'ops/s', 'raw p50', 'raw p95', 'target (p95)'], rows, [
        'l',
        'r',
        'r',
        'r',
        'r',
        'r',
        'r',
        'r',
        'r',
        'l',
      ]),
    );
    for (const m of metrics) if (m.note) console.log(`  · ${m.label.trim()}: ${m.note}`);
    if (plans) for (const m of metrics) if (m.plan) console.log(`  plan · ${m.label.trim()}: ${m.plan}`);
  }
  console.log(
    '\n"raw" = the same SQL statements replayed on better-sqlite3 (no zod parsing, no row mapping, no await).',
  );
  printTargets(core);
  printComparisons(core.comparisons);
  printMemory(core);
}

function printTargets(core: CoreBenchResult): void {
  heading('Targets');
  const byTarget = new Map<string, Metric[]>();
  for (const m of core.metrics)
    if (m.target) byTarget.set(m.target.label, [...(byTarget.get(m.target.label) ?? []), m]);
  for (const [label, metrics] of byTarget) {
    const worst = metrics.reduce((a, b) => (b.summary.p95 > a.summary.p95 ? b : a));
    const failing = metrics.filter((m) => m.summary.p95 > m.target!.maxP95);
    const mark = failing.length === 0 ? '✓' : '✗';
    console.log(
      `${mark} ${label}: worst p95 ${ms(worst.summary.p95)} ms (${worst.label.trim()})${failing.length ? ` — ${failing.length}/${metrics.length} over` : ` — all ${metrics.length} within`}`,
    );
    for (const m of failing) console.log(`    ✗ ${m.label.trim()}: p95 ${ms(m.summary.p95)} ms`);
  }
}

function printComparisons(comparisons: Comparison[]): void {
  heading('Why the design: naive baseline vs design, same run, same database');
  const rows = comparisons.map((c) => [
    c.label,
    `${c.designLabel}`,
    `${ms(c.design.p50)} / ${ms(c.design.p95)}`,
    `${c.naiveLabel}`,
    `${ms(c.naive.p50)} / ${ms(c.naive.p95)}`,
    `${(c.naive.p50 / c.design.p50).toFixed(0)}×`,
  ]);
  console.log(
    table(['', 'design', 'p50 / p95', 'naive', 'p50 / p95', 'naive slower'], rows, ['l', 'l', 'r', 'l', 'r', 'r']),
  );
}

function printMemory(core: CoreBenchResult): void {
  heading('Memory of the core (after warmup)');
  const m = core.memory;
  console.log(`process rss ${m.rssMb.toFixed(0)} MB · heapUsed ${m.heapUsedMb.toFixed(0)} MB`);
  console.log(
    `SQLite page_count × page_size = ${int(m.pageCount)} × ${m.pageSize} = ${m.sqlitePagesMb.toFixed(0)} MB · db file ${m.dbFileMb.toFixed(0)} MB · wal ${m.walFileMb.toFixed(1)} MB · cache_size ${m.sqliteCacheSize}`,
  );
}

export function printScroll(result: ScrollResult | { skipped: string }): void {
  heading('Scrolling the virtualized list in Chromium (headless host)');
  if ('skipped' in result) {
    console.log(`skipped: ${result.skipped}`);
    return;
  }
  const r = result;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log(`view: ${r.view} · expected rows ${int(r.expectedRows)} · viewport ${r.viewport}`);
  console.log(
    `first page visible ${ms(r.firstPaintMs)} ms after navigation · long tasks before scrolling: ${r.longTasksBeforeScroll} (max ${ms(r.maxLongTaskBeforeScrollMs)} ms)`,
  );
  console.log(
    `scrolled to the end in ${(r.scrollMs / 1000).toFixed(1)} s · ${r.steps} steps · waited for data ${r.waits}× (${(r.waitMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `rows loaded ${int(r.rowsLoaded)} in ${int(r.pageFetches)} page fetches (${r.reachedEnd ? 'reached the end' : 'did NOT reach the end'}) · ${int(r.rowsLoaded / Math.max(0.001, r.scrollMs / 1000))} rows/s`,
  );
  console.log(
    `page fetch round trip (browser → host → core → browser): p50 ${ms(r.fetch.p50)} · p95 ${ms(r.fetch.p95)} · max ${ms(r.fetch.max)} ms`,
  );
  console.log(
    `${mark(r.maxLongTaskMs <= 50)} long tasks during the scroll: ${r.longTasks} · max ${ms(r.maxLongTaskMs)} ms (target: none over 50 ms) · total ${ms(r.longTaskTotalMs)} ms`,
  );
  if (r.worstLongTasks.length)
    console.log(
      `    longest: ${r.worstLongTasks.map((t) => `${ms(t.durationMs)} ms near row ${int(t.nearRow)}`).join(' · ')}`,
    );
  console.log(
    `${mark(r.maxDomRows <= 100)} max rows in the DOM during the scroll: ${r.maxDomRows} (options ${r.maxDomOptions}; target ≤ ~100)`,
  );
}

// ── Baseline comparison ──────────────────────────────────────────────────────────────────────────
interface Figure {
  label: string;
  p50?: number;
  p95?: number;
  value?: number;
  unit?: string;
}

function figuresOf(record: RunRecord): Map<string, Figure> {
  const out = new Map<string, Figure>();
  const timing = (id: string, label: string, s: Summary | undefined) => {
    if (s) out.set(id, { label, p50: s.p50, p95: s.p95 });
  };
  const core = record.core;
  if (core) {
    for (const m of core.metrics) {
      if (m.group === 'Throughput')
        out.set(m.id, { label: `${m.label} (ops/s)`, value: m.summary.opsPerSec, unit: 'ops/s' });
      else timing(m.id, m.label.trim(), m.summary);
    }
    for (const c of core.comparisons) {
      timing(`${c.id}.design`, `${c.label} — ${c.designLabel}`, c.design);
      timing(`${c.id}.naive`, `${c.label} — ${c.naiveLabel}`, c.naive);
    }
    out.set('memory.rss', { label: 'rss (MB)', value: core.memory.rssMb, unit: 'MB' });
    out.set('memory.heapUsed', { label: 'heapUsed (MB)', value: core.memory.heapUsedMb, unit: 'MB' });
    out.set('memory.sqlitePages', { label: 'SQLite pages (MB)', value: core.memory.sqlitePagesMb, unit: 'MB' });
  }
  const scroll = record.scroll;
  if (scroll && !('skipped' in scroll)) {
    out.set('scroll.totalMs', { label: 'scroll to end (ms)', value: scroll.scrollMs, unit: 'ms' });
    out.set('scroll.longTasks', { label: 'scroll long tasks (count)', value: scroll.longTasks, unit: '' });
    out.set('scroll.maxLongTask', { label: 'scroll max long task (ms)', value: scroll.maxLongTaskMs, unit: 'ms' });
    out.set('scroll.maxDomRows', { label: 'scroll max DOM rows', value: scroll.maxDomRows, unit: '' });
    timing('scroll.fetch', 'scroll page fetch round trip', scroll.fetch);
  }
  const sync = record.sync;
  if (sync && !('skipped' in sync)) syncFigures(sync, out, timing);
  return out;
}

function delta(base: number | undefined, now: number | undefined): string {
  if (base === undefined || now === undefined || !Number.isFinite(base) || !Number.isFinite(now)) return '';
  if (base === 0) return now === 0 ? '0%' : 'new';
  const d = ((now - base) / base) * 100;
  return `${d >= 0 ? '+' : ''}${d.toFixed(1)}%`;
}

export function printBaselineComparison(baseline: RunRecord, now: RunRecord, baselineName: string): void {
  heading(`Compared with baseline ${baselineName} (${baseline.timestamp}, ${baseline.git.commit?.slice(0, 8) ?? '?'})`);
  const before = figuresOf(baseline);
  const after = figuresOf(now);
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const rows = ids.map((id) => {
    const b = before.get(id);
    const a = after.get(id);
    const label = (a ?? b)!.label;
    if ((a ?? b)!.value !== undefined) {
      return [label, fmtValue(b?.value), fmtValue(a?.value), delta(b?.value, a?.value), '', '', ''];
    }
    return [label, ms(b?.p50), ms(a?.p50), delta(b?.p50, a?.p50), ms(b?.p95), ms(a?.p95), delta(b?.p95, a?.p95)];
  });
  console.log(
    table(['metric', 'base p50', 'now p50', 'Δ p50', 'base p95', 'now p95', 'Δ p95'], rows, [
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
      'r',
    ]),
  );
  console.log('(times in ms; for single figures such as memory or ops/s the value is in the p50 columns)');
}

function fmtValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return v >= 100 || Number.isInteger(v) ? int(v) : v.toFixed(1);
}

// ── Sync ─────────────────────────────────────────────────────────────────────────────────────────
const ok = (v: boolean) => (v ? '✓' : '✗');
const secs = (v: number) => `${(v / 1000).toFixed(2)} s`;

export function printSync(result: SyncBenchResult | { skipped: string }): void {
  heading('Sync (real replicas ↔ a real server on loopback; server, clients and senders in this process)');
  if ('skipped' in result) {
    console.log(`skipped: ${result.skipped}`);
    return;
  }
  console.log(
    `server: ${result.backend} · ${int(result.conversations)} conversations in the big workspace (${result.serverBuilt ? `built now in ${secs(result.serverBuildMs)}` : 'from cache'})`,
  );

  console.log('\nPropagation A → server → B (A adds a note; the core of B emits data.changed for it)');
  const p = result.propagation;
  if ('skipped' in p) console.log(`  skipped: ${p.skipped}`);
  else {
    const row = (label: string, s: Summary, target: string) => [
      label,
      String(s.n),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ms(s.max),
      target,
    ];
    console.log(
      table(
        ['', 'n', 'p50', 'p95', 'p99', 'max', 'target'],
        [
          row(
            'push + poke + pull (design)',
            p.design,
            `${ok(p.design.p50 <= p.target.p50)} p50 ≤ ${p.target.p50} · ${ok(p.design.p95 <= p.target.p95)} p95 ≤ ${p.target.p95}`,
          ),
          row('REST poll every 5 s (naive)', p.naive, ''),
          row('  one REST poll request', p.pollRequest, ''),
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
      ),
    );
    console.log(
      `  · ${p.timeouts} samples timed out (5 s) · naive p50 is ${(p.naive.p50 / p.design.p50).toFixed(0)}× the design's`,
    );
    console.log(`  · method: ${p.method}`);
  }

  console.log('\nInitial sync of the big workspace (fresh replica, admin: sees every conversation)');
  const i = result.initial;
  if ('skipped' in i) console.log(`  skipped: ${i.skipped}`);
  else {
    const run = (label: string, r: InitialSyncResult['design'] | { skipped: string }) =>
      'skipped' in r
        ? [label, r.skipped, '', '', '', '', '', '']
        : [
            label,
            secs(r.firstPageMs),
            r.signInMs === null ? '—' : secs(r.signInMs),
            secs(r.completeMs),
            r.requests === null ? '—' : int(r.requests),
            `${int(r.conversations)}${r.messages === null ? '' : ` + ${int(r.messages)} msgs`}`,
            int(r.rowsPerSecond),
            `${int(r.peakRssMb)} / ${r.replicaMb ? int(r.replicaMb) : '—'}`,
          ];
    console.log(
      table(
        ['', 'first page', 'sign-in', 'complete', 'pages applied', 'rows', 'rows/s', 'peak rss / db MB'],
        [run('sync (design)', i.design), run('REST 25/page (naive)', i.naive)],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    console.log(
      `  ${ok(i.design.firstPageMs <= i.target.firstPageMs)} first page ≤ ${secs(i.target.firstPageMs)} · ${ok(i.design.completeMs <= i.target.completeMs)} complete ≤ ${secs(i.target.completeMs)}` +
        ` · server: ${int(i.serverConversations)} conversations, ${int(i.serverMessages)} messages (the replica matched both)`,
    );
    console.log('  · the naive importer fetches conversation rows only (no messages, notes, tags): in its favour');
  }

  console.log('\nInbound ingest (signed Standard Webhooks posts) with 10 replicas connected, pulling on every poke');
  const g = result.ingest;
  if ('skipped' in g) console.log(`  skipped: ${g.skipped}`);
  else {
    console.log(
      table(
        ['senders', 'messages', 'failed', 'msg/s', 'p50', 'p95', 'p99', 'replica pulls', 'catch-up'],
        g.runs.map((r) => [
          String(r.senders),
          int(r.messages),
          String(r.failures),
          int(r.perSecond),
          ms(r.latency.p50),
          ms(r.latency.p95),
          ms(r.latency.p99),
          int(r.replicaPulls),
          `${ms(r.catchUpMs)} ms`,
        ]),
        ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    console.log(
      `  · process rss after the runs: ${int(g.rssMb)} MB · catch-up = last response → all 10 replicas at the server's last version`,
    );
  }
}

function syncFigures(
  sync: SyncBenchResult,
  out: Map<string, Figure>,
  timing: (id: string, label: string, s: Summary | undefined) => void,
): void {
  const p = sync.propagation;
  if (!('skipped' in p)) {
    timing('sync.propagation', 'sync propagation A → B', p.design);
    timing('sync.propagation.naive', 'sync propagation, 5 s REST poll', p.naive);
  }
  const i = sync.initial;
  if (!('skipped' in i)) {
    out.set('sync.initial.firstPage', {
      label: 'initial sync first page (ms)',
      value: i.design.firstPageMs,
      unit: 'ms',
    });
    out.set('sync.initial.signIn', { label: 'initial sync sign-in (ms)', value: i.design.signInMs ?? NaN, unit: 'ms' });
    out.set('sync.initial.complete', { label: 'initial sync complete (ms)', value: i.design.completeMs, unit: 'ms' });
    out.set('sync.initial.rss', { label: 'initial sync peak rss (MB)', value: i.design.peakRssMb, unit: 'MB' });
    if (!('skipped' in i.naive))
      out.set('sync.initial.naive', { label: 'REST import complete (ms)', value: i.naive.completeMs, unit: 'ms' });
  }
  const g = sync.ingest;
  if (!('skipped' in g))
    for (const r of g.runs) {
      out.set(`sync.ingest.${r.senders}.rate`, {
        label: `ingest ${r.senders} senders (msg/s)`,
        value: r.perSecond,
        unit: 'msg/s',
      });
      timing(`sync.ingest.${r.senders}.latency`, `ingest ${r.senders} senders latency`, r.latency);
    }
}

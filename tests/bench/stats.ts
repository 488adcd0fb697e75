// Timing loop with warmup, and the summary statistics every figure is printed with.

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  /** Sequential operations per second (1000 / mean ms). */
  opsPerSec: number;
}

/** Nearest-rank percentile of sorted samples (ms). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    n: sorted.length,
    mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    opsPerSec: mean > 0 ? 1000 / mean : 0,
  };
}

export interface LoopOptions {
  warmup: number;
  iterations: number;
  /** Stop early once this much time was spent measuring (keeps slow figures from dragging on). */
  maxMs: number;
}

export const DEFAULT_LOOP: LoopOptions = { warmup: 30, iterations: 300, maxMs: 4_000 };

/**
 * Runs `fn` `warmup` times unmeasured, then up to `iterations` times measured one by one.
 * `fn` receives the iteration index (so a benchmark can rotate through inputs).
 */
export async function measure(fn: (i: number) => unknown, loop: LoopOptions = DEFAULT_LOOP): Promise<Summary> {
  for (let i = 0; i < loop.warmup; i++) await fn(i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < loop.iterations; i++) {
    const t0 = performance.now();
    await fn(loop.warmup + i);
    samples.push(performance.now() - t0);
    if (performance.now() - started > loop.maxMs && samples.length >= 20) break;
  }
  return summarize(samples);
}

/** Synchronous variant for raw SQL: no `await` between samples, so no event-loop hop is measured. */
export function measureSync(fn: (i: number) => unknown, loop: LoopOptions = DEFAULT_LOOP): Summary {
  for (let i = 0; i < loop.warmup; i++) fn(i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < loop.iterations; i++) {
    const t0 = performance.now();
    fn(loop.warmup + i);
    samples.push(performance.now() - t0);
    if (performance.now() - started > loop.maxMs && samples.length >= 20) break;
  }
  return summarize(samples);
}

/** Times one run of `fn` (ms). */
export async function timeOnce<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

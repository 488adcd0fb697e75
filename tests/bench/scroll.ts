// Scrolling the whole virtualized conversation list in Chromium: the headless host (src/host) serves
// the built renderer over a copy of the 100k database; playwright-core drives Debian's /usr/bin/chromium.
// A PerformanceObserver('longtask') installed before any page script records long tasks; the scroll runs
// inside the page (no CDP round trip per step) with an adaptive step: it grows while rows are already
// there and shrinks when it lands on skeleton rows, waiting for the pages to load.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { workingCopy, type DatasetInfo } from './dataset';
import { summarize, type Summary } from './stats';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium';

const VIEWPORT = { width: 1440, height: 900 };
/** The UI's words for the view and the status tabs (Spanish by default, English when switched). */
const ALL_VIEW = /^(Todas|All)\b/;
const STATUS_TAB: Record<string, RegExp> = {
  open: /^(Abiertas|Open)\b/,
  pending: /^(Pendientes|Pending)\b/,
  snoozed: /^(Pospuestas|Snoozed)\b/,
  resolved: /^(Resueltas|Resolved)\b/,
};

export interface ScrollResult {
  view: string;
  expectedRows: number;
  viewport: string;
  firstPaintMs: number;
  longTasksBeforeScroll: number;
  maxLongTaskBeforeScrollMs: number;
  scrollMs: number;
  steps: number;
  waits: number;
  waitMs: number;
  rowsLoaded: number;
  pageFetches: number;
  reachedEnd: boolean;
  /** Round trip of each `conversations.list` frame, seen from the browser's WebSocket. */
  fetch: Summary;
  longTasks: number;
  maxLongTaskMs: number;
  longTaskTotalMs: number;
  /** The five longest tasks of the scroll and roughly which row was at the top when they started. */
  worstLongTasks: { durationMs: number; nearRow: number }[];
  maxDomRows: number;
  maxDomOptions: number;
}

export interface ScrollOptions {
  dataset: DatasetInfo;
  /** Scratch folder: the host's data dir is created inside it. */
  workDir: string;
  rendererDir: string;
  /** Give up scrolling after this long (the figures say how far it got). */
  budgetMs: number;
  /** When set, a CPU profile of the page during the scroll is written here (open it in Chrome DevTools). */
  profileFile?: string;
  log(msg: string): void;
}

/** Why the browser benchmark cannot run here, or null when it can. */
export function scrollSkipReason(rendererDir: string): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  if (!existsSync(join(rendererDir, 'index.html')))
    return `${join(rendererDir, 'index.html')} is missing (build the renderer: npx electron-vite build)`;
  return null;
}

interface InPageResult {
  scrollStart: number;
  scrollMs: number;
  steps: number;
  waits: number;
  waitMs: number;
  maxDomRows: number;
  maxDomOptions: number;
  atEnd: boolean;
  longTasks: LongTask[];
  /** [time, scrollTop / scrollHeight] after every step. */
  positions: [number, number][];
}

interface LongTask {
  start: number;
  duration: number;
}

/** The little of the DOM the in-page code uses (this tsconfig has no DOM lib, on purpose: it is Node code). */
interface ScrollBox {
  scrollTop: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
  readonly firstElementChild: { readonly children: { readonly length: number } } | null;
  querySelectorAll(selector: string): { readonly length: number };
}

interface PageGlobals {
  requestAnimationFrame(cb: () => void): number;
  PerformanceObserver: new (cb: (list: { getEntries(): { startTime: number; duration: number }[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
  __benchLongTasks?: LongTask[];
}

export async function runScrollBench(opts: ScrollOptions): Promise<ScrollResult> {
  const { log } = opts;
  // The host names its database <dataDir>/bandeja.db (createCore's default).
  const dataDir = join(opts.workDir, 'host');
  const dbFile = join(dataDir, 'bandeja.db');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  workingCopy(opts.dataset, dbFile);

  // Pick the status that shows the most rows in Todas (the UI always has a status tab selected).
  const byStatus = (() => {
    const db = new Database(dbFile, { fileMustExist: true });
    try {
      return db.prepare('SELECT status, count(*) AS n FROM conversations GROUP BY status ORDER BY n DESC').all() as {
        status: string;
        n: number;
      }[];
    } finally {
      db.close();
    }
  })();
  const biggest = byStatus[0]!;

  const { startHost } = await import('../../src/host/server');
  const { chromium } = await import('playwright-core');
  const host = await startHost({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    rendererDir: opts.rendererDir,
    mode: { kind: 'local', seedDemo: false },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.on('pageerror', (err) => log(`  page error: ${err.message}`));
    // tsx (esbuild keepNames) wraps functions in __name(); functions serialized into the page need it too.
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    await page.addInitScript(() => {
      const w = globalThis as unknown as PageGlobals;
      const tasks: LongTask[] = (w.__benchLongTasks = []);
      new w.PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });

    // Every conversations.list frame: when it left, when its answer came back, how many rows it brought.
    const sent = new Map<number, number>();
    const fetch = {
      latencies: [] as number[],
      rows: 0,
      pages: 0,
      lastNextCursor: undefined as string | null | undefined,
    };
    const counting = { on: false };
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => {
        const frame = parseFrame(payload) as { id?: number; method?: string } | null;
        if (counting.on && frame?.method === 'conversations.list' && typeof frame.id === 'number')
          sent.set(frame.id, performance.now());
      });
      ws.on('framereceived', ({ payload }) => {
        const frame = parseFrame(payload) as {
          id?: number;
          value?: { items?: unknown[]; nextCursor?: string | null };
        } | null;
        if (typeof frame?.id !== 'number') return;
        const t = sent.get(frame.id);
        if (t === undefined) return;
        sent.delete(frame.id);
        fetch.latencies.push(performance.now() - t);
        fetch.pages++;
        fetch.rows += frame.value?.items?.length ?? 0;
        fetch.lastNextCursor = frame.value?.nextCursor;
      });
    });

    const t0 = performance.now();
    await page.goto(host.url);
    // The conversation list: an explicit role="listbox" (filter <select>s have implicit roles only).
    const listbox = page.locator('[role="listbox"]').first();
    const firstRow = listbox.locator('[role="option"]').first();
    await firstRow.waitFor({ timeout: 60_000 });
    const firstPaintMs = performance.now() - t0;

    // Status first (on the default view), then Todas: the view change reloads the list from the top.
    const tab = page.getByRole('tab', { name: STATUS_TAB[biggest.status]! });
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
      await tab.click();
      await page.waitForTimeout(300);
    }
    counting.on = true;
    await page.getByRole('navigation').getByRole('button', { name: ALL_VIEW }).first().click();
    await expectSoon(() => fetch.pages > 0, 30_000, 'the first page of Todas never arrived');
    await firstRow.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(200);

    log(`scrolling Todas · ${biggest.status} (${biggest.n.toLocaleString('en')} rows) in Chromium…`);
    const cdp = opts.profileFile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const inPage = await listbox.evaluate(scrollInPage, { budgetMs: opts.budgetMs });
    if (cdp && opts.profileFile) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(opts.profileFile, JSON.stringify(profile));
      log(`CPU profile of the scroll: ${opts.profileFile}`);
    }
    // Late answers still on the wire belong to the scroll.
    await expectSoon(() => sent.size === 0, 5_000, '').catch(() => undefined);

    const before = inPage.longTasks.filter((t) => t.start < inPage.scrollStart);
    const during = inPage.longTasks.filter((t) => t.start >= inPage.scrollStart);
    const rowAt = (time: number) => {
      let fraction = 0;
      for (const [t, f] of inPage.positions) if (t <= time) fraction = f;
      return Math.round(fraction * biggest.n);
    };
    return {
      view: `Todas · ${biggest.status}`,
      expectedRows: biggest.n,
      viewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
      firstPaintMs,
      longTasksBeforeScroll: before.length,
      maxLongTaskBeforeScrollMs: Math.max(0, ...before.map((t) => t.duration)),
      scrollMs: inPage.scrollMs,
      steps: inPage.steps,
      waits: inPage.waits,
      waitMs: inPage.waitMs,
      rowsLoaded: fetch.rows,
      pageFetches: fetch.pages,
      reachedEnd: inPage.atEnd && fetch.lastNextCursor === null,
      fetch: summarize(fetch.latencies),
      longTasks: during.length,
      maxLongTaskMs: Math.max(0, ...during.map((t) => t.duration)),
      longTaskTotalMs: during.reduce((a, t) => a + t.duration, 0),
      worstLongTasks: [...during]
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 5)
        .map((t) => ({ durationMs: t.duration, nearRow: rowAt(t.start) })),
      maxDomRows: inPage.maxDomRows,
      maxDomOptions: inPage.maxDomOptions,
    };
  } finally {
    await browser.close();
    await host.close();
  }
}

/**
 * Runs in the page (serialized by Playwright: self-contained). Scrolls the listbox to its end: after each
 * step it waits a frame, counts the row elements in the DOM, and if skeleton rows are visible waits for
 * the pages to arrive before moving on.
 */
async function scrollInPage(box: ScrollBox, args: { budgetMs: number }): Promise<InPageResult> {
  const w = globalThis as unknown as PageGlobals;
  const frame = () => new Promise<void>((r) => w.requestAnimationFrame(() => setTimeout(r, 0)));
  const state = { steps: 0, waits: 0, waitMs: 0, maxDomRows: 0, maxDomOptions: 0 };
  /** Rows in the DOM now; returns how many of them are still placeholders (no data yet). */
  const sample = () => {
    const options = box.querySelectorAll('[role="option"]').length;
    const rows = Math.max(options, box.firstElementChild?.children.length ?? 0);
    state.maxDomRows = Math.max(state.maxDomRows, rows);
    state.maxDomOptions = Math.max(state.maxDomOptions, options);
    return rows - options;
  };
  const t0 = performance.now();
  const viewport = box.clientHeight;
  let step = viewport;
  let atEnd = false;
  const positions: [number, number][] = [[t0, box.scrollTop / box.scrollHeight]];
  while (performance.now() - t0 < args.budgetMs) {
    await frame();
    let missing = sample();
    if (missing > 0) {
      state.waits++;
      const w0 = performance.now();
      while (missing > 0 && performance.now() - t0 < args.budgetMs) {
        await frame();
        missing = sample();
      }
      state.waitMs += performance.now() - w0;
      step = Math.max(viewport, step / 2);
    } else {
      step = Math.min(viewport * 30, step * 1.5);
    }
    if (missing === 0 && box.scrollTop + box.clientHeight >= box.scrollHeight - 2) {
      atEnd = true;
      break;
    }
    box.scrollTop += step;
    state.steps++;
    positions.push([performance.now(), box.scrollTop / box.scrollHeight]);
  }
  return {
    ...state,
    scrollStart: t0,
    scrollMs: performance.now() - t0,
    atEnd,
    positions,
    longTasks: w.__benchLongTasks ?? [],
  };
}

function parseFrame(payload: string | Buffer): unknown {
  try {
    return JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return null;
  }
}

async function expectSoon(check: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const t0 = performance.now();
  while (!check()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(message || 'timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

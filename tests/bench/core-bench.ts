// Benchmarks of the core on the 100k database: list pages of every view, deep pagination, counts,
// opening a 1,000-message conversation, paging its thread back, and a mutation (assign + audit + outbox).
// Every figure goes through `dispatch` (zod input parsing included, output validation off, as in the
// app); "raw" figures replay the exact SQL statements the handler ran, captured from its statement cache.
// Naive baselines (GROUP BY counts, OFFSET pagination) run in the same process, side by side.
import { statSync } from 'node:fs';
import { createCore, type Core } from '../../src/core';
import type { CoreContext } from '../../src/core/context';
import { handlers } from '../../src/core/handlers';
import { contract, type MethodName, type MethodOutput } from '../../src/shared';
import { benchPlatform, type DatasetInfo } from './dataset';
import { measure, measureSync, timeOnce, type LoopOptions, type Summary } from './stats';

export interface Target {
  /** Compared against p95 (ms). */
  maxP95: number;
  label: string;
}

export interface Metric {
  id: string;
  group: string;
  label: string;
  summary: Summary;
  /** The same call's SQL statements replayed directly on better-sqlite3 (no zod, no mapping). */
  raw?: Summary;
  target?: Target;
  /** A remark worth printing next to the figure. */
  note?: string;
  /** EXPLAIN QUERY PLAN of the statements the call ran (printed with --plans). */
  plan?: string;
}

export interface Comparison {
  id: string;
  label: string;
  designLabel: string;
  design: Summary;
  naiveLabel: string;
  naive: Summary;
}

export interface MemoryFigures {
  rssMb: number;
  heapUsedMb: number;
  sqlitePagesMb: number;
  pageSize: number;
  pageCount: number;
  dbFileMb: number;
  walFileMb: number;
  sqliteCacheSize: number;
}

export interface CoreBenchResult {
  metrics: Metric[];
  comparisons: Comparison[];
  memory: MemoryFigures;
  threadWalk: { pages: number; items: number; totalMs: number };
  openMs: number;
}

export const TARGETS = {
  listPage: { maxP95: 5, label: 'list page p95 ≤ 5 ms' },
  counts: { maxP95: 10, label: 'counts p95 ≤ 10 ms' },
  openConversation: { maxP95: 5, label: 'open conversation p95 ≤ 5 ms' },
} satisfies Record<string, Target>;

type ListInput = {
  view: { kind: string; trayId?: string; categoryId?: string; tagId?: string };
  status?: string;
  filters?: { channels?: string[]; assignees?: string[]; tagIds?: string[] };
  cursor?: string;
  limit?: number;
};

interface Captured {
  sql: string;
  method: 'all' | 'get';
  args: unknown[];
}

/** Runs `fn` with the statement cache instrumented and returns the statements it executed. */
function captureStatements(ctx: CoreContext, fn: () => unknown): Captured[] {
  const cache = ctx.statements;
  const original = cache.get;
  const captured: Captured[] = [];
  cache.get = (sql: string) => {
    const stmt = original.call(cache, sql);
    const wrap =
      (method: 'all' | 'get') =>
      (...args: unknown[]) => {
        captured.push({ sql, method, args });
        return (stmt[method] as (...a: unknown[]) => unknown)(...args);
      };
    return Object.assign(Object.create(stmt) as typeof stmt, { all: wrap('all'), get: wrap('get') });
  };
  try {
    fn();
  } finally {
    cache.get = original;
  }
  return captured;
}

function replay(ctx: CoreContext, statements: Captured[]): () => void {
  const prepared = statements.map((c) => ({ stmt: ctx.statements.get(c.sql), ...c }));
  return () => {
    for (const p of prepared) (p.stmt[p.method] as (...a: unknown[]) => unknown)(...p.args);
  };
}

/** The interesting lines (index searches, scans, temp b-trees) of each statement's plan. */
function queryPlan(ctx: CoreContext, statements: Captured[]): string {
  return statements
    .map((c) => {
      const rows = ctx.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.args as never[])) as {
        detail: string;
      }[];
      return rows
        .map((r) => r.detail)
        .filter((d) => /SEARCH|SCAN|TEMP B-TREE/.test(d))
        .join('; ');
    })
    .join(' | ');
}

export interface CoreBenchOptions {
  dbFile: string;
  dataset: DatasetInfo;
  loop: LoopOptions;
  log(msg: string): void;
}

export async function runCoreBench(opts: CoreBenchOptions): Promise<CoreBenchResult> {
  const { loop, log } = opts;
  const opened = await timeOnce(() =>
    createCore({ platform: benchPlatform(opts.dataset.file), dbFile: opts.dbFile, validateOutput: false }),
  );
  const core: Core = opened.value;
  const ctx = core.context;
  const metrics: Metric[] = [];
  const comparisons: Comparison[] = [];

  async function call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
    const r = await core.dispatch(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value as MethodOutput<M>;
  }
  /** The handler alone, synchronously (for statement capture): input parsed exactly as dispatch does. */
  function callHandler(method: MethodName, input: unknown): unknown {
    const parsed = contract[method].input.parse(input);
    const handler = handlers[method] as (c: CoreContext, i: unknown, e: unknown) => unknown;
    return handler(ctx, parsed, { openExternal: async () => false });
  }

  try {
    // ── Reference data: trays, categories, tags, agents ───────────────────────────────────────────
    const trays = ctx.sqlite.prepare('SELECT id, key FROM trays ORDER BY position').all() as {
      id: string;
      key: string;
    }[];
    const categories = ctx.sqlite
      .prepare(
        "SELECT c.id, t.key || '/' || c.key AS key FROM categories c JOIN trays t ON t.id = c.tray_id ORDER BY t.position, c.position",
      )
      .all() as { id: string; key: string }[];
    const tags = ctx.sqlite
      .prepare(
        'SELECT t.id, t.name, count(ct.conversation_id) AS n FROM tags t LEFT JOIN conversation_tags ct ON ct.tag_id = t.id GROUP BY t.id ORDER BY n',
      )
      .all() as { id: string; name: string; n: number }[];
    const rarestTag = tags.find((t) => t.n > 0) ?? tags[0]!;

    // ── List pages ────────────────────────────────────────────────────────────────────────────────
    const listCases: { id: string; label: string; input: ListInput }[] = [
      { id: 'list.mine.open', label: 'Mine · open', input: { view: { kind: 'mine' }, status: 'open' } },
      {
        id: 'list.unassigned.open',
        label: 'Unassigned · open',
        input: { view: { kind: 'unassigned' }, status: 'open' },
      },
      { id: 'list.all.open', label: 'All · open', input: { view: { kind: 'all' }, status: 'open' } },
      { id: 'list.all.any', label: 'All · any status', input: { view: { kind: 'all' } } },
      ...trays.map((t) => ({
        id: `list.tray.${t.key}.open`,
        label: `Tray ${t.key} · open`,
        input: { view: { kind: 'tray', trayId: t.id }, status: 'open' },
      })),
      ...categories.map((c) => ({
        id: `list.category.${c.key}.open`,
        label: `Category ${c.key} · open`,
        input: { view: { kind: 'category', categoryId: c.id }, status: 'open' },
      })),
      {
        id: 'list.tag-view.open',
        label: `Tag view "${rarestTag.name}" · open`,
        input: { view: { kind: 'tag', tagId: rarestTag.id }, status: 'open' },
      },
      {
        id: 'list.all.open.channels',
        label: 'All · open · channel ∈ {whatsapp, email}',
        input: { view: { kind: 'all' }, status: 'open', filters: { channels: ['whatsapp', 'email'] } },
      },
      {
        id: 'list.mine.open.tag',
        label: `Mine · open · tag "${rarestTag.name}"`,
        input: { view: { kind: 'mine' }, status: 'open', filters: { tagIds: [rarestTag.id] } },
      },
    ];
    // The UI always sends a status (its status tabs); the contract allows none. Only All has an index for it.
    const statuslessCases: { id: string; label: string; input: ListInput }[] = [
      { id: 'list.mine.any', label: 'Mine · any status', input: { view: { kind: 'mine' } } },
      { id: 'list.unassigned.any', label: 'Unassigned · any status', input: { view: { kind: 'unassigned' } } },
      {
        id: `list.tray.${trays[trays.length - 1]!.key}.any`,
        label: `Tray ${trays[trays.length - 1]!.key} · any status`,
        input: { view: { kind: 'tray', trayId: trays[trays.length - 1]!.id } },
      },
      {
        id: 'list.mine.any.tag',
        label: `Mine · any status · tag "${rarestTag.name}"`,
        input: { view: { kind: 'mine' }, filters: { tagIds: [rarestTag.id] } },
      },
    ];
    log(`list pages: ${listCases.length + statuslessCases.length} views`);
    for (const c of listCases)
      metrics.push(await listMetric(c.id, 'List page (50 rows)', c.label, { ...c.input, limit: 50 }));
    for (const c of statuslessCases)
      metrics.push(
        await listMetric(c.id, 'List page (50 rows) without status — API only, the UI always sends one', c.label, {
          ...c.input,
          limit: 50,
        }),
      );

    // ── Deep pagination: page 20 via keyset cursor (the way the UI pages) ─────────────────────────
    for (const base of [
      { id: 'all.any', label: 'All · any status', input: { view: { kind: 'all' } } as ListInput },
      { id: 'all.open', label: 'All · open', input: { view: { kind: 'all' }, status: 'open' } as ListInput },
    ]) {
      let cursor: string | undefined;
      for (let page = 1; page < 20; page++) {
        const r = await call('conversations.list', { ...base.input, cursor, limit: 50 });
        cursor = r.nextCursor ?? undefined;
      }
      metrics.push(
        await listMetric(`list.page20.${base.id}`, 'Deep pagination', `${base.label} · page 20 (cursor)`, {
          ...base.input,
          cursor,
          limit: 50,
        }),
      );
    }

    // ── Throughput: back-to-back first pages of All · open for one second ─────────────────────────
    {
      const input = { view: { kind: 'all' }, status: 'open', limit: 50 };
      let ops = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 1_000) {
        await call('conversations.list', input);
        ops++;
      }
      const ms = performance.now() - t0;
      metrics.push({
        id: 'throughput.list.all.open',
        group: 'Throughput',
        label: 'All · open first page, sequential for 1 s',
        summary: { ...emptySummary(), n: ops, mean: ms / ops, opsPerSec: (ops * 1000) / ms },
        note: `${Math.round((ops * 1000) / ms).toLocaleString('en')} pages/s = ${Math.round((ops * 50_000) / ms).toLocaleString('en')} rows/s`,
      });
    }

    // ── Counts ────────────────────────────────────────────────────────────────────────────────────
    log('counts');
    const countsStatements = captureStatements(ctx, () => callHandler('conversations.counts', {}));
    const countsMetric: Metric = {
      id: 'counts',
      group: 'Counts',
      label: 'conversations.counts (trigger-maintained buckets)',
      summary: await measure(() => call('conversations.counts', {}), loop),
      raw: measureSync(replay(ctx, countsStatements), loop),
      target: TARGETS.counts,
    };
    metrics.push(countsMetric);

    // ── Open the 1,000-message conversation ───────────────────────────────────────────────────────
    log('open conversation');
    const bigId = opts.dataset.bigConversationId;
    const openCalls: [MethodName, unknown][] = [
      ['conversations.get', { id: bigId }],
      ['thread.page', { conversationId: bigId, limit: 50 }],
      ['audit.timeline', { conversationId: bigId, limit: 50 }],
    ];
    const openStatements = captureStatements(ctx, () => openCalls.forEach(([m, i]) => callHandler(m, i)));
    const openMetric: Metric = {
      id: 'open.total',
      group: 'Open a conversation (1,000 messages)',
      label: 'get + thread.page(50) + audit.timeline(50)',
      summary: await measure(async () => {
        for (const [m, i] of openCalls) await call(m, i);
      }, loop),
      raw: measureSync(replay(ctx, openStatements), loop),
      target: TARGETS.openConversation,
    };
    metrics.push(openMetric);
    for (const [m, i] of openCalls) {
      const statements = captureStatements(ctx, () => callHandler(m, i));
      metrics.push({
        id: `open.${m}`,
        group: 'Open a conversation (1,000 messages)',
        label: `  ${m}`,
        summary: await measure(() => call(m, i), loop),
        raw: measureSync(replay(ctx, statements), loop),
        plan: queryPlan(ctx, statements),
      });
    }

    // ── Page the whole thread back (what scrolling up to the first message costs) ─────────────────
    const walk = async () => {
      let before: string | undefined;
      let pages = 0;
      let items = 0;
      do {
        const r = await call('thread.page', { conversationId: bigId, before, limit: 50 });
        pages++;
        items += r.items.length;
        before = r.nextCursor ?? undefined;
      } while (before);
      return { pages, items };
    };
    const walked = await walk();
    const walkSummary = await measure(() => walk(), { ...loop, warmup: 3, iterations: Math.min(loop.iterations, 50) });
    const threadWalk = { ...walked, totalMs: walkSummary.mean };
    metrics.push({
      id: 'thread.walk',
      group: 'Open a conversation (1,000 messages)',
      label: `page the whole thread back (${walked.pages} pages, ${walked.items} items)`,
      summary: walkSummary,
    });
    // One deep page on its own: the oldest page, reached with a cursor.
    {
      let before: string | undefined;
      let last: string | undefined;
      do {
        last = before;
        const r = await call('thread.page', { conversationId: bigId, before, limit: 50 });
        before = r.nextCursor ?? undefined;
      } while (before);
      metrics.push({
        id: 'thread.oldest-page',
        group: 'Open a conversation (1,000 messages)',
        label: '  thread.page, oldest page (cursor)',
        summary: await measure(() => call('thread.page', { conversationId: bigId, before: last, limit: 50 }), loop),
      });
    }

    // ── Mutation: assign (+ audit event + outbox row, one IMMEDIATE transaction, synchronous=FULL) ──
    log('mutation');
    {
      // Two agents who both work the conversation's tray (an owner outside it, or an agent handing it to a
      // supervisor, would be refused by the guide's rules: this measures the plain change).
      const targets = ctx.sqlite
        .prepare(
          `SELECT c.id, c.assignee_id AS assigneeId,
                  (SELECT min(m.agent_id) FROM tray_members m JOIN agents a ON a.id = m.agent_id
                    WHERE m.tray_id = c.tray_id AND a.role = 'agent' AND a.active = 1) AS first,
                  (SELECT max(m.agent_id) FROM tray_members m JOIN agents a ON a.id = m.agent_id
                    WHERE m.tray_id = c.tray_id AND a.role = 'agent' AND a.active = 1) AS second
             FROM conversations c ORDER BY c.last_activity_at DESC LIMIT 400 OFFSET 500`,
        )
        .all()
        .filter((t) => (t as { first: string; second: string }).first !== (t as { second: string }).second) as {
        id: string;
        assigneeId: string | null;
        first: string;
        second: string;
      }[];
      const current = new Map(targets.map((t) => [t.id, t.assigneeId]));
      const assign = async (i: number) => {
        const target = targets[i % targets.length]!;
        const conversationId = target.id;
        // Always hand it to the agent who does not have it: every call changes something (never a no-op).
        const assigneeId = current.get(conversationId) === target.first ? target.second : target.first;
        const r = await call('conversations.assign', { conversationId, assigneeId });
        if (!r.changed) throw new Error('assign benchmark: expected a change');
        current.set(conversationId, assigneeId);
      };
      const outboxBefore = (ctx.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
      metrics.push({
        id: 'mutation.assign',
        group: 'Mutation',
        label: 'conversations.assign (+ audit + outbox + count triggers, synchronous=FULL)',
        summary: await measure(assign, { ...loop, iterations: Math.min(loop.iterations, 200) }),
      });
      const outboxAfter = (ctx.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
      metrics[metrics.length - 1]!.note = `${outboxAfter - outboxBefore} outbox rows written`;
    }

    // ── Naive baselines, side by side ─────────────────────────────────────────────────────────────
    log('naive baselines');
    {
      const bruteCounts = ctx.sqlite.prepare(
        'SELECT tray_id, category_id, status, assignee_id, count(*) AS n FROM conversations GROUP BY tray_id, category_id, status, assignee_id',
      );
      const bruteTags = ctx.sqlite.prepare(
        'SELECT ct.tag_id, c.status, count(*) AS n FROM conversation_tags ct JOIN conversations c ON c.id = ct.conversation_id GROUP BY 1, 2',
      );
      const naiveLoop = { ...loop, warmup: 2, iterations: Math.min(loop.iterations, 30) };
      comparisons.push({
        id: 'compare.counts',
        label: 'Counts',
        designLabel: 'buckets (raw SQL)',
        design: countsMetric.raw!,
        naiveLabel: 'GROUP BY over conversations (+ tags)',
        naive: measureSync(() => {
          bruteCounts.all();
          bruteTags.all();
        }, naiveLoop),
      });

      const listSql = (tail: string) =>
        `SELECT c.id, c.contact_id, ct.name AS contact_name, c.channel_kind, c.tray_id, c.category_id,
           c.status, c.assignee_id, c.priority, c.subject, c.snippet, c.last_activity_at, c.waiting_since, c.snoozed_until,
           c.created_at, c.first_response_at, c.cycle, c.cycle_started_at, c.version
         FROM conversations c JOIN contacts ct ON ct.id = c.contact_id ${tail}`;
      const keyset = ctx.sqlite.prepare(
        listSql('WHERE (c.last_activity_at, c.id) < (?, ?) ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 51'),
      );
      const offset = ctx.sqlite.prepare(listSql('ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 51 OFFSET ?'));
      const boundary = ctx.sqlite.prepare(
        'SELECT last_activity_at AS t, id FROM conversations ORDER BY last_activity_at DESC, id DESC LIMIT 1 OFFSET ?',
      );
      const total = (ctx.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
      for (const page of [20, 1000, Math.floor(total / 50)]) {
        const skip = (page - 1) * 50;
        const b = boundary.get(skip - 1) as { t: number; id: string } | undefined;
        if (!b) continue;
        comparisons.push({
          id: `compare.page${page}`,
          label: `All · any status · page ${page.toLocaleString('en')}`,
          designLabel: 'keyset cursor (raw SQL)',
          design: measureSync(() => keyset.all(b.t, b.id), loop),
          naiveLabel: `OFFSET ${skip.toLocaleString('en')} (raw SQL)`,
          naive: measureSync(() => offset.all(skip), page > 20 ? naiveLoop : loop),
        });
      }
    }

    // ── Memory after warmup ───────────────────────────────────────────────────────────────────────
    global.gc?.();
    const mem = process.memoryUsage();
    const pageSize = ctx.sqlite.pragma('page_size', { simple: true }) as number;
    const pageCount = ctx.sqlite.pragma('page_count', { simple: true }) as number;
    const size = (f: string) => {
      try {
        return statSync(f).size;
      } catch {
        return 0;
      }
    };
    const MB = 1024 * 1024;
    const memory: MemoryFigures = {
      rssMb: mem.rss / MB,
      heapUsedMb: mem.heapUsed / MB,
      sqlitePagesMb: (pageSize * pageCount) / MB,
      pageSize,
      pageCount,
      dbFileMb: size(opts.dbFile) / MB,
      walFileMb: size(`${opts.dbFile}-wal`) / MB,
      sqliteCacheSize: ctx.sqlite.pragma('cache_size', { simple: true }) as number,
    };
    return { metrics, comparisons, memory, threadWalk, openMs: opened.ms };
  } finally {
    core.close();
  }

  async function listMetric(id: string, group: string, label: string, input: ListInput): Promise<Metric> {
    const first = await call('conversations.list', input);
    if (first.items.length === 0) log(`  note: ${label} returned no rows`);
    const statements = captureStatements(ctx, () => callHandler('conversations.list', input));
    return {
      id,
      group,
      label: `${label} (${first.items.length} rows)`,
      summary: await measure(() => call('conversations.list', input), loop),
      raw: measureSync(replay(ctx, statements), loop),
      target: TARGETS.listPage,
      plan: queryPlan(ctx, statements),
    };
  }
}

function emptySummary(): Summary {
  return { n: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN, min: NaN, max: NaN, opsPerSec: 0 };
}

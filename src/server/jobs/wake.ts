// The wake-up job (issue 5): at its time a snoozed conversation comes back to Abiertas (same assignee,
// snooze cleared: 'conversation.snoozeWoke'), and so does a pending one whose follow-up reminder is due
// ('conversation.followUpDue'). Every server instance runs it; each conversation wakes exactly once.
//
// The conversations table is the queue. The partial indexes conv_snoozed_due / conv_follow_up_due hold
// only the waiting rows, so "anything due?" is one index probe per tick. Waking one workspace is one
// transaction, like every change-log writer: the workspace's change-log lock FIRST (versions commit in
// order; pushes and inbound messages take the same lock, so no deadlocks), then
//   SELECT id, due … WHERE status AND due <= now ORDER BY due LIMIT n FOR UPDATE SKIP LOCKED   (the claim)
//   UPDATE … SET status = 'open' WHERE id IN (claimed) AND status AND due <= now RETURNING *
// The status transition is the exactly-once guarantee: another instance that waited on the lock sees the
// rows already open and updates none; a customer message or a re-snooze that committed first moved or
// cleared the due time, so the row no longer matches. The audit rows and change-log rows (the
// conversation and its history entry, visible in its tray) commit with it, then replicas get a poke.
// Nothing is remembered between runs, so a restart loses nothing: snoozes that fell due while every server
// was down wake in the first run, at start. Batches repeat until nothing is due (1,000 due at once wake
// in a few transactions); each batch holds the workspace lock only briefly, so pushes are not starved.
//
// Why not a job library (pg-boss, graphile-worker…): they need their own schema, connections and
// LISTEN, and do not run on PGlite, the default database. And a job per snooze would copy what
// conversations.snoozed_until already says: every re-snooze, customer message or resolution would have to
// reschedule or cancel its job in step, and any miss would wake a conversation twice or never.
import { and, asc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm';
import { newId } from '../../shared';
import type { ServerContext } from '../context';
import { auditLog, conversations } from '../db/schema';
import { appendChanges, type Change, lockWorkspaceChanges } from '../sync/changes';
import { auditChange, conversationChange } from '../sync/rows';

export interface WakeOptions {
  /** Pause between runs (a run itself continues until nothing is due). */
  intervalMs: number;
  /** Conversations woken per transaction. */
  batchSize: number;
  /** Called after every run with the number woken (tests wait on it). */
  onRun?: (woken: number) => void;
}

export const DEFAULT_WAKE_OPTIONS: WakeOptions = { intervalMs: 1_000, batchSize: 100 };

export interface WakeLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WakeJob {
  /** Stops the timer and waits for a run in flight. */
  stop(): Promise<void>;
}

type Conversation = typeof conversations.$inferSelect;

/** What comes due, and what waking it means. */
const KINDS = [
  {
    status: 'snoozed',
    due: conversations.snoozedUntil,
    clear: { snoozedUntil: null, snoozedBy: null },
    action: 'conversation.snoozeWoke',
    before: (until: number) => ({ status: 'snoozed', until }),
  },
  {
    status: 'pending',
    due: conversations.followUpAt,
    clear: { followUpAt: null, followUpBy: null },
    action: 'conversation.followUpDue',
    before: (followUpAt: number) => ({ status: 'pending', followUpAt }),
  },
] as const;
type Kind = (typeof KINDS)[number];

/** Runs at once (what fell due while no server ran), then every intervalMs after the previous run ends. */
export function startWakeJob(ctx: ServerContext, log: WakeLogger, options: Partial<WakeOptions> = {}): WakeJob {
  const opts: WakeOptions = { ...DEFAULT_WAKE_OPTIONS, ...options };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const tick = () => {
    inFlight = wakeDue(ctx, log, opts.batchSize, () => stopped).then(
      (woken) => {
        if (woken) log.info({ woken }, 'wake: conversations back in Abiertas');
        opts.onRun?.(woken);
      },
      // The database is unreachable or the like: the next tick tries again.
      (err: unknown) => log.error({ err }, 'wake: run failed'),
    );
    void inFlight.then(() => {
      if (stopped) return;
      timer = setTimeout(tick, opts.intervalMs);
      timer.unref();
    });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}

/**
 * One run: every kind, every workspace, batch after batch, until nothing is due (or `stopping()`: a long
 * backlog must not hold up a shutdown; the next start carries on). Returns how many woke.
 */
export async function wakeDue(
  ctx: ServerContext,
  log: WakeLogger,
  batchSize: number,
  stopping: () => boolean = () => false,
): Promise<number> {
  let woken = 0;
  for (const kind of KINDS) {
    // Workspaces left for the next run: a batch failed there, or its due rows are held by someone else.
    const skipped: string[] = [];
    while (!stopping()) {
      const workspaceId = await nextDueWorkspace(ctx, kind, skipped);
      if (!workspaceId) break;
      try {
        const n = await wakeBatch(ctx, kind, workspaceId, batchSize);
        if (n === 0) skipped.push(workspaceId);
        woken += n;
      } catch (err) {
        log.error({ err, workspaceId, action: kind.action }, 'wake: batch failed, retried next run');
        skipped.push(workspaceId);
      }
    }
  }
  return woken;
}

/** The workspace of the longest-due row (an index probe), or null when nothing is due. */
async function nextDueWorkspace(ctx: ServerContext, kind: Kind, skipped: string[]): Promise<string | null> {
  const [row] = await ctx.db
    .select({ workspaceId: conversations.workspaceId })
    .from(conversations)
    .where(
      and(
        eq(conversations.status, kind.status),
        lte(kind.due, ctx.now()),
        skipped.length ? notInArray(conversations.workspaceId, skipped) : undefined,
      ),
    )
    .orderBy(asc(kind.due))
    .limit(1);
  return row?.workspaceId ?? null;
}

/** Wakes up to `limit` due conversations of one workspace in one transaction; returns how many. */
async function wakeBatch(ctx: ServerContext, kind: Kind, workspaceId: string, limit: number): Promise<number> {
  const woken = await ctx.db.transaction(async (tx) => {
    await lockWorkspaceChanges(tx, workspaceId); // first, like every change-log writer
    const at = ctx.now();
    const isDue = and(
      eq(conversations.workspaceId, workspaceId),
      eq(conversations.status, kind.status),
      lte(kind.due, at),
    );
    // Claim: the due rows in time order, locked; rows another transaction holds are left for the next
    // batch. A statement of its own: as a subquery of the UPDATE, the planner may rescan it (nested loop)
    // and every rescan locks the next rows, so one batch would wake far more than `limit`.
    const claimed = await tx
      .select({ id: conversations.id, due: kind.due })
      .from(conversations)
      .where(isDue)
      .orderBy(asc(kind.due))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!claimed.length) return [];
    const dueOf = new Map(claimed.map((c) => [c.id, c.due!]));
    // The transition re-checks status and time: it happens once, whoever tries it second finds nothing.
    const rows = await tx
      .update(conversations)
      .set({ status: 'open', ...kind.clear, updatedAt: at })
      .where(and(inArray(conversations.id, [...dueOf.keys()]), isDue))
      .returning();
    if (!rows.length) return [];

    const audits = await tx
      .insert(auditLog)
      .values(
        rows.map((conv) => ({
          id: newId(),
          workspaceId,
          actorId: null,
          actorKind: 'system' as const,
          action: kind.action,
          entity: 'conversation',
          entityId: conv.id,
          conversationId: conv.id,
          before: kind.before(dueOf.get(conv.id)!),
          after: { status: 'open' },
          at,
        })),
      )
      .returning();
    const auditOf = new Map(audits.map((a) => [a.conversationId, a]));
    // Each conversation, then its history entry, both where the conversation lives (its tray).
    const changes: Change[] = rows.flatMap((conv) => [
      conversationChange(conv),
      auditChange(auditOf.get(conv.id)!, conv.trayId),
    ]);
    const versions = await appendChanges(tx, workspaceId, changes, at);
    await stampVersions(
      tx,
      rows.map((conv, i) => [conv, versions[2 * i]!]),
    );
    return rows;
  });
  if (woken.length) ctx.feed.publish(workspaceId); // after the commit: replicas pull what it wrote
  return woken.length;
}

/** conversations.version = the version of the change that carries the row (as push stamps it). */
async function stampVersions(tx: ServerContext['db'], pairs: [Conversation, number][]): Promise<void> {
  const values = sql.join(
    pairs.map(([conv, version]) => sql`(${conv.id}::uuid, ${version}::bigint)`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${conversations} set version = v.version from (values ${values}) as v(id, version) where ${conversations.id} = v.id`,
  );
}

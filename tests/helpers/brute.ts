// Brute-force reference computations (plain JS over raw rows) to check the core's queries against.
import type { Sqlite } from '../../src/core/db/open';
import { STATUSES, type Counts, type ListFilters, type Status, type StatusCounts, type View } from '../../src/shared';

export interface RawConv {
  id: string;
  channel_kind: string;
  tray_id: string;
  category_id: string | null;
  status: Status;
  assignee_id: string | null;
  last_activity_at: number;
  snoozed_until: number | null;
  tags: string[];
}

export function rawConversations(sqlite: Sqlite): RawConv[] {
  const rows = sqlite
    .prepare(
      'SELECT id, channel_kind, tray_id, category_id, status, assignee_id, last_activity_at, snoozed_until FROM conversations',
    )
    .all() as Omit<RawConv, 'tags'>[];
  const tags = new Map<string, string[]>();
  for (const t of sqlite.prepare('SELECT conversation_id, tag_id FROM conversation_tags').all() as {
    conversation_id: string;
    tag_id: string;
  }[]) {
    const list = tags.get(t.conversation_id) ?? [];
    list.push(t.tag_id);
    tags.set(t.conversation_id, list);
  }
  return rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
}

export function matchesView(c: RawConv, view: View, meId: string): boolean {
  switch (view.kind) {
    case 'mine':
      return c.assignee_id === meId;
    case 'unassigned':
      return c.assignee_id === null;
    case 'all':
      return true;
    case 'tray':
      return c.tray_id === view.trayId;
    case 'category':
      return c.category_id === view.categoryId;
    case 'tag':
      return c.tags.includes(view.tagId);
  }
}

export function bruteList(
  all: RawConv[],
  view: View,
  status: Status | undefined,
  f: ListFilters,
  meId: string,
): string[] {
  return all
    .filter((c) => matchesView(c, view, meId))
    .filter((c) => !status || c.status === status)
    .filter((c) => !f.channels?.length || f.channels.includes(c.channel_kind as never))
    .filter(
      (c) =>
        !f.assignees?.length || f.assignees.some((a) => (a === 'none' ? c.assignee_id === null : c.assignee_id === a)),
    )
    .filter((c) => !f.tagIds?.length || c.tags.some((t) => f.tagIds!.includes(t)))
    .sort(
      status === 'snoozed'
        ? // Pospuestas: soonest wake first.
          (a, b) => (a.snoozed_until ?? 0) - (b.snoozed_until ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
        : (a, b) => b.last_activity_at - a.last_activity_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    )
    .map((c) => c.id);
}

const zero = (): StatusCounts => ({ open: 0, pending: 0, snoozed: 0, resolved: 0 });

/** What conversations.counts must equal: GROUP BY over the live rows. */
export function bruteCounts(sqlite: Sqlite, meId: string): Counts {
  const counts: Counts = {
    views: { mine: zero(), unassigned: zero(), all: zero() },
    trays: {},
    categories: {},
    tags: {},
  };
  const bump = (m: Record<string, StatusCounts>, k: string, s: Status, n: number) => ((m[k] ??= zero())[s] += n);
  const rows = sqlite
    .prepare(`SELECT tray_id, category_id, status, assignee_id, count(*) AS n FROM conversations GROUP BY 1, 2, 3, 4`)
    .all() as { tray_id: string; category_id: string | null; status: Status; assignee_id: string | null; n: number }[];
  for (const r of rows) {
    if (!STATUSES.includes(r.status)) continue;
    counts.views.all[r.status] += r.n;
    if (r.assignee_id === null) counts.views.unassigned[r.status] += r.n;
    if (r.assignee_id === meId) counts.views.mine[r.status] += r.n;
    bump(counts.trays, r.tray_id, r.status, r.n);
    if (r.category_id !== null) bump(counts.categories, r.category_id, r.status, r.n);
  }
  const tagRows = sqlite
    .prepare(
      `SELECT ct.tag_id, c.status, count(*) AS n FROM conversation_tags ct JOIN conversations c ON c.id = ct.conversation_id GROUP BY 1, 2`,
    )
    .all() as { tag_id: string; status: Status; n: number }[];
  for (const t of tagRows) bump(counts.tags, t.tag_id, t.status, t.n);
  return counts;
}

// Column 1 counts, computed from the trigger-maintained buckets (migration 0001): a few hundred
// rows whatever the number of conversations, so counts stay live and cheap.
import { STATUSES, type Counts, type Status, type StatusCounts } from '../../shared';
import type { CoreContext } from '../context';

const zero = (): StatusCounts => ({
  open: 0,
  pending: 0,
  snoozed: 0,
  resolved: 0,
});

function add(map: Record<string, StatusCounts>, key: string, status: Status, n: number): void {
  const entry = (map[key] ??= zero());
  entry[status] += n;
}

export function countConversations(ctx: CoreContext): Counts {
  const counts: Counts = {
    views: { mine: zero(), unassigned: zero(), all: zero() },
    trays: {},
    categories: {},
    tags: {},
  };
  const buckets = ctx.statements
    .get('SELECT tray_id, category_id, status, assignee_id, n FROM count_buckets WHERE n > 0')
    .all() as {
    tray_id: string;
    category_id: string;
    status: Status;
    assignee_id: string;
    n: number;
  }[];
  for (const b of buckets) {
    if (!STATUSES.includes(b.status)) continue;
    counts.views.all[b.status] += b.n;
    if (b.assignee_id === '') counts.views.unassigned[b.status] += b.n;
    if (b.assignee_id === ctx.meId) counts.views.mine[b.status] += b.n;
    add(counts.trays, b.tray_id, b.status, b.n);
    if (b.category_id !== '') add(counts.categories, b.category_id, b.status, b.n);
  }
  const tagRows = ctx.statements.get('SELECT tag_id, status, n FROM tag_buckets WHERE n > 0').all() as {
    tag_id: string;
    status: Status;
    n: number;
  }[];
  for (const t of tagRows) if (STATUSES.includes(t.status)) add(counts.tags, t.tag_id, t.status, t.n);
  return counts;
}

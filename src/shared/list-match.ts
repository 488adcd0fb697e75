// Does a conversation belong on a list page? The same rule the core's list query applies in SQL, as a
// pure function, so a projection (the renderer's list) can place one changed row without re-reading
// every page it has loaded.
import type { ListFilters, View } from './contract';
import type { Status } from './domain';
import type { ConversationSummary } from './entities';

export interface ListQuery {
  view: View;
  status?: Status | undefined;
  filters?: ListFilters | undefined;
}

function inView(c: ConversationSummary, view: View, meId: string): boolean {
  switch (view.kind) {
    case 'mine':
      return c.assigneeId === meId;
    case 'unassigned':
      return c.assigneeId === null;
    case 'all':
      return true;
    case 'tray':
      return c.trayId === view.trayId;
    case 'category':
      return c.categoryId === view.categoryId;
    case 'tag':
      return c.tagIds.includes(view.tagId);
  }
}

export function matchesListQuery(c: ConversationSummary, query: ListQuery, meId: string): boolean {
  if (query.status && c.status !== query.status) return false;
  if (!inView(c, query.view, meId)) return false;
  const f = query.filters ?? {};
  if (f.channels?.length && !f.channels.includes(c.channelKind)) return false;
  if (f.assignees?.length && !f.assignees.some((a) => (a === 'none' ? c.assigneeId === null : a === c.assigneeId))) {
    return false;
  }
  if (f.tagIds?.length && !f.tagIds.some((t) => c.tagIds.includes(t))) return false;
  return true;
}

/** The list's order: latest activity first, then id (descending), exactly as the keyset cursor walks. */
export function compareListOrder(a: ConversationSummary, b: ConversationSummary): number {
  if (a.lastActivityAt !== b.lastActivityAt) return b.lastActivityAt - a.lastActivityAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Pospuestas: soonest wake first, then id (ascending), as the core's query walks it. */
export function compareWakeOrder(a: ConversationSummary, b: ConversationSummary): number {
  const wa = a.snoozedUntil ?? 0;
  const wb = b.snoozedUntil ?? 0;
  if (wa !== wb) return wa - wb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The order of a list page for its status tab. */
export const listOrderFor = (status: Status | undefined) =>
  status === 'snoozed' ? compareWakeOrder : compareListOrder;

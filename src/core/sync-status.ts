// The sync indicator's numbers. Until the sync client exists (issue 3) this replica is local only:
// every applied mutation waits in the outbox, and the count tells the agent so.
import { count } from 'drizzle-orm';
import type { SyncStatus } from '../shared';
import type { CoreContext } from './context';
import { outbox } from './db/schema';

export function syncStatus(ctx: CoreContext): SyncStatus {
  const pending = ctx.db.select({ n: count() }).from(outbox).get()?.n ?? 0;
  return { mode: 'local', pendingChanges: pending, lastSyncAt: null };
}

// The change log, written inside the caller's transaction. Versions come from an identity column, handed
// out at insert, not at commit: so every writer first takes a transaction-level advisory lock on its
// workspace. Writers of one workspace then hand out versions and commit in the same order, and a pull that
// sees version V has also seen every earlier version of that workspace (nothing committed late is skipped).
import { sql } from 'drizzle-orm';
import type { SyncEntity } from '../../shared';
import type { Db } from '../db/open';
import { changeLog } from '../db/schema';

export async function lockWorkspaceChanges(tx: Db, workspaceId: string): Promise<void> {
  // Re-entrant within one transaction, released at commit or rollback.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${workspaceId}))`);
}

export interface Change {
  entity: SyncEntity;
  entityId: string;
  /** The tray that decides who sees the row; null = the whole workspace. */
  trayId: string | null;
  op: 'put' | 'del';
  data: Record<string, unknown> | null;
}

/** Appends changes in order; returns their versions. Takes the workspace lock (a no-op if already held). */
export async function appendChanges(tx: Db, workspaceId: string, changes: Change[], now: number): Promise<number[]> {
  if (!changes.length) return [];
  await lockWorkspaceChanges(tx, workspaceId);
  const rows = await tx
    .insert(changeLog)
    .values(changes.map((c) => ({ workspaceId, ...c, createdAt: now })))
    .returning({ version: changeLog.version });
  return rows.map((r) => r.version).sort((a, b) => a - b);
}

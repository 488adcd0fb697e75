// Local key/value facts kept in the `meta` table.
import { eq } from 'drizzle-orm';
import type { Db } from './open';
import { meta } from './schema';

export type MetaKey =
  | 'clientId'
  | 'lastMutationId'
  | 'meId'
  | 'workspaceId'
  | 'prefs'
  | 'demoSeed'
  /** 'local' | 'server' (absent: signed out). */
  | 'mode'
  /** The signed-in session's server, workspace slug, email and role (also pre-fill the login screen). */
  | 'serverUrl'
  | 'workspaceSlug'
  | 'email'
  | 'role'
  /** Change-log version pulled up to; never goes back. */
  | 'cursor'
  /**
   * While the first sync reads a snapshot (cursor still 0): the server's continuation token, so a restart
   * resumes where it stopped. Bound by the server to this client id and agent: a token left by a wiped
   * replica is ignored by the server, which starts over.
   */
  | 'snapshot'
  /** Highest rejection already stored in sync_rejections. */
  | 'lastRejectionId'
  | 'lastSyncAt'
  /** Set when the server ended the session (expired/revoked); the login screen says so. */
  | 'signedOutReason'
  /** The notifier has handled everything that fell due up to this time (epoch ms). */
  | 'notifierCheckedAt';

export function getMeta(db: Db, key: MetaKey): string | null {
  return db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get()?.value ?? null;
}

export function setMeta(db: Db, key: MetaKey, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

export function deleteMeta(db: Db, key: MetaKey): void {
  db.delete(meta).where(eq(meta.key, key)).run();
}

// Local key/value facts kept in the `meta` table.
import { eq } from 'drizzle-orm';
import type { Db } from './open';
import { meta } from './schema';

export type MetaKey = 'clientId' | 'lastMutationId' | 'meId' | 'workspaceId' | 'prefs' | 'demoSeed';

export function getMeta(db: Db, key: MetaKey): string | null {
  return db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get()?.value ?? null;
}

export function setMeta(db: Db, key: MetaKey, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

// Reference data of a workspace — itself (with its settings), agents (never password hashes), trays,
// categories, tray members, channels, tags and dispositions (calificaciones) — read from the tables and
// sent with every pull from cursor 0 as `put` rows with version 0, so a replica starts with all of them
// whatever the change log holds (rows created with the workspace are not in it). Edits written through the
// log reach clients at once; the rest on their next pull from 0. They are not secret inside a workspace,
// so every role gets all of them.
import { asc, eq, inArray } from 'drizzle-orm';
import type { SyncChange, SyncEntity } from '../../shared';
import type { Db } from '../db/open';
import { agents, categories, channels, dispositions, tags, trayMembers, trays, workspaces } from '../db/schema';
import { agentData } from './reference-changes';

/** A row read from the tables (reference data, snapshot pages): version 0, it describes the present. */
export const put = (entity: SyncEntity, entityId: string, data: Record<string, unknown>): SyncChange => ({
  version: 0,
  entity,
  entityId,
  op: 'put',
  data,
});

export async function referenceSnapshot(db: Db, workspaceId: string): Promise<SyncChange[]> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  const agentRows = await db.select().from(agents).where(eq(agents.workspaceId, workspaceId)).orderBy(asc(agents.id));
  const trayRows = await db.select().from(trays).where(eq(trays.workspaceId, workspaceId)).orderBy(asc(trays.position));
  const categoryRows = await db
    .select()
    .from(categories)
    .where(eq(categories.workspaceId, workspaceId))
    .orderBy(asc(categories.position));
  const memberRows = trayRows.length
    ? await db
        .select()
        .from(trayMembers)
        .where(
          inArray(
            trayMembers.trayId,
            trayRows.map((t) => t.id),
          ),
        )
    : [];
  const channelRows = await db.select().from(channels).where(eq(channels.workspaceId, workspaceId));
  const tagRows = await db.select().from(tags).where(eq(tags.workspaceId, workspaceId));
  const dispositionRows = await db
    .select()
    .from(dispositions)
    .where(eq(dispositions.workspaceId, workspaceId))
    .orderBy(asc(dispositions.position), asc(dispositions.id));
  if (!workspace) return [];
  // The slug stays on the server; settings travel as stored (readers apply src/shared/settings.ts defaults).
  const { id, name, timezone, createdAt, settings } = workspace;
  return [
    put('workspaces', id, { id, name, timezone, createdAt, settings }),
    ...agentRows.map((a) => put('agents', a.id, agentData(a))),
    ...trayRows.map((t) => put('trays', t.id, { ...t })),
    ...categoryRows.map(({ workspaceId: _ws, ...c }) => put('categories', c.id, c)),
    ...memberRows.map((m) => put('tray_members', `${m.trayId}/${m.agentId}`, { ...m })),
    ...channelRows.map((c) => put('channels', c.id, { ...c })),
    ...tagRows.map((t) => put('tags', t.id, { ...t })),
    ...dispositionRows.map((d) => put('dispositions', d.id, { ...d })),
  ];
}

// Trays of a workspace with their categories and members, in the guide's order.
import { asc, eq, inArray } from 'drizzle-orm';
import type { ApiTray } from '../../shared';
import type { Db } from '../db/open';
import { categories, trayMembers, trays } from '../db/schema';

export async function listTrays(db: Db, workspaceId: string): Promise<ApiTray[]> {
  const trayRows = await db
    .select()
    .from(trays)
    .where(eq(trays.workspaceId, workspaceId))
    .orderBy(asc(trays.position), asc(trays.id));
  const ids = trayRows.map((t) => t.id);
  if (!ids.length) return [];
  // Sequential on purpose: `db` may be a transaction (one connection), where overlapping queries are deprecated.
  const categoryRows = await db
    .select()
    .from(categories)
    .where(inArray(categories.trayId, ids))
    .orderBy(asc(categories.position), asc(categories.id));
  const memberRows = await db
    .select()
    .from(trayMembers)
    .where(inArray(trayMembers.trayId, ids))
    .orderBy(asc(trayMembers.agentId));
  return trayRows.map((t) => ({
    id: t.id,
    key: t.key,
    name: t.name,
    team: t.team,
    position: t.position,
    active: t.active,
    categories: categoryRows
      .filter((c) => c.trayId === t.id)
      .map((c) => ({ id: c.id, trayId: c.trayId, key: c.key, name: c.name, position: c.position, active: c.active })),
    memberIds: memberRows.filter((m) => m.trayId === t.id).map((m) => m.agentId),
  }));
}

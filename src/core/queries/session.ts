// Who is signed in and the workspace's reference data (agents, trays, channels, tags, dispositions,
// settings).
import { asc, eq } from 'drizzle-orm';
import { AppError, readSettings, type Session } from '../../shared';
import type { CoreContext } from '../context';
import { agents, categories, channels, dispositions, tags, trayMembers, trays, workspaces } from '../db/schema';

export function getSession(ctx: CoreContext): Session {
  const { db } = ctx;
  const workspace = db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).get();
  if (!workspace) throw new AppError('not_found', 'Workspace not found');
  const agentRows = db
    .select()
    .from(agents)
    .where(eq(agents.workspaceId, ctx.workspaceId))
    .orderBy(asc(agents.name))
    .all();
  const me = agentRows.find((a) => a.id === ctx.meId);
  if (!me) throw new AppError('not_found', 'Signed-in agent not found');
  const trayRows = db
    .select()
    .from(trays)
    .where(eq(trays.workspaceId, ctx.workspaceId))
    .orderBy(asc(trays.position))
    .all();
  const categoryRows = db.select().from(categories).orderBy(asc(categories.position)).all();
  const memberRows = db.select().from(trayMembers).all();
  const toAgent = (a: (typeof agentRows)[number]) => ({
    id: a.id,
    name: a.name,
    email: a.email,
    role: a.role,
    active: a.active,
    color: a.color,
  });
  return {
    workspace: {
      id: workspace.id,
      name: workspace.name,
      timezone: workspace.timezone,
    },
    me: toAgent(me),
    agents: agentRows.map(toAgent),
    trays: trayRows.map((t) => ({
      id: t.id,
      key: t.key,
      name: t.name,
      team: t.team,
      position: t.position,
      active: t.active,
      categories: categoryRows
        .filter((c) => c.trayId === t.id)
        .map((c) => ({
          id: c.id,
          trayId: c.trayId,
          key: c.key,
          name: c.name,
          position: c.position,
          active: c.active,
        })),
      memberIds: memberRows.filter((m) => m.trayId === t.id).map((m) => m.agentId),
    })),
    channels: db
      .select({
        id: channels.id,
        kind: channels.kind,
        name: channels.name,
        address: channels.address,
      })
      .from(channels)
      .where(eq(channels.workspaceId, ctx.workspaceId))
      .all(),
    tags: db
      .select({ id: tags.id, name: tags.name, color: tags.color })
      .from(tags)
      .where(eq(tags.workspaceId, ctx.workspaceId))
      .orderBy(asc(tags.name))
      .all(),
    dispositions: db
      .select({
        id: dispositions.id,
        name: dispositions.name,
        needsFollowUp: dispositions.needsFollowUp,
        position: dispositions.position,
        active: dispositions.active,
      })
      .from(dispositions)
      .where(eq(dispositions.workspaceId, ctx.workspaceId))
      .orderBy(asc(dispositions.position))
      .all(),
    settings: readSettings(workspace.settings),
  };
}

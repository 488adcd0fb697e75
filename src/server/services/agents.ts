// Agents of one workspace, as its admins manage them. Every query is filtered by workspace id, so an id
// from another workspace behaves exactly like an id that does not exist (404).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { API_MESSAGE_KEYS, AppError, type CreateAgentBody, newId, type UpdateAgentBody } from '../../shared';
import { hashPassword } from '../auth/password';
import { revokeAgentSessions, type AgentRow } from '../auth/sessions';
import type { Db } from '../db/open';
import { isUniqueViolation } from '../db/errors';
import { agents, trayMembers, trays } from '../db/schema';
import { recordAudit } from './audit';
import { appendChanges } from '../sync/changes';
import { agentChange, membershipChanges } from '../sync/reference-changes';
import { agentColor } from './colors';

const emailTaken = () =>
  new AppError('conflict', 'Another agent of this workspace uses that email', API_MESSAGE_KEYS.emailTaken);
const agentNotFound = () => new AppError('not_found', 'No such agent');

/** Tray ids per agent, for the given agents. */
async function trayIdsOf(db: Db, agentIds: string[]): Promise<Map<string, string[]>> {
  const byAgent = new Map<string, string[]>(agentIds.map((id) => [id, []]));
  if (!agentIds.length) return byAgent;
  const rows = await db
    .select({ agentId: trayMembers.agentId, trayId: trayMembers.trayId })
    .from(trayMembers)
    .innerJoin(trays, eq(trays.id, trayMembers.trayId))
    .where(inArray(trayMembers.agentId, agentIds))
    .orderBy(asc(trays.position));
  for (const r of rows) byAgent.get(r.agentId)?.push(r.trayId);
  return byAgent;
}

export async function listAgents(db: Db, workspaceId: string): Promise<{ agent: AgentRow; trayIds: string[] }[]> {
  const rows = await db
    .select()
    .from(agents)
    .where(eq(agents.workspaceId, workspaceId))
    .orderBy(asc(agents.createdAt), asc(agents.id));
  const trayIds = await trayIdsOf(
    db,
    rows.map((a) => a.id),
  );
  return rows.map((agent) => ({ agent, trayIds: trayIds.get(agent.id) ?? [] }));
}

export async function getAgent(
  db: Db,
  workspaceId: string,
  agentId: string,
): Promise<{ agent: AgentRow; trayIds: string[] }> {
  const [agent] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.id, agentId), eq(agents.workspaceId, workspaceId)))
    .limit(1);
  if (!agent) throw agentNotFound();
  const trayIds = await trayIdsOf(db, [agent.id]);
  return { agent, trayIds: trayIds.get(agent.id) ?? [] };
}

/** Deduplicated tray ids, all of this workspace; otherwise 422 (a foreign tray looks like a missing one). */
async function checkTrays(db: Db, workspaceId: string, trayIds: string[]): Promise<string[]> {
  const unique = [...new Set(trayIds)];
  if (!unique.length) return unique;
  const found = await db
    .select({ id: trays.id })
    .from(trays)
    .where(and(eq(trays.workspaceId, workspaceId), inArray(trays.id, unique)));
  if (found.length !== unique.length) {
    throw new AppError('rule_violation', 'Unknown tray in trayIds', API_MESSAGE_KEYS.unknownTray);
  }
  return unique;
}

async function setTrays(db: Db, agentId: string, trayIds: string[]): Promise<void> {
  await db.delete(trayMembers).where(eq(trayMembers.agentId, agentId));
  if (trayIds.length) await db.insert(trayMembers).values(trayIds.map((trayId) => ({ trayId, agentId })));
}

export async function createAgent(
  db: Db,
  actor: AgentRow,
  input: CreateAgentBody,
  now: number,
): Promise<{ agent: AgentRow; trayIds: string[] }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const workspaceId = actor.workspaceId;
      const trayIds = await checkTrays(tx, workspaceId, input.trayIds ?? []);
      const [existing] = await tx
        .select({ id: agents.id })
        .from(agents)
        .where(and(eq(agents.workspaceId, workspaceId), eq(sql`lower(${agents.email})`, input.email.toLowerCase())))
        .limit(1);
      if (existing) throw emailTaken();
      const [{ count } = { count: 0 }] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(agents)
        .where(eq(agents.workspaceId, workspaceId));
      const [agent] = await tx
        .insert(agents)
        .values({
          id: newId(),
          workspaceId,
          name: input.name,
          email: input.email,
          role: input.role,
          active: true,
          color: agentColor(count),
          passwordHash,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await setTrays(tx, agent!.id, trayIds);
      await appendChanges(tx, workspaceId, [agentChange(agent!), ...membershipChanges(agent!.id, [], trayIds)], now);
      await recordAudit(tx, {
        workspaceId,
        actorId: actor.id,
        action: 'agent.create',
        entity: 'agent',
        entityId: agent!.id,
        after: { name: agent!.name, email: agent!.email, role: agent!.role, trayIds },
        at: now,
      });
      return { agent: agent!, trayIds };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken(); // a concurrent create with the same email
    throw err;
  }
}

export async function updateAgent(
  db: Db,
  actor: AgentRow,
  agentId: string,
  input: UpdateAgentBody,
  now: number,
): Promise<{ agent: AgentRow; trayIds: string[] }> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const workspaceId = actor.workspaceId;
  return db.transaction(async (tx) => {
    // Lock the workspace's active admins first: two admins demoting each other at once must not leave none.
    const admins = await tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.role, 'admin'), eq(agents.active, true)))
      .for('update');
    const before = await getAgent(tx, workspaceId, agentId);
    const role = input.role ?? before.agent.role;
    const active = input.active ?? before.agent.active;
    const wasActiveAdmin = before.agent.role === 'admin' && before.agent.active;
    if (wasActiveAdmin && (role !== 'admin' || !active) && admins.every((a) => a.id === agentId)) {
      throw new AppError('rule_violation', 'A workspace keeps at least one active admin', API_MESSAGE_KEYS.lastAdmin);
    }
    const trayIds = input.trayIds ? await checkTrays(tx, workspaceId, input.trayIds) : before.trayIds;

    const [agent] = await tx
      .update(agents)
      .set({
        name: input.name ?? before.agent.name,
        role,
        active,
        ...(passwordHash ? { passwordHash } : {}),
        updatedAt: now,
      })
      .where(and(eq(agents.id, agentId), eq(agents.workspaceId, workspaceId)))
      .returning();
    if (input.trayIds) await setTrays(tx, agentId, trayIds);
    await appendChanges(
      tx,
      workspaceId,
      [agentChange(agent!), ...membershipChanges(agentId, before.trayIds, trayIds)],
      now,
    );
    // Disabling or a password reset ends every session now, not at their expiry.
    const endedSessions = !active || passwordHash ? await revokeAgentSessions(tx, agentId, now) : 0;

    await recordAudit(tx, {
      workspaceId,
      actorId: actor.id,
      action: 'agent.update',
      entity: 'agent',
      entityId: agentId,
      before: {
        name: before.agent.name,
        role: before.agent.role,
        active: before.agent.active,
        trayIds: before.trayIds,
      },
      after: { name: agent!.name, role, active, trayIds, passwordReset: Boolean(passwordHash), endedSessions },
      at: now,
    });
    return { agent: agent!, trayIds };
  });
}

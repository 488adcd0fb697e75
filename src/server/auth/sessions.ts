// Session lifecycle. Policy: a session lasts 30 days from its last use (sliding), never more than 90 days
// from sign-in (absolute), and ends at once on logout, on disabling the agent or on a password reset.
// Every request re-reads the session, the agent and the workspace, so revocation needs no cache flush.
import { and, eq, isNull } from 'drizzle-orm';
import { newId } from '../../shared';
import type { Db } from '../db/open';
import { agents, sessions, workspaces } from '../db/schema';
import { hashToken, newToken } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * DAY;
export const SESSION_MAX_MS = 90 * DAY;
/** Writing last_seen_at on every request would turn each read into a write; once a minute is enough. */
const SLIDE_EVERY_MS = 60 * 1000;

export type AgentRow = typeof agents.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;

export interface AuthContext {
  session: { id: string; createdAt: number; expiresAt: number };
  agent: AgentRow;
  workspace: WorkspaceRow;
}

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: number;
}

export async function createSession(
  db: Db,
  agent: Pick<AgentRow, 'id' | 'workspaceId'>,
  now: number,
  client: { userAgent?: string | undefined; ip?: string | undefined } = {},
): Promise<NewSession> {
  const token = newToken();
  const sessionId = newId();
  const expiresAt = now + SESSION_IDLE_MS;
  await db.insert(sessions).values({
    id: sessionId,
    agentId: agent.id,
    workspaceId: agent.workspaceId,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    userAgent: client.userAgent?.slice(0, 400) ?? null,
    ip: client.ip ?? null,
  });
  return { token, sessionId, expiresAt };
}

/** The live session of a token, or null when unknown, expired, revoked, or its agent is disabled. */
export async function resolveSession(db: Db, token: string, now: number): Promise<AuthContext | null> {
  const [row] = await db
    .select({ session: sessions, agent: agents, workspace: workspaces })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))
    .limit(1);
  if (!row || row.session.expiresAt <= now || !row.agent.active) return null;
  // Belt and braces: a session always belongs to its agent's workspace.
  if (row.agent.workspaceId !== row.session.workspaceId) return null;

  let expiresAt = row.session.expiresAt;
  if (now - row.session.lastSeenAt >= SLIDE_EVERY_MS) {
    expiresAt = Math.min(now + SESSION_IDLE_MS, row.session.createdAt + SESSION_MAX_MS);
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, row.session.id));
  }
  return {
    session: { id: row.session.id, createdAt: row.session.createdAt, expiresAt },
    agent: row.agent,
    workspace: row.workspace,
  };
}

export async function revokeSession(db: Db, sessionId: string, now: number): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of an agent (disabled, password reset). Returns how many were live. */
export async function revokeAgentSessions(db: Db, agentId: string, now: number): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.agentId, agentId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}

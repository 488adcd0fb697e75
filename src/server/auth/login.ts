// Email + password → a new session. Unknown email, disabled agent and wrong password all get the same
// 401 with the same message after the same argon2 work, so the answer never tells which emails exist.
import { and, eq, sql } from 'drizzle-orm';
import { API_MESSAGE_KEYS, AppError, type LoginBody } from '../../shared';
import type { Db } from '../db/open';
import { agents, workspaces } from '../db/schema';
import { HttpError } from '../http-errors';
import { recordAudit } from '../services/audit';
import { burnPasswordCheck, verifyPassword } from './password';
import { createSession, type AgentRow, type NewSession, type WorkspaceRow } from './sessions';

/** One email may exist in a few workspaces; more candidates than this is abuse, not a person. */
const MAX_CANDIDATES = 5;

export const invalidCredentials = () =>
  new HttpError(401, 'forbidden', 'Wrong email or password', API_MESSAGE_KEYS.invalidCredentials);

export interface LoginResult extends NewSession {
  agent: AgentRow;
  workspace: WorkspaceRow;
}

export async function login(
  db: Db,
  input: LoginBody,
  now: number,
  client: { userAgent?: string | undefined; ip?: string | undefined },
): Promise<LoginResult> {
  const candidates = await db
    .select({ agent: agents, workspace: workspaces })
    .from(agents)
    .innerJoin(workspaces, eq(workspaces.id, agents.workspaceId))
    .where(
      and(
        eq(sql`lower(${agents.email})`, input.email.toLowerCase()),
        eq(agents.active, true),
        input.workspace ? eq(workspaces.slug, input.workspace) : undefined,
      ),
    )
    .orderBy(workspaces.createdAt)
    .limit(MAX_CANDIDATES);

  if (!candidates.length) {
    await burnPasswordCheck(input.password);
    throw invalidCredentials();
  }
  const matches = [];
  for (const c of candidates) {
    if (await verifyPassword(c.agent.passwordHash, input.password)) matches.push(c);
  }
  if (!matches.length) throw invalidCredentials();
  if (matches.length > 1) {
    // The password is proven for all of them, so saying "pick a workspace" reveals nothing new.
    throw new AppError(
      'conflict',
      'This email belongs to several workspaces: say which one',
      API_MESSAGE_KEYS.workspaceRequired,
    );
  }
  const { agent, workspace } = matches[0]!;
  const session = await createSession(db, agent, now, client);
  await recordAudit(db, {
    workspaceId: workspace.id,
    actorId: agent.id,
    action: 'auth.login',
    entity: 'session',
    entityId: session.sessionId,
    after: { userAgent: client.userAgent?.slice(0, 200) ?? null, ip: client.ip ?? null },
    at: now,
  });
  return { ...session, agent, workspace };
}

// A client id (one desktop install) belongs to the agent that first used it: any other agent — in this
// workspace or another — gets 403, so no one can push into or read the bookkeeping of someone else's queue.
import { eq } from 'drizzle-orm';
import { AppError } from '../../shared';
import type { AuthContext } from '../auth/sessions';
import type { ServerContext } from '../context';
import { clients } from '../db/schema';

/** Registers the client on first use; returns its lastMutationId. */
export async function bindClient(ctx: ServerContext, auth: AuthContext, clientId: string): Promise<number> {
  const now = ctx.now();
  await ctx.db
    .insert(clients)
    .values({ clientId, agentId: auth.agent.id, workspaceId: auth.workspace.id, createdAt: now, lastSeenAt: now })
    .onConflictDoNothing();
  const [client] = await ctx.db.select().from(clients).where(eq(clients.clientId, clientId));
  if (!client || client.agentId !== auth.agent.id) {
    throw new AppError('forbidden', 'This client id belongs to another agent', 'errors.clientIdTaken');
  }
  return client.lastMutationId;
}

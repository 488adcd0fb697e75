// The conversation lookup local (non-mutation) state shares with the mutators: a typed not_found the UI
// can translate. Everything a mutation reads goes through src/shared/mutators instead.
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../shared';
import type { CoreContext } from '../context';
import { conversations } from '../db/schema';

export function loadConversation(ctx: CoreContext, id: string) {
  const row = ctx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.workspaceId, ctx.workspaceId)))
    .get();
  if (!row) throw new AppError('not_found', `Conversation ${id} not found`, 'errors.conversationNotFound');
  return row;
}

// GET /api/v1/conversations?limit=&cursor= — any signed-in agent; each sees what pull would give it
// (src/server/sync/conversation-list.ts). For integrations and exports; the desktop app syncs instead.
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, ConversationListQuery } from '../../shared';
import { authenticate } from '../auth/guard';
import type { ServerContext } from '../context';
import { listConversations } from '../sync/conversation-list';
import { parseInput } from '../validation';

export function registerConversationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(`${API_PREFIX}/conversations`, async (req) => {
    const auth = await authenticate(ctx, req);
    return listConversations(ctx.db, auth, parseInput(ConversationListQuery, req.query, 'query'));
  });
}

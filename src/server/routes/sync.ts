// POST /api/v1/sync/push and /api/v1/sync/pull (wire shapes in src/shared/sync.ts). Any signed-in agent;
// what each may change or see is decided per mutation and per row in src/server/sync.
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, NoQuery, PullBody, type PullResponse, PushBody, type PushResponse } from '../../shared';
import { authenticate } from '../auth/guard';
import type { ServerContext } from '../context';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { parseInput } from '../validation';

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(`${API_PREFIX}/sync/push`, async (req) => {
    const auth = await authenticate(ctx, req);
    parseInput(NoQuery, req.query, 'query');
    const body: PushResponse = await push(ctx, auth, parseInput(PushBody, req.body, 'body'));
    if (body.results.some((r) => r.status === 'applied')) ctx.feed.publish(auth.workspace.id);
    return body;
  });

  app.post(`${API_PREFIX}/sync/pull`, async (req) => {
    const auth = await authenticate(ctx, req);
    parseInput(NoQuery, req.query, 'query');
    const body: PullResponse = await pull(ctx, auth, parseInput(PullBody, req.body, 'body'));
    return body;
  });
}

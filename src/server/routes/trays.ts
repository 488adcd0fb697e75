// GET /api/v1/trays — any signed-in agent of the workspace: every role needs tray and category names,
// and membership is not secret inside a workspace (what an agent may *see* is enforced on conversations).
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, NoQuery, type TrayListResponse } from '../../shared';
import { authenticate } from '../auth/guard';
import type { ServerContext } from '../context';
import { listTrays } from '../services/trays';
import { parseInput } from '../validation';

export function registerTrayRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(`${API_PREFIX}/trays`, async (req) => {
    const auth = await authenticate(ctx, req);
    parseInput(NoQuery, req.query, 'query');
    const body: TrayListResponse = { trays: await listTrays(ctx.db, auth.workspace.id) };
    return body;
  });
}

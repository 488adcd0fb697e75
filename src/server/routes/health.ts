// GET /health: 200 {ok:true} when the database answers, 503 otherwise (load balancers and `npm run server`).
import type { FastifyInstance } from 'fastify';
import type { ErrorResponse, HealthResponse } from '../../shared';
import type { ServerContext } from '../context';

export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/health', async (req, reply) => {
    try {
      await ctx.database.ping();
      const body: HealthResponse = { ok: true };
      return body;
    } catch (err) {
      req.log.error({ err }, 'health check: database unreachable');
      const body: ErrorResponse = { error: { code: 'unavailable', message: 'Database unreachable' } };
      return reply.status(503).send(body);
    }
  });
}

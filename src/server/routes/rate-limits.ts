// Rate limits as explicit checks inside handlers (after the body is validated, so the login key can use
// the email). In-memory per process: with several instances behind a balancer each enforces its own
// budget; a shared store (@fastify/rate-limit supports Redis) is the upgrade path if that is not enough.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tooManyRequests } from '../http-errors';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

export function limiter(
  app: FastifyInstance,
  max: number,
  timeWindowMs: number,
  key: (req: FastifyRequest) => string,
): Limiter {
  return app.createRateLimit({ max, timeWindow: timeWindowMs, keyGenerator: key });
}

/** Counts this request against every limiter; throws 429 (with Retry-After) at the first one exceeded. */
export async function enforce(req: FastifyRequest, ...limiters: Limiter[]): Promise<void> {
  for (const check of limiters) {
    const r = await check(req);
    if (!r.isAllowed && r.isExceeded) throw tooManyRequests(r.ttlInSeconds);
  }
}

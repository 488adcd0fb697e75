// Route guards. Every protected handler starts with `authenticate` (who is calling, in which workspace)
// and, for admin routes, `requireRole`; data access then filters by `auth.workspace.id`, so an id from
// another workspace is simply not found.
import type { FastifyRequest } from 'fastify';
import { API_MESSAGE_KEYS, AppError, type Role } from '../../shared';
import type { ServerContext } from '../context';
import { unauthenticated } from '../http-errors';
import { resolveSession, type AuthContext } from './sessions';
import { bearerToken } from './tokens';

export async function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<AuthContext> {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthenticated();
  const auth = await resolveSession(ctx.db, token, ctx.now());
  if (!auth) throw unauthenticated();
  return auth;
}

export function requireRole(auth: AuthContext, roles: readonly Role[]): void {
  if (!roles.includes(auth.agent.role)) {
    throw new AppError('forbidden', `Only ${roles.join(' or ')} may do this`, API_MESSAGE_KEYS.adminOnly);
  }
}

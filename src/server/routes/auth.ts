// POST /api/v1/auth/login and /logout, GET /api/v1/me.
import type { FastifyInstance } from 'fastify';
import {
  API_PREFIX,
  LoginBody,
  type LoginResponse,
  type LogoutResponse,
  type MeResponse,
  NoBody,
  NoQuery,
} from '../../shared';
import { authenticate } from '../auth/guard';
import { login } from '../auth/login';
import { revokeSession } from '../auth/sessions';
import type { ServerContext, ServerLimits } from '../context';
import { recordAudit } from '../services/audit';
import { getAgent } from '../services/agents';
import { toApiAgent, toApiWorkspace } from '../services/serialize';
import { parseInput } from '../validation';
import { enforce, limiter } from './rate-limits';

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext, limits: ServerLimits): void {
  const MINUTE = 60 * 1000;
  const perIp = limiter(app, limits.loginPerIpPerMinute, MINUTE, (req) => `login-ip:${req.ip}`);
  const perAccount = limiter(app, limits.loginPerAccountPerMinute, MINUTE, (req) => {
    const email = (req.body as { email?: unknown } | null)?.email;
    return `login:${req.ip}:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
  });

  app.post(`${API_PREFIX}/auth/login`, async (req) => {
    const input = parseInput(LoginBody, req.body, 'body');
    await enforce(req, perIp, perAccount);
    try {
      const result = await login(ctx.db, input, ctx.now(), { userAgent: req.headers['user-agent'], ip: req.ip });
      req.log.info({ agentId: result.agent.id, workspaceId: result.workspace.id }, 'login');
      const { trayIds } = await getAgent(ctx.db, result.workspace.id, result.agent.id);
      const body: LoginResponse = {
        token: result.token,
        expiresAt: result.expiresAt,
        agent: toApiAgent(result.agent, trayIds),
        workspace: toApiWorkspace(result.workspace),
      };
      return body;
    } catch (err) {
      req.log.warn({ ip: req.ip }, 'login failed');
      throw err;
    }
  });

  app.post(`${API_PREFIX}/auth/logout`, async (req) => {
    const auth = await authenticate(ctx, req);
    parseInput(NoBody, req.body, 'body');
    const now = ctx.now();
    await revokeSession(ctx.db, auth.session.id, now);
    await recordAudit(ctx.db, {
      workspaceId: auth.workspace.id,
      actorId: auth.agent.id,
      action: 'auth.logout',
      entity: 'session',
      entityId: auth.session.id,
      at: now,
    });
    const body: LogoutResponse = { ok: true };
    return body;
  });

  app.get(`${API_PREFIX}/me`, async (req) => {
    const auth = await authenticate(ctx, req);
    parseInput(NoQuery, req.query, 'query');
    const { trayIds } = await getAgent(ctx.db, auth.workspace.id, auth.agent.id);
    const body: MeResponse = {
      agent: toApiAgent(auth.agent, trayIds),
      workspace: toApiWorkspace(auth.workspace),
      session: auth.session,
    };
    return body;
  });
}

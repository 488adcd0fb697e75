// POST /api/v1/workspaces — sign-up: a new workspace with its first admin, already signed in.
import type { FastifyInstance } from 'fastify';
import {
  API_MESSAGE_KEYS,
  API_PREFIX,
  AppError,
  CreateWorkspaceBody,
  type CreateWorkspaceResponse,
} from '../../shared';
import { createSession } from '../auth/sessions';
import type { ServerContext, ServerLimits } from '../context';
import { createWorkspace } from '../services/workspaces';
import { toApiAgent, toApiWorkspace } from '../services/serialize';
import { parseInput } from '../validation';
import { enforce, limiter } from './rate-limits';

export function registerWorkspaceRoutes(app: FastifyInstance, ctx: ServerContext, limits: ServerLimits): void {
  const perIp = limiter(app, limits.workspacesPerIpPerHour, 60 * 60 * 1000, (req) => `ws:${req.ip}`);

  app.post(`${API_PREFIX}/workspaces`, async (req, reply) => {
    if (!ctx.allowSignup)
      throw new AppError('forbidden', 'Sign-up is closed on this server', API_MESSAGE_KEYS.signupClosed);
    const input = parseInput(CreateWorkspaceBody, req.body, 'body');
    await enforce(req, perIp);
    const now = ctx.now();
    const { workspace, admin } = await createWorkspace(ctx.db, input, now);
    const session = await createSession(ctx.db, admin, now, { userAgent: req.headers['user-agent'], ip: req.ip });
    req.log.info({ workspaceId: workspace.id, agentId: admin.id }, 'workspace created');
    const body: CreateWorkspaceResponse = {
      workspace: toApiWorkspace(workspace),
      admin: toApiAgent(admin, []),
      token: session.token,
      expiresAt: session.expiresAt,
    };
    return reply.status(201).send(body);
  });
}

// /api/v1/agents — admins manage the agents of their own workspace (never another's: every lookup is
// scoped by the caller's workspace, so foreign ids are 404).
import type { FastifyInstance } from 'fastify';
import {
  API_PREFIX,
  type AgentListResponse,
  type AgentResponse,
  CreateAgentBody,
  IdParams,
  NoQuery,
  UpdateAgentBody,
} from '../../shared';
import { authenticate, requireRole } from '../auth/guard';
import type { ServerContext } from '../context';
import { createAgent, getAgent, listAgents, updateAgent } from '../services/agents';
import { toApiAgent } from '../services/serialize';
import { parseInput } from '../validation';

export function registerAgentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const admin = async (req: Parameters<typeof authenticate>[1]) => {
    const auth = await authenticate(ctx, req);
    requireRole(auth, ['admin']);
    return auth;
  };

  app.get(`${API_PREFIX}/agents`, async (req) => {
    const auth = await admin(req);
    parseInput(NoQuery, req.query, 'query');
    const rows = await listAgents(ctx.db, auth.workspace.id);
    const body: AgentListResponse = { agents: rows.map((r) => toApiAgent(r.agent, r.trayIds)) };
    return body;
  });

  app.get(`${API_PREFIX}/agents/:id`, async (req) => {
    const auth = await admin(req);
    const { id } = parseInput(IdParams, req.params, 'params');
    parseInput(NoQuery, req.query, 'query');
    const r = await getAgent(ctx.db, auth.workspace.id, id);
    const body: AgentResponse = { agent: toApiAgent(r.agent, r.trayIds) };
    return body;
  });

  app.post(`${API_PREFIX}/agents`, async (req, reply) => {
    const auth = await admin(req);
    const input = parseInput(CreateAgentBody, req.body, 'body');
    const r = await createAgent(ctx.db, auth.agent, input, ctx.now());
    ctx.feed.publish(auth.workspace.id);
    const body: AgentResponse = { agent: toApiAgent(r.agent, r.trayIds) };
    return reply.status(201).send(body);
  });

  app.patch(`${API_PREFIX}/agents/:id`, async (req) => {
    const auth = await admin(req);
    const { id } = parseInput(IdParams, req.params, 'params');
    const input = parseInput(UpdateAgentBody, req.body, 'body');
    const r = await updateAgent(ctx.db, auth.agent, id, input, ctx.now());
    ctx.feed.publish(auth.workspace.id);
    const body: AgentResponse = { agent: toApiAgent(r.agent, r.trayIds) };
    return body;
  });
}

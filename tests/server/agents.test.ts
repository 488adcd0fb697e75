// Agents and trays: only admins manage agents; disabling or resetting a password ends sessions at once;
// a workspace keeps an active admin; nothing crosses from one workspace to another.
import { describe, expect, it } from 'vitest';
import { AgentListResponse, AgentResponse, TrayListResponse } from '../../src/shared';
import { backends, bearer, createAgent, createWorkspace, expectError, login, PASSWORD, serverPerFile } from './helpers';

describe.each(backends)('agents on %s', (backend) => {
  const env = serverPerFile(backend);

  const trayIdsOf = async (token: string) =>
    TrayListResponse.parse(
      (await env.s.app.inject({ method: 'GET', url: '/api/v1/trays', headers: bearer(token) })).json(),
    ).trays.map((t) => t.id);
  const patch = (token: string, id: string, payload: object) =>
    env.s.app.inject({ method: 'PATCH', url: `/api/v1/agents/${id}`, headers: bearer(token), payload });
  const me = (token: string) => env.s.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });

  it('admin creates agents with roles and tray membership; lists and reads them', async () => {
    const ws = await createWorkspace(env.s.app);
    const [, sales, support] = await trayIdsOf(ws.token);
    const a = await createAgent(env.s.app, ws.token, { role: 'agent', trayIds: [sales!, support!, sales!] });
    const sup = await createAgent(env.s.app, ws.token, { role: 'supervisor' });
    const list = AgentListResponse.parse(
      (await env.s.app.inject({ method: 'GET', url: '/api/v1/agents', headers: bearer(ws.token) })).json(),
    );
    expect(list.agents.map((x) => x.id)).toEqual([ws.admin.id, a.id, sup.id]);
    expect(list.agents[1]!.trayIds.sort()).toEqual([sales!, support!].sort());
    expect(JSON.stringify(list)).not.toContain('argon2');
    const one = await env.s.app.inject({ method: 'GET', url: `/api/v1/agents/${a.id}`, headers: bearer(ws.token) });
    expect(AgentResponse.parse(one.json()).agent.role).toBe('agent');
    const trays = TrayListResponse.parse(
      (await env.s.app.inject({ method: 'GET', url: '/api/v1/trays', headers: bearer(a.token) })).json(),
    ).trays;
    expect(trays.find((t) => t.id === sales)!.memberIds).toEqual([a.id]);
    expect(trays.find((t) => t.key === 'sales')!.categories.map((c) => c.key)).toEqual([
      'quotes',
      'followup',
      'negotiations',
    ]);
  });

  it('refuses a second agent with the same email in any letter case (409)', async () => {
    const ws = await createWorkspace(env.s.app);
    const a = await createAgent(env.s.app, ws.token);
    const res = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/agents',
      headers: bearer(ws.token),
      payload: { name: 'Dup', email: a.email.toUpperCase(), password: PASSWORD, role: 'agent' },
    });
    expect(expectError(res, 409, 'conflict').messageKey).toBe('errors.emailTaken');
  });

  it('enforces the password policy (at least 10 characters)', async () => {
    const ws = await createWorkspace(env.s.app);
    const res = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/agents',
      headers: bearer(ws.token),
      payload: { name: 'Short', email: 'short@example.com', password: '123456789', role: 'agent' },
    });
    expect(expectError(res, 400, 'invalid_input').issues?.[0]?.path).toBe('password');
  });

  it('agents and supervisors cannot manage agents (403)', async () => {
    const ws = await createWorkspace(env.s.app);
    const agent = await createAgent(env.s.app, ws.token, { role: 'agent' });
    const sup = await createAgent(env.s.app, ws.token, { role: 'supervisor' });
    for (const token of [agent.token, sup.token]) {
      const body = { name: 'X', email: 'x@example.com', password: PASSWORD, role: 'admin' };
      expectError(
        await env.s.app.inject({ method: 'POST', url: '/api/v1/agents', headers: bearer(token), payload: body }),
        403,
        'forbidden',
      );
      expectError(
        await env.s.app.inject({ method: 'GET', url: '/api/v1/agents', headers: bearer(token) }),
        403,
        'forbidden',
      );
      expectError(await patch(token, agent.id, { role: 'admin' }), 403, 'forbidden');
    }
    expect((await me(agent.token)).json().agent.role).toBe('agent');
  });

  it('disabling an agent ends all its sessions at once and blocks login; enabling lets it back in', async () => {
    const ws = await createWorkspace(env.s.app);
    const a = await createAgent(env.s.app, ws.token);
    const second = (await login(env.s.app, a.email)).json().token as string;
    const res = await patch(ws.token, a.id, { active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().agent.active).toBe(false);
    expectError(await me(a.token), 401);
    expectError(await me(second), 401);
    expectError(await login(env.s.app, a.email), 401);
    expect((await patch(ws.token, a.id, { active: true })).statusCode).toBe(200);
    expectError(await me(a.token), 401); // old sessions stay ended
    expect((await login(env.s.app, a.email)).statusCode).toBe(200);
  });

  it('a password reset ends the sessions and the new password works', async () => {
    const ws = await createWorkspace(env.s.app);
    const a = await createAgent(env.s.app, ws.token);
    expect((await patch(ws.token, a.id, { password: 'a brand new passphrase' })).statusCode).toBe(200);
    expectError(await me(a.token), 401);
    expectError(await login(env.s.app, a.email), 401);
    expect((await login(env.s.app, a.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('changes role, name and trays; keeps at least one active admin', async () => {
    const ws = await createWorkspace(env.s.app);
    const [global] = await trayIdsOf(ws.token);
    const a = await createAgent(env.s.app, ws.token);
    const res = await patch(ws.token, a.id, { role: 'admin', name: 'Beatriz', trayIds: [global!] });
    expect(AgentResponse.parse(res.json()).agent).toMatchObject({ role: 'admin', name: 'Beatriz', trayIds: [global!] });
    expect((await patch(a.token, ws.admin.id, { role: 'agent' })).statusCode).toBe(200);
    const last = expectError(await patch(a.token, a.id, { active: false }), 422, 'rule_violation');
    expect(last.messageKey).toBe('errors.lastAdmin');
    expectError(await patch(a.token, a.id, { role: 'supervisor' }), 422, 'rule_violation');
    expectError(await patch(a.token, a.id, {}), 400, 'invalid_input');
  });

  it('isolates workspaces: foreign agent ids are 404, foreign trays 422, lists show only one workspace', async () => {
    const a = await createWorkspace(env.s.app, 'Alpha');
    const b = await createWorkspace(env.s.app, 'Beta');
    const bAgent = await createAgent(env.s.app, b.token);
    const bTrays = await trayIdsOf(b.token);
    expectError(
      await env.s.app.inject({ method: 'GET', url: `/api/v1/agents/${bAgent.id}`, headers: bearer(a.token) }),
      404,
      'not_found',
    );
    expectError(await patch(a.token, bAgent.id, { active: false }), 404, 'not_found');
    expectError(await patch(a.token, b.admin.id, { role: 'agent' }), 404, 'not_found');
    expect((await me(bAgent.token)).statusCode).toBe(200); // untouched
    const aAgent = await createAgent(env.s.app, a.token);
    expectError(await patch(a.token, aAgent.id, { trayIds: [bTrays[0]!] }), 422, 'rule_violation');
    const list = AgentListResponse.parse(
      (await env.s.app.inject({ method: 'GET', url: '/api/v1/agents', headers: bearer(a.token) })).json(),
    );
    expect(list.agents.every((x) => x.workspaceId === a.workspace.id)).toBe(true);
    const trays = await trayIdsOf(a.token);
    expect(trays.some((id) => bTrays.includes(id))).toBe(false);
  });
});

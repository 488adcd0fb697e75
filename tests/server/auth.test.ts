// Workspaces, login, sessions: creation signs the admin in; credentials errors never reveal which emails
// exist; login is rate limited; sessions expire, slide, and end at logout.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/server';
import { agents, sessions } from '../../src/server/db/schema';
import { LoginResponse, MeResponse } from '../../src/shared';
import {
  backends,
  bearer,
  createWorkspace,
  expectError,
  login,
  loginToken,
  makeServer,
  PASSWORD,
  serverPerFile,
} from './helpers';

describe.each(backends)('auth on %s', (backend) => {
  const env = serverPerFile(backend);

  it('creates a workspace with its admin, signed in, and the guide trays', async () => {
    const ws = await createWorkspace(env.s.app);
    expect(ws.admin.role).toBe('admin');
    expect(ws.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ws.expiresAt).toBe(env.s.clock.now + SESSION_IDLE_MS);
    const me = await env.s.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(ws.token) });
    expect(me.statusCode).toBe(200);
    expect(MeResponse.parse(me.json()).agent.id).toBe(ws.admin.id);
    const trays = await env.s.app.inject({ method: 'GET', url: '/api/v1/trays', headers: bearer(ws.token) });
    const names = trays.json<{ trays: { key: string; categories: unknown[] }[] }>().trays.map((t) => t.key);
    expect(names).toEqual(['global', 'marketing', 'sales', 'support']);
  });

  it('derives a slug from the name, suffixes it when taken, and refuses a taken explicit slug', async () => {
    const body = (slug?: string) => ({
      workspaceName: 'Seguros Ñandú',
      timezone: 'America/Lima',
      ...(slug ? { slug } : {}),
      admin: { name: 'Ana', email: `ana-${Math.random()}@x.co`, password: PASSWORD },
    });
    const post = (payload: object) => env.s.app.inject({ method: 'POST', url: '/api/v1/workspaces', payload });
    const a = await post(body());
    const b = await post(body());
    expect(a.json().workspace.slug).toBe('seguros-nandu');
    expect(b.json().workspace.slug).toMatch(/^seguros-nandu-[0-9a-f]{6}$/);
    expectError(await post(body('seguros-nandu')), 409, 'conflict');
    expectError(await post({ ...body(), timezone: 'Mars/Olympus' }), 400, 'invalid_input');
  });

  it('refuses sign-up when the server closes it', async () => {
    const closed = await makeServer(env.tdb.database, { allowSignup: false });
    try {
      const res = await closed.app.inject({ method: 'POST', url: '/api/v1/workspaces', payload: {} });
      expect(expectError(res, 403, 'forbidden').messageKey).toBe('errors.signupClosed');
    } finally {
      await closed.app.close();
    }
  });

  it('logs in by email (any case), with or without the workspace slug', async () => {
    const ws = await createWorkspace(env.s.app);
    const res = await login(env.s.app, ws.admin.email.toUpperCase());
    expect(res.statusCode, res.body).toBe(200);
    const body = LoginResponse.parse(res.json());
    expect(body.agent.id).toBe(ws.admin.id);
    expect(body.token).not.toBe(ws.token);
    expect((await login(env.s.app, ws.admin.email, PASSWORD, ws.workspace.slug)).statusCode).toBe(200);
    expectError(await login(env.s.app, ws.admin.email, PASSWORD, 'no-such-workspace'), 401, 'forbidden');
  });

  it('answers a wrong password and an unknown email identically (no user enumeration)', async () => {
    const ws = await createWorkspace(env.s.app);
    const wrong = expectError(await login(env.s.app, ws.admin.email, 'not the password'), 401, 'forbidden');
    const unknown = expectError(await login(env.s.app, 'nobody@nowhere.example', PASSWORD), 401, 'forbidden');
    expect(wrong).toEqual(unknown);
    expect(wrong.messageKey).toBe('errors.invalidCredentials');
  });

  it('asks for the workspace when one email and password open several', async () => {
    const a = await createWorkspace(env.s.app, 'Shared');
    const email = a.admin.email;
    const res = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/agents',
      headers: bearer((await createWorkspace(env.s.app)).token),
      payload: { name: 'Twin', email: email.toUpperCase(), password: PASSWORD, role: 'agent' },
    });
    expect(res.statusCode).toBe(201);
    const err = expectError(await login(env.s.app, email), 409, 'conflict');
    expect(err.messageKey).toBe('errors.workspaceRequired');
    const ok = await login(env.s.app, email, PASSWORD, a.workspace.slug);
    expect(ok.json().agent.id).toBe(a.admin.id);
  });

  it('rejects missing, malformed and unknown tokens with 401', async () => {
    const me = (headers: { authorization?: string }) => env.s.app.inject({ method: 'GET', url: '/api/v1/me', headers });
    for (const headers of [
      {},
      { authorization: 'Basic Zm9vOmJhcg==' },
      { authorization: 'Bearer short' },
      { authorization: `Bearer ${'A'.repeat(43)}` },
    ]) {
      const err = expectError(await me(headers), 401, 'forbidden');
      expect(err.messageKey).toBe('errors.unauthenticated');
    }
  });

  it('expires idle sessions, slides active ones, and caps them at the absolute maximum', async () => {
    const ws = await createWorkspace(env.s.app);
    const me = (token: string) => env.s.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    const idle = await loginToken(env.s.app, ws.admin.email);
    const active = await loginToken(env.s.app, ws.admin.email);
    const start = env.s.clock.now;
    // Use `active` every 20 days: it slides; `idle` is never used and expires after 30.
    for (let day = 20; day <= 80; day += 20) {
      env.s.clock.now = start + day * 86_400_000;
      const res = await me(active);
      expect(res.statusCode, `day ${day}`).toBe(200);
      expect(res.json().session.expiresAt).toBe(Math.min(env.s.clock.now + SESSION_IDLE_MS, start + SESSION_MAX_MS));
    }
    expectError(await me(idle), 401);
    env.s.clock.now = start + SESSION_MAX_MS;
    expectError(await me(active), 401);
    env.s.clock.now = start;
  });

  it('logout revokes that session only, at once', async () => {
    const ws = await createWorkspace(env.s.app);
    const other = await loginToken(env.s.app, ws.admin.email);
    const out = await env.s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(ws.token) });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    expectError(await env.s.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(ws.token) }), 401);
    expectError(await env.s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(ws.token) }), 401);
    expect((await env.s.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(other) })).statusCode).toBe(200);
  });

  it('stores only the hash of tokens and argon2id hashes of passwords', async () => {
    const ws = await createWorkspace(env.s.app);
    const rows = await env.tdb.database.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash) && r.tokenHash !== ws.token)).toBe(true);
    const [admin] = await env.tdb.database.db
      .select({ passwordHash: agents.passwordHash })
      .from(agents)
      .where(eq(agents.id, ws.admin.id));
    expect(admin!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('rate limits login per IP and email with a 429 and Retry-After', async () => {
    const limited = await makeServer(env.tdb.database, {
      limits: { loginPerAccountPerMinute: 3, loginPerIpPerMinute: 100 },
    });
    try {
      const ws = await createWorkspace(limited.app);
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await login(limited.app, ws.admin.email, 'wrong password!')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const res = await login(limited.app, ws.admin.email); // even the right password waits
      const err = expectError(res, 429, 'unavailable');
      expect(err.messageKey).toBe('errors.rateLimited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Another email from the same IP is not blocked by this one's budget.
      expect((await login(limited.app, 'someone-else@example.com')).statusCode).toBe(401);
    } finally {
      await limited.app.close();
    }
  });
});

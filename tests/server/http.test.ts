// The HTTP edge: health, body limit, bad JSON and bad shapes as 400 invalid_input, unknown routes, the
// error shape everywhere, secrets kept out of the logs, and one real listening socket.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/server';
import { FORBIDDEN_KEY_MESSAGE } from '../../src/server/json-body';
import { backends, bearer, createWorkspace, expectError, makeServer, PASSWORD, serverPerFile } from './helpers';

describe.each(backends)('http on %s', (backend) => {
  const env = serverPerFile(backend);

  it('GET /health answers 200 {ok:true} when the database is reachable', async () => {
    const res = await env.s.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses bodies over the limit with 413 in the error shape', async () => {
    const payload = JSON.stringify({ workspaceName: 'x'.repeat(BODY_LIMIT_BYTES), timezone: 'UTC' });
    const res = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(expectError(res, 413, 'invalid_input').messageKey).toBe('errors.bodyTooLarge');
  });

  it('answers bad JSON, wrong content types and bad shapes with 400/415 invalid_input', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      env.s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': contentType },
        payload,
      });
    expect(expectError(await post('{"email": '), 400, 'invalid_input').message).toBe('The body is not valid JSON');
    expect(expectError(await post(''), 400, 'invalid_input').message).toMatch(/empty/);
    // Valid JSON that could poison a prototype is refused as such, not as broken JSON, at any depth.
    for (const poisoned of [
      '{"email":"a@b.co","password":"x","__proto__":{"admin":true}}',
      '{"email":"a@b.co","password":"x","extra":[{"constructor":{"prototype":{"admin":true}}}]}',
    ])
      expect(expectError(await post(poisoned), 400, 'invalid_input').message).toBe(FORBIDDEN_KEY_MESSAGE);
    // A key that merely is called "constructor" is ordinary data: refused only as an unknown key.
    expect(
      expectError(await post('{"email":"nope","password":"x","constructor":1}'), 400, 'invalid_input')
        .issues?.map((i) => i.path)
        .sort(),
    ).toEqual(['', 'email']);
    expectError(await post('email=a@b.co', 'application/x-www-form-urlencoded'), 415, 'invalid_input');
    const shape = expectError(
      await post(JSON.stringify({ email: 'not-an-email', password: 7, extra: 1 })),
      400,
      'invalid_input',
    );
    expect(shape.issues?.map((i) => i.path).sort()).toEqual(['', 'email', 'password']);
    expectError(await post('[1,2,3]'), 400, 'invalid_input');
    expectError(await post('null'), 400, 'invalid_input');
  });

  it('validates params and query too', async () => {
    const ws = await createWorkspace(env.s.app);
    const get = (url: string) => env.s.app.inject({ method: 'GET', url, headers: bearer(ws.token) });
    expect(expectError(await get('/api/v1/agents/not-a-uuid'), 400, 'invalid_input').issues?.[0]?.path).toBe('id');
    expectError(await get('/api/v1/agents?evil=1'), 400, 'invalid_input');
    expectError(await get('/api/v1/me?x=1'), 400, 'invalid_input');
  });

  it('unknown routes and methods are 404 in the error shape', async () => {
    expectError(await env.s.app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'not_found');
    expectError(await env.s.app.inject({ method: 'DELETE', url: '/api/v1/agents' }), 404, 'not_found');
  });

  it('keeps passwords and tokens out of the logs', async () => {
    let logged = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged += chunk.toString();
        done();
      },
    });
    const loud = await makeServer(env.tdb.database, { logger: { level: 'trace', stream } });
    try {
      const ws = await createWorkspace(loud.app);
      await loud.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(ws.token) });
      await loud.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: ws.admin.email, password: 'wrong password' },
      });
      expect(logged).toContain('"reqId"');
      expect(logged).not.toContain(PASSWORD);
      expect(logged).not.toContain('wrong password');
      expect(logged).not.toContain(ws.token);
    } finally {
      await loud.app.close();
    }
  });

  it('serves real HTTP when listening (port 0 + fetch)', async () => {
    const live = await makeServer(env.tdb.database);
    try {
      const base = await live.app.listen({ port: 0, host: '127.0.0.1' });
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      const ws = await createWorkspace(live.app);
      const me = await fetch(`${base}/api/v1/me`, { headers: bearer(ws.token) });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { agent: { id: string } }).agent.id).toBe(ws.admin.id);
      const bad = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"oops"',
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    } finally {
      await live.app.close();
    }
  });
});

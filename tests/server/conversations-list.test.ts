// GET /api/v1/conversations: keyset paging by id to the end, the same visibility as pull (agents their
// trays, supervisors everything, nothing from another workspace), query validation and authentication.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversationListResponse } from '../../src/shared';
import { bearer, expectError, backends, serverPerFile } from './helpers';
import { makeWorld, type SyncWorld } from './sync-helpers';

describe.each(backends)('conversation list on %s', (backend) => {
  const env = serverPerFile(backend);
  let w: SyncWorld;
  let other: SyncWorld;
  beforeAll(async () => {
    w = await makeWorld(env.s.app, env.tdb.database, 'Lista');
    other = await makeWorld(env.s.app, env.tdb.database, 'Otra');
  });

  const get = (token: string, query = '') =>
    env.s.app.inject({ method: 'GET', url: `/api/v1/conversations${query}`, headers: bearer(token) });

  async function all(token: string, limit: number): Promise<ConversationListResponse['conversations']> {
    const out: ConversationListResponse['conversations'] = [];
    let cursor: string | null = null;
    do {
      const res = await get(token, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = ConversationListResponse.parse(res.json());
      expect(page.conversations.length).toBeLessThanOrEqual(limit);
      out.push(...page.conversations);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  const idsIn = (...keys: string[]) => keys.flatMap((k) => w.demo.conversations[k]!.map((c) => c.id)).sort();

  it('pages an agent through the conversations of its trays, each once, in id order', async () => {
    const rows = await all(w.sales.token, 1);
    expect(rows.map((r) => r.id)).toEqual(idsIn('sales'));
    expect(rows[0]).toMatchObject({ trayId: w.trays.sales, status: 'open', contactName: expect.any(String) });
    expect(JSON.stringify(rows)).not.toContain('workspaceId');
  });

  it('gives supervisors the whole workspace and never another workspace', async () => {
    const rows = await all(w.supervisor.token, 2);
    expect(rows.map((r) => r.id)).toEqual(idsIn('global', 'sales', 'support'));
    const theirs = new Set(Object.values(other.demo.conversations).flatMap((cs) => cs.map((c) => c.id)));
    expect(rows.some((r) => theirs.has(r.id))).toBe(false);
  });

  it('defaults to 25 per page and says when the last page is reached', async () => {
    const res = ConversationListResponse.parse((await get(w.admin.token)).json());
    expect(res.conversations.length).toBe(6);
    expect(res.nextCursor).toBeNull();
  });

  it('refuses bad queries and missing tokens', async () => {
    expectError(await get(w.admin.token, '?limit=0'), 400, 'invalid_input');
    expectError(await get(w.admin.token, '?limit=1000'), 400, 'invalid_input');
    expectError(await get(w.admin.token, '?cursor=nope'), 400, 'invalid_input');
    expectError(await get(w.admin.token, '?sort=id'), 400, 'invalid_input');
    expectError(await env.s.app.inject({ method: 'GET', url: '/api/v1/conversations' }), 401);
  });
});

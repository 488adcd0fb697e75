// The initial sync from a snapshot, interrupted by concurrent writes: a fresh replica pulls the snapshot two
// conversations per page, and before every page another agent and the channel write — customers write
// again (their conversation jumps to the front of the activity order the snapshot pages by), new customers
// open conversations, notes, replies, assignments and tray moves. When the replica is done (snapshot, sweep,
// then the change log from the version the snapshot began at) it must equal the server's view for its agent.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { httpTransport, type SyncTransport } from '../../src/core/sync/transport';
import type { PullBody } from '../../src/shared';
import { tempDir, testClock, testPlatform } from '../helpers/core';
import { backends, PASSWORD, serverPerFile } from '../server/helpers';
import { deliver, inboundBody, makeInboundWorld, type InboundWorld } from '../server/inbound-helpers';
import { listen, replicaView, serverView, signedInReplica, type Replica } from './clients';

describe.each(backends)('snapshot sync on %s', (backend) => {
  const env = serverPerFile(backend);
  let url: string;
  let world: InboundWorld;
  const emails: Record<string, string> = {};
  const cleanups: (() => Promise<void>)[] = [];
  /** Customers who wrote once before the snapshot: writing again moves their conversation to the front. */
  const returning: string[] = [];

  beforeAll(async () => {
    url = await listen(env.s.app);
    world = await makeInboundWorld(env.s.app, env.tdb.database, 'Snapshot');
    for (const key of ['admin', 'sales', 'supervisor'] as const) {
      const res = await env.s.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${world[key].token}` },
      });
      emails[key] = res.json<{ agent: { email: string } }>().agent.email;
    }
    for (let i = 0; i < 8; i++) {
      const externalId = `56911${String(i).padStart(6, '0')}`;
      returning.push(externalId);
      env.s.clock.now += 1_000; // the server's clock stands still unless moved: give each one its own time
      await deliver(env.s, {
        channelId: world.channelId,
        secret: world.secret,
        body: inboundBody({ from: { externalId, name: `Cliente ${i}` } }),
      });
    }
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  /** A fresh replica whose pulls are small and whose every snapshot page is preceded by `before()`. */
  async function snapshotReplica(email: string, before: () => Promise<void>) {
    const { dir } = tempDir('bandeja-snapshot-');
    const pulls: PullBody[] = [];
    const core = createCore({
      platform: testPlatform(dir, testClock(Date.now())),
      dbFile: join(dir, 'bandeja.db'),
      validateOutput: true,
      sync: {
        idlePullMs: 60_000,
        retryMinMs: 20,
        retryMaxMs: 100,
        pullLimit: 2,
        realtime: false,
        transportFactory: (serverUrl, token): SyncTransport => {
          const inner = httpTransport(serverUrl, token);
          return {
            push: (body) => inner.push(body),
            pull: async (body) => {
              pulls.push(body);
              if (body.snapshot) await before();
              return inner.pull(body);
            },
          };
        },
      },
    });
    cleanups.push(() => core.close());
    const call = async (method: string, input: unknown = {}) => {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value;
    };
    await call('auth.signIn', { serverUrl: url, email, password: PASSWORD });
    await call('sync.now');
    return { core, pulls };
  }

  it.each(['supervisor', 'sales'] as const)(
    "a snapshot interrupted by concurrent writes ends equal to the server's view (%s)",
    async (who) => {
      const writer: Replica = await signedInReplica(url, emails.admin!);
      cleanups.push(() => writer.cleanup());
      const sales = world.demo.conversations.sales!.map((c) => c.id);
      const support = world.demo.conversations.support!.map((c) => c.id);
      let step = 0;
      const disturb = async () => {
        step++;
        const customer = returning[step % returning.length]!;
        // The customer writes again, later: last activity moves past the snapshot's keyset.
        env.s.clock.now += 1_000;
        await deliver(env.s, {
          channelId: world.channelId,
          secret: world.secret,
          body: inboundBody({ from: { externalId: customer, name: 'Cliente' }, text: `Otra vez ${step}` }),
        });
        if (step % 3 === 0)
          await deliver(env.s, { channelId: world.channelId, secret: world.secret, body: inboundBody() });
        const conversationId = sales[step % sales.length]!;
        await writer.call('notes.add', { conversationId, body: `Nota concurrente ${step}` });
        await writer.call('messages.sendReply', { conversationId, text: `Respuesta ${step}` });
        await writer.call('conversations.assign', {
          conversationId: support[step % support.length]!,
          assigneeId: step % 2 ? world.support.id : null,
        });
        // Out of Ventas and back: the sales agent loses it, then gets it again whole.
        if (step === 2)
          await writer.call('conversations.move', { conversationId, trayId: world.trays.support, categoryId: null });
        if (step === 4) {
          const moved = sales[2 % sales.length]!;
          await writer.call('conversations.move', {
            conversationId: moved,
            trayId: world.trays.sales,
            categoryId: null,
          });
        }
        await writer.call('sync.now');
      };

      const reader = await snapshotReplica(emails[who]!, disturb);
      const snapshotPages = reader.pulls.filter((p) => p.snapshot !== undefined).length;
      // Ventas holds two conversations, so the sales agent's snapshot is short; the supervisor's spans pages.
      expect(snapshotPages).toBeGreaterThanOrEqual(who === 'sales' ? 2 : 5);
      expect(step).toBe(reader.pulls.filter((p) => p.snapshot).length);
      // The snapshot handed over to the log: later pulls carry a cursor and no token.
      expect(reader.pulls.at(-1)).toMatchObject({ cursor: expect.any(Number) });
      expect(reader.pulls.at(-1)!.cursor).toBeGreaterThan(0);
      expect(reader.pulls.at(-1)!.snapshot).toBeUndefined();

      const agentId = world[who].id;
      const expected = await serverView(env.tdb.database, world.workspaceId, agentId);
      const got = replicaView({ core: reader.core } as Replica);
      expect(got).toEqual(expected);
      expect(got.conversations.length).toBeGreaterThan(0);
      // Every customer of a conversation came along (foreign keys held at every page's commit anyway).
      const orphans = reader.core.context.sqlite
        .prepare(
          'SELECT count(*) AS n FROM conversations c LEFT JOIN contacts k ON k.id = c.contact_id WHERE k.id IS NULL',
        )
        .get() as { n: number };
      expect(orphans.n).toBe(0);
    },
  );

  it('a token of another client restarts the snapshot from the reference data', async () => {
    const res = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: { authorization: `Bearer ${world.sales.token}` },
      payload: { clientId: '01a20000-0000-7000-8000-000000000001', cursor: 0, snapshot: 'not-a-token', limit: 1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ changes: { entity: string }[]; snapshot?: string; hasMore: boolean }>();
    expect(body.changes.some((c) => c.entity === 'workspaces')).toBe(true);
    expect(body.snapshot).toEqual(expect.any(String));
    expect(body.hasMore).toBe(true);
    const bad = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: { authorization: `Bearer ${world.sales.token}` },
      payload: { clientId: '01a20000-0000-7000-8000-000000000001', cursor: 5, snapshot: '' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

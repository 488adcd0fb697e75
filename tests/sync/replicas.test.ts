// Real replicas against a real server: a change made on one reaches another; offline work survives a
// restart and is applied once; a refused change rolls back with its reason next to the conversation;
// sign-out wipes; an expired session keeps the pending work for the next sign-in.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { contactIdentities, conversationCycles, conversations } from '../../src/server/db/schema';
import { backends, createAgent, PASSWORD, serverPerFile } from '../server/helpers';
import { deliver, inboundBody, rotateSecret } from '../server/inbound-helpers';
import { makeWorld, type SyncWorld, TestClient } from '../server/sync-helpers';
import { listen, replicaView, serverView, signedInReplica, type Replica } from './clients';
import { offlineSwitch } from './faults';

describe.each(backends)('replicas on %s', (backend) => {
  const env = serverPerFile(backend);
  let url: string;
  let world: SyncWorld;
  const emails: Record<string, string> = {};
  const open: Replica[] = [];

  beforeAll(async () => {
    url = await listen(env.s.app);
    world = await makeWorld(env.s.app, env.tdb.database, 'Replicas');
    for (const key of ['sales', 'sales2', 'support', 'supervisor'] as const) {
      const res = await env.s.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${world[key].token}` },
      });
      emails[key] = res.json<{ agent: { email: string } }>().agent.email;
    }
  });
  afterAll(async () => {
    for (const r of open) await r.cleanup();
  });

  const replica = async (key: string, opts = {}) => {
    const r = await signedInReplica(url, emails[key]!, opts);
    open.push(r);
    return r;
  };
  const salesConversation = () => world.demo.conversations.sales![0]!.id;

  it("A's assignment and note reach B; each replica equals the server's view for its agent", async () => {
    const a = await replica('sales');
    const b = await replica('sales2');
    const conversationId = salesConversation();
    await a.call('conversations.assign', { conversationId, assigneeId: world.sales.id });
    const { note } = await a.call('notes.add', { conversationId, body: 'Cliente pide cotización del SOAT 🚗' });
    await a.call('sync.now');
    await b.call('sync.now');
    const detail = await b.call('conversations.get', { id: conversationId });
    expect(detail.assigneeId).toBe(world.sales.id);
    const thread = await b.call('thread.page', { conversationId });
    expect(thread.items.filter((i) => i.id === note.id)).toHaveLength(1);
    // The history travels too: B's timeline says who assigned and who wrote the note, once each.
    const timeline = (await b.call('audit.timeline', { conversationId })).items;
    const byA = timeline.filter((e) => e.actorId === world.sales.id).map((e) => e.action);
    expect(byA.filter((x) => x === 'conversation.assigned')).toHaveLength(1);
    expect(byA.filter((x) => x === 'note.added')).toHaveLength(1);
    expect(
      (await a.call('audit.timeline', { conversationId })).items.filter((e) => e.action === 'note.added'),
    ).toHaveLength(1);
    for (const [r, agent] of [
      [a, world.sales.id],
      [b, world.sales2.id],
    ] as const)
      expect(replicaView(r)).toEqual(await serverView(env.tdb.database, world.workspaceId, agent));
    expect(await a.call('sync.status')).toMatchObject({
      mode: expect.stringMatching(/^(online|syncing)$/),
      pendingChanges: 0,
      rejections: 0,
    });
    // The token at rest is readable by this OS user only.
    expect(statSync(join(a.dir, 'session.token')).mode & 0o777).toBe(0o600);
  });

  it("a poke brings A's note to B without B asking, and B sees A online", async () => {
    const a = await replica('sales');
    const b = await replica('sales2');
    const conversationId = salesConversation();
    await expect
      .poll(async () => (await b.call('presence.list')).agents.map((p) => p.agentId), { timeout: 5000 })
      .toContain(world.sales.id);
    const changed = new Promise<void>((resolve) =>
      b.core.subscribe((event, payload) => {
        if (
          event === 'data.changed' &&
          (payload as { conversationIds: string[] }).conversationIds.includes(conversationId)
        )
          resolve();
      }),
    );
    const { note } = await a.call('notes.add', { conversationId, body: 'Llega sola, por WebSocket' });
    await changed;
    const thread = await b.call('thread.page', { conversationId });
    expect(thread.items.some((i) => i.id === note.id)).toBe(true);
  });

  it('a new agent, a disabled one and a membership change reach replicas through the change log', async () => {
    const a = await replica('sales');
    const created = await createAgent(env.s.app, world.admin.token, {
      name: 'Valentina Ríos',
      trayIds: [world.trays.sales],
    });
    const disabled = await env.s.app.inject({
      method: 'PATCH',
      url: `/api/v1/agents/${world.support.id}`,
      headers: { authorization: `Bearer ${world.admin.token}` },
      payload: { active: false },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    await a.call('sync.now');
    const session = await a.call('session.get');
    expect(session.agents.find((x) => x.id === created.id)).toMatchObject({ name: 'Valentina Ríos', active: true });
    expect(session.agents.find((x) => x.id === world.support.id)).toMatchObject({ active: false });
    const members = a.core.context.sqlite
      .prepare('SELECT agent_id FROM tray_members WHERE tray_id = ?')
      .pluck()
      .all(world.trays.sales) as string[];
    expect(members).toContain(created.id);
    // Re-enable: other tests use this agent.
    await env.s.app.inject({
      method: 'PATCH',
      url: `/api/v1/agents/${world.support.id}`,
      headers: { authorization: `Bearer ${world.admin.token}` },
      payload: { active: true },
    });
    const support = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: emails.support, password: PASSWORD },
    });
    world.support.token = support.json<{ token: string }>().token;
  });

  it('joining and leaving a tray changes what the replica holds, without signing in again', async () => {
    const r = await replica('support');
    const setTrays = async (trayIds: string[]) => {
      const res = await env.s.app.inject({
        method: 'PATCH',
        url: `/api/v1/agents/${world.support.id}`,
        headers: { authorization: `Bearer ${world.admin.token}` },
        payload: { trayIds },
      });
      expect(res.statusCode, res.body).toBe(200);
      await r.call('sync.now');
    };
    const held = () => new Set(replicaView(r).conversations.map((c) => c.split('|')[3]));
    expect(held()).toEqual(new Set([world.trays.support]));
    await setTrays([world.trays.support, world.trays.sales]);
    expect(held()).toEqual(new Set([world.trays.support, world.trays.sales]));
    expect(replicaView(r)).toEqual(await serverView(env.tdb.database, world.workspaceId, world.support.id));
    await setTrays([world.trays.sales]);
    expect(held()).toEqual(new Set([world.trays.sales]));
    expect(replicaView(r)).toEqual(await serverView(env.tdb.database, world.workspaceId, world.support.id));
    await setTrays([world.trays.support]);
    expect(replicaView(r)).toEqual(await serverView(env.tdb.database, world.workspaceId, world.support.id));
  });

  it('an agent only ever holds the trays it belongs to', async () => {
    const support = await replica('support');
    const ids = replicaView(support).conversations.map((c) => c.split('|')[0]);
    expect(ids.sort()).toEqual(world.demo.conversations.support!.map((c) => c.id).sort());
  });

  it('20 changes drafted offline survive a restart and are applied exactly once', async () => {
    const net = offlineSwitch();
    let a = await replica('sales', { transport: net.wrap });
    const b = await replica('sales2');
    net.offline = true;
    const conversationId = world.demo.conversations.sales![1]!.id;
    const tagIds = world.demo.tagIds;
    const noteIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      if (i % 4 === 3) {
        const tagId = tagIds[((i / 4) % tagIds.length) | 0]!;
        await a.call(i % 8 === 3 ? 'conversations.addTag' : 'conversations.removeTag', { conversationId, tagId });
      } else {
        noteIds.push(
          (await a.call('notes.add', { conversationId, body: `Nota sin conexión nº ${i + 1}, ñandú` })).note.id,
        );
      }
    }
    const offline = await a.call('sync.now');
    expect(offline).toMatchObject({ mode: 'offline', problem: 'sync.problem.unreachable' });
    const pending = offline.pendingChanges;
    expect(pending).toBeGreaterThanOrEqual(15);

    a = await a.reopen(); // app restart, still offline
    open.push(a);
    expect((await a.call('sync.status')).pendingChanges).toBe(pending);
    net.offline = false;
    expect(await a.call('sync.now')).toMatchObject({
      mode: expect.stringMatching(/^(online|syncing)$/),
      pendingChanges: 0,
    });
    await b.call('sync.now');
    const seen = (await b.call('thread.page', { conversationId, limit: 200 })).items.filter((i) =>
      noteIds.includes(i.id),
    );
    expect(seen).toHaveLength(noteIds.length);
    const onServer = await serverView(env.tdb.database, world.workspaceId, world.sales2.id);
    for (const id of noteIds) expect(onServer.notes.filter((n) => n.startsWith(`${id}|`))).toHaveLength(1);
    expect(replicaView(a)).toEqual(replicaView(b));
  });

  it('a refused change rolls back and says why, in Spanish, next to its conversation', async () => {
    // A resolution drafted offline that the server refuses: the customer wrote meanwhile, so the reply the
    // agent saw no longer answers them (closing policy a). The replica's rules allowed it; the server's
    // — the same rules on newer facts — do not, and the conversation comes back to Abiertas.
    const admin = new TestClient(env.s.app, world.admin.token);
    const conversationId = world.demo.conversations.global![0]!.id;
    const triage = await admin.run('move', { conversationId, trayId: world.trays.sales, categoryId: null });
    expect(triage.status).toBe('applied');
    const net = offlineSwitch();
    const a = await replica('sales', { transport: net.wrap });
    await a.call('messages.sendReply', { conversationId, text: 'Ya le envié la cotización por correo' });
    await a.call('sync.now');
    const before = await a.call('conversations.get', { id: conversationId });
    expect(before.status).toBe('open');
    const { dispositions } = await a.call('session.get');
    net.offline = true;
    env.s.clock.now += 1_000;
    const resolved = await a.call('conversations.resolve', { conversationId, dispositionId: dispositions[0]!.id });
    expect(resolved.justification).toBe('answered');
    expect((await a.call('conversations.get', { id: conversationId })).status).toBe('resolved');
    // Meanwhile the customer writes again (the server's clock moves on).
    const [identity] = await env.tdb.database.db
      .select({ phone: contactIdentities.value })
      .from(contactIdentities)
      .innerJoin(conversations, eq(conversations.contactId, contactIdentities.contactId))
      .where(and(eq(conversations.id, conversationId), eq(contactIdentities.kind, 'phone')));
    const { secret } = await rotateSecret(env.s.app, world.admin.token, world.demo.channelId);
    env.s.clock.now += 1_000;
    const inbound = await deliver(env.s, {
      channelId: world.demo.channelId,
      secret: secret!,
      body: inboundBody({
        from: { externalId: `wa-${identity!.phone}`, phone: identity!.phone },
        text: 'Una pregunta más',
      }),
    });
    expect(inbound.conversationId).toBe(conversationId);
    env.s.clock.now += 1_000;
    net.offline = false;
    const status = await a.call('sync.now');
    expect(status).toMatchObject({ pendingChanges: 0, rejections: 1 });
    const after = await a.call('conversations.get', { id: conversationId });
    expect(after.status).toBe('open');
    expect(after.trayId).toBe(before.trayId);
    // Nothing of the optimistic resolution is left: the replica holds exactly what the server holds.
    expect(replicaView(a)).toEqual(await serverView(env.tdb.database, world.workspaceId, world.sales.id));
    const { items } = await a.call('sync.rejections', { conversationId });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: 'resolve',
      conversationId,
      code: 'rule_violation',
      messageKey: 'errors.closingRefused',
      message:
        'No se puede resolver: el cliente no tiene respuesta (falta una respuesta, una derivación documentada, una tarea o ticket, o su confirmación)',
      params: { missing: 'noJustification' },
    });
    expect(await a.call('sync.dismissRejection', { mutationId: items[0]!.mutationId })).toEqual({ dismissed: true });
    expect((await a.call('sync.status')).rejections).toBe(0);
  });

  it('two agents claim one conversation offline: the first to reach the server keeps it, the other is told who', async () => {
    const netA = offlineSwitch();
    const netB = offlineSwitch();
    const a = await replica('sales', { transport: netA.wrap });
    const b = await replica('sales2', { transport: netB.wrap });
    const conversationId = world.demo.conversations.sales![1]!.id;
    netA.offline = netB.offline = true;
    await a.call('conversations.assign', { conversationId, assigneeId: world.sales.id });
    await b.call('conversations.assign', { conversationId, assigneeId: world.sales2.id });
    // A is back first and reaches the server first; B's claim, based on "unassigned", arrives second.
    netA.offline = false;
    await a.call('sync.now');
    netB.offline = false;
    await b.call('sync.now');
    await a.call('sync.now');
    for (const r of [a, b])
      expect((await r.call('conversations.get', { id: conversationId })).assigneeId).toBe(world.sales.id);
    const { items } = await b.call('sync.rejections', { conversationId });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: 'assign', code: 'conflict', messageKey: 'errors.assignedMeanwhile' });
    const session = await b.call('session.get');
    const winner = session.agents.find((x) => x.id === world.sales.id)!;
    expect(items[0]!.message).toBe(`Mientras tanto, ${winner.name} tomó esta conversación`);
    expect(replicaView(a)).toEqual(replicaView(b));
  });

  it('sign-out refuses while changes wait, then wipes the replica; the server keeps the session ended', async () => {
    const net = offlineSwitch();
    const a = await replica('sales', { transport: net.wrap });
    net.offline = true;
    await a.call('notes.add', { conversationId: salesConversation(), body: 'Pendiente de enviar' });
    const refused = await a.core.dispatch('auth.signOut', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.pendingChanges' } });
    const status = await a.call('auth.signOut', { discardPending: true });
    expect(status).toMatchObject({ mode: 'signedOut', email: emails.sales });
    const count = (t: string) => a.core.context.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
    for (const t of ['conversations', 'messages', 'notes', 'outbox', 'agents', 'workspaces']) expect(count(t)).toBe(0);
    const list = await a.core.dispatch('conversations.list', { view: { kind: 'all' } });
    expect(list).toMatchObject({ ok: false, error: { messageKey: 'errors.signedOut' } });
  });

  it('a merge drafted offline keeps every cycle: the server and both replicas agree, also one that sees only the target', async () => {
    // X (Soporte) was answered and resolved; the customer wrote again past the reopen window, so Y (Global)
    // was opened for them. Offline, the supervisor answers and resolves Y, reopens both and merges Y into X.
    const conversationId = world.demo.conversations.support![0]!.id;
    const net = offlineSwitch();
    // The replicas read the server's clock, which starts after the demo's messages (seeded on the real one):
    // what the supervisor writes comes after what the customer wrote.
    env.s.clock.now = Math.max(env.s.clock.now, Date.now()) + 1_000;
    const clock = {
      now: () => env.s.clock.now,
      set: (ms: number) => void (env.s.clock.now = ms),
      advance: (ms: number) => void (env.s.clock.now += ms),
    };
    const a = await replica('supervisor', { transport: net.wrap, clock });
    const b = await replica('support', { clock }); // sees Soporte (X), not Global (Y)
    const { dispositions } = await a.call('session.get');
    const answerAndResolve = async (id: string) => {
      env.s.clock.now += 1_000;
      await a.call('messages.sendReply', { conversationId: id, text: 'Listo, ya quedó registrado' });
      env.s.clock.now += 1_000;
      await a.call('conversations.resolve', { conversationId: id, dispositionId: dispositions[0]!.id });
    };
    await answerAndResolve(conversationId);
    await a.call('sync.now');
    const [identity] = await env.tdb.database.db
      .select({ phone: contactIdentities.value })
      .from(contactIdentities)
      .innerJoin(conversations, eq(conversations.contactId, contactIdentities.contactId))
      .where(and(eq(conversations.id, conversationId), eq(contactIdentities.kind, 'phone')));
    const { secret } = await rotateSecret(env.s.app, world.admin.token, world.demo.channelId);
    env.s.clock.now += 25 * 3_600_000;
    const inbound = await deliver(env.s, {
      channelId: world.demo.channelId,
      secret: secret!,
      body: inboundBody({
        from: { externalId: `wa-${identity!.phone}`, phone: identity!.phone },
        text: 'Hola de nuevo, tengo otra duda',
      }),
    });
    const source = inbound.conversationId;
    expect(source).not.toBe(conversationId);
    await a.call('sync.now');

    net.offline = true;
    await answerAndResolve(source);
    for (const id of [conversationId, source]) {
      env.s.clock.now += 1_000;
      await a.call('conversations.setStatus', { conversationId: id, status: 'open' });
    }
    await a.call('conversations.merge', { conversationId, sourceId: source });
    const drafted = replicaView(a).cycles.filter((c) => c.split('|')[1] === conversationId);
    // Drafted offline: already X's two closed cycles and the one current cycle, numbered 1–3.
    expect(drafted.map((c) => c.split('|')[2]).sort()).toEqual(['1', '2', '3']);
    expect(await a.call('sync.now')).toMatchObject({ mode: 'offline', pendingChanges: 5 });
    net.offline = false;
    expect(await a.call('sync.now')).toMatchObject({ pendingChanges: 0, rejections: 0 });
    await b.call('sync.now');

    const [x] = await env.tdb.database.db.select().from(conversations).where(eq(conversations.id, conversationId));
    const cycles = await env.tdb.database.db
      .select()
      .from(conversationCycles)
      .where(eq(conversationCycles.conversationId, conversationId))
      .orderBy(conversationCycles.number);
    // X's closed cycle, Y's closed cycle (in the order they started), then the one current cycle.
    expect(cycles.map((c) => [c.number, c.resolvedAt !== null, c.justification])).toEqual([
      [1, true, 'answered'],
      [2, true, 'answered'],
      [3, false, null],
    ]);
    expect(x).toMatchObject({ cycle: 3, status: 'open' });
    for (const [r, agent] of [
      [a, world.supervisor.id],
      [b, world.support.id],
    ] as const)
      expect(replicaView(r)).toEqual(await serverView(env.tdb.database, world.workspaceId, agent));
  });

  it('an expired session keeps the replica and its pending work; signing in again sends it', async () => {
    const a = await replica('sales');
    const conversationId = salesConversation();
    // The token the replica holds is no longer valid (expired, or revoked by an admin).
    writeFileSync(join(a.dir, 'session.token'), 'not-a-valid-token');
    const { note } = await a.call('notes.add', { conversationId, body: 'Escrita con la sesión vencida' });
    const status = await a.call('sync.now');
    expect(status.pendingChanges).toBe(1);
    expect(await a.call('auth.status')).toMatchObject({ mode: 'signedOut', reason: 'expired' });
    const again = await a.call('auth.signIn', { serverUrl: url, email: emails.sales!, password: PASSWORD });
    expect(again.mode).toBe('signedIn');
    expect(await a.call('sync.now')).toMatchObject({ pendingChanges: 0 });
    const onServer = await serverView(env.tdb.database, world.workspaceId, world.sales.id);
    expect(onServer.notes.filter((n) => n.startsWith(`${note.id}|`))).toHaveLength(1);
  });
});

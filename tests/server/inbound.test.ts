// Inbound messages: Standard Webhooks verification (missing, wrong, altered, stale, future, replayed),
// byte-exact storage, the conversation rules (new contact → Global, append, pending/snoozed reopen,
// resolved → new conversation) with their change-log rows, tray visibility on pull, and the admin routes
// that read and rotate a channel's secret.
import { createHmac } from 'node:crypto';
import { and, asc, count, eq, gt, max } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  changeLog,
  contactIdentities,
  contacts,
  conversationCycles,
  conversations,
  messages,
} from '../../src/server/db/schema';
import { INBOUND_CHANNEL_HEADER, InboundSecretResponse, newId } from '../../src/shared';
import { createLocalFeed } from '../../src/server/realtime/feed';
import { backends, bearer, createAgent, expectError, makeServer, serverPerFile } from './helpers';
import {
  deliver,
  deliverRaw,
  inboundBody,
  type InboundWorld,
  makeInboundWorld,
  rotateSecret,
  signedHeaders,
} from './inbound-helpers';
import { idsOf, TestClient } from './sync-helpers';

describe.each(backends)('inbound messages on %s', (backend) => {
  const env = serverPerFile(backend);
  let w: InboundWorld;
  beforeAll(async () => {
    w = await makeInboundWorld(env.s.app, env.tdb.database);
  });
  const db = () => env.tdb.database.db;
  const opts = (body: unknown, more: Partial<Parameters<typeof deliver>[1]> = {}) => ({
    channelId: w.channelId,
    secret: w.secret,
    body,
    ...more,
  });
  const messageCount = async () => (await db().select({ n: count() }).from(messages))[0]!.n;
  const logCount = async () =>
    (await db().select({ n: count() }).from(changeLog).where(eq(changeLog.workspaceId, w.workspaceId)))[0]!.n;
  const lastVersion = async () =>
    (
      await db()
        .select({ v: max(changeLog.version) })
        .from(changeLog)
        .where(eq(changeLog.workspaceId, w.workspaceId))
    )[0]!.v ?? 0;
  const conv = async (id: string) => (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;

  describe('signature', () => {
    const rejectedWithoutEffect = async (res: Awaited<ReturnType<typeof deliverRaw>>, messagePart: RegExp) => {
      const error = expectError(res, 401, 'forbidden');
      expect(error.messageKey).toBe('errors.webhookRejected');
      expect(error.message).toMatch(messagePart);
    };

    it('missing headers, unknown channel, wrong secret, altered body, stale or future time: 401, nothing stored', async () => {
      const before = [await messageCount(), await logCount()];
      const body = inboundBody();
      for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'])
        await rejectedWithoutEffect(await deliverRaw(env.s, opts(body, { headers: { [name]: undefined } })), /Missing/);
      await rejectedWithoutEffect(
        await deliverRaw(env.s, opts(body, { headers: { [INBOUND_CHANNEL_HEADER]: undefined } })),
        /channel/,
      );
      await rejectedWithoutEffect(await deliverRaw(env.s, opts(body, { channelId: newId() })), /channel/);
      const otherSecret = (await rotateSecret(env.s.app, w.admin.token, w.channelId, { graceSeconds: 0 })).secret!;
      // The rotation above (no grace) makes w.secret the wrong one; restore a known secret afterwards.
      await rejectedWithoutEffect(await deliverRaw(env.s, opts(body)), /No valid signature/);
      w.secret = otherSecret;
      const raw = JSON.stringify(body);
      await rejectedWithoutEffect(
        await deliverRaw(env.s, opts(body), raw.replace('póliza', 'poliza')),
        /No valid signature/,
      );
      await rejectedWithoutEffect(
        await deliverRaw(env.s, opts(body, { headers: { 'webhook-signature': 'v1,AAAA' } })),
        /No valid signature/,
      );
      await rejectedWithoutEffect(
        await deliverRaw(env.s, opts(body, { headers: { 'webhook-signature': 'v2,xyz' } })),
        /No valid signature/,
      );
      const now = Math.floor(env.s.clock.now / 1000);
      await rejectedWithoutEffect(await deliverRaw(env.s, opts(body, { timestamp: now - 301 })), /too old/);
      await rejectedWithoutEffect(await deliverRaw(env.s, opts(body, { timestamp: now + 301 })), /future/);
      await rejectedWithoutEffect(
        await deliverRaw(env.s, opts(body, { headers: { 'webhook-timestamp': `${now}abc` } })),
        /Malformed/,
      );
      expect([await messageCount(), await logCount()]).toEqual(before);
      // Within the tolerance, and with the real signature among several, the same body is accepted.
      expect((await deliver(env.s, opts(body, { timestamp: now - 299 }))).status).toBe('accepted');
      const { headers } = signedHeaders(opts(inboundBody()), env.s);
      expect(headers['webhook-signature']).toMatch(/^v1,/);
    });

    it('a replayed webhook-id is not processed again: 200 with the original outcome, no new rows', async () => {
      const body = inboundBody();
      const delivery = opts(body, { webhookId: 'msg_replay_1', timestamp: Math.floor(env.s.clock.now / 1000) });
      const first = await deliver(env.s, delivery);
      expect(first).toMatchObject({ status: 'accepted', replayed: false });
      const before = [await messageCount(), await logCount()];
      env.s.clock.now += 30_000; // a retry a little later, same signature
      const again = await deliver(env.s, delivery);
      expect(again).toEqual({ ...first, replayed: true });
      expect([await messageCount(), await logCount()]).toEqual(before);
      // The same id signed over another body is the sender's bug, not a retry: 409, still nothing written.
      const other = await deliverRaw(env.s, opts(inboundBody(), { webhookId: 'msg_replay_1' }));
      expect(expectError(other, 409, 'conflict').messageKey).toBe('errors.webhookIdReused');
      expect([await messageCount(), await logCount()]).toEqual(before);
    });

    it('a body that verifies but is not the schema, JSON or UTF-8 is a 400; other content types a 415', async () => {
      for (const raw of ['{"text":"hola"}', 'no es json', '[]', '']) {
        const res = await deliverRaw(env.s, opts(raw));
        expectError(res, 400, 'invalid_input');
      }
      const { headers } = signedHeaders(opts('x'), env.s);
      const latin1 = Buffer.from('{"a":"\xe1"}', 'latin1');
      const res = await env.s.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/messages',
        headers: { ...headers, 'webhook-signature': signedWith(latin1, headers) },
        payload: latin1,
      });
      expect(expectError(res, 400).message).toMatch(/UTF-8/);
      const text = await env.s.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/messages',
        headers: { ...headers, 'content-type': 'text/plain' },
        payload: 'x',
      });
      expectError(text, 415);
    });
  });

  /** The server's signer over raw bytes (the official package decodes to a string first). */
  const signedWith = (raw: Buffer, headers: Record<string, string>) => {
    const key = Buffer.from(w.secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key)
      .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.`)
      .update(raw)
      .digest('base64');
    return `v1,${mac}`;
  };

  it('stores accents, emoji and combining marks byte for byte', async () => {
    const text = '¿Cuánto cuesta la póliza? 🚗🇨🇴 Señor Pérez, ya pagué (cafe\u0301) 👩🏽‍💻\n¡Gracias!';
    const res = await deliver(
      env.s,
      opts(inboundBody({ text, from: { externalId: 'ext-bytes', name: 'Íñigo Núñez' } })),
    );
    const [m] = await db().select().from(messages).where(eq(messages.id, res.messageId));
    expect(Buffer.from(m!.text, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
    const c = await conv(res.conversationId);
    expect(c.snippet).toBe(text);
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, c.contactId));
    expect(contact!.name).toBe('Íñigo Núñez');
  });

  it('a new contact opens a conversation in Global with its first cycle, contact and identities', async () => {
    env.s.clock.now += 1000;
    const at = env.s.clock.now;
    const body = inboundBody({
      from: { externalId: '573001112233', name: 'Camila Ríos', phone: '+57 300 111 2233', email: 'Camila@Example.com' },
      attachments: [{ name: 'póliza.pdf', mime: 'application/pdf', size: 1234, url: 'https://files.example/p.pdf' }],
    });
    const logStart = await lastVersion();
    const res = await deliver(env.s, opts(body));
    const c = await conv(res.conversationId);
    expect(c).toMatchObject({
      workspaceId: w.workspaceId,
      trayId: w.trays.global,
      channelId: w.channelId,
      channelKind: 'whatsapp',
      status: 'open',
      assigneeId: null,
      snippet: body.text,
      lastActivityAt: at,
      waitingSince: at,
      firstResponseAt: null,
      cycle: 1,
      cycleStartedAt: at,
      createdAt: at,
    });
    const [m] = await db().select().from(messages).where(eq(messages.id, res.messageId));
    expect(m).toMatchObject({
      direction: 'inbound',
      authorKind: 'contact',
      authorAgentId: null,
      channelMessageId: body.channelMessageId,
      deliveryStatus: null,
      createdAt: at,
    });
    expect(JSON.parse(m!.attachments)).toEqual([{ id: expect.any(String), ...body.attachments![0] }]);
    const cycles = await db().select().from(conversationCycles).where(eq(conversationCycles.conversationId, c.id));
    expect(cycles).toEqual([expect.objectContaining({ number: 1, startedAt: at, firstHumanReplyAt: null })]);
    const identities = await db().select().from(contactIdentities).where(eq(contactIdentities.contactId, c.contactId));
    expect(identities.map((i) => [i.kind, i.value, i.channelKind]).sort()).toEqual([
      ['email', 'camila@example.com', ''],
      ['external', '573001112233', 'whatsapp'],
      ['phone', '+57 300 111 2233', ''],
    ]);
    // Change log: contact and identities workspace-wide; conversation, cycle, message and its history in Global.
    const mine = await db()
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.workspaceId, w.workspaceId), gt(changeLog.version, logStart)))
      .orderBy(asc(changeLog.version));
    expect(mine.map((r) => [r.entity, r.trayId])).toEqual([
      ['contacts', null],
      ['contact_identities', null],
      ['contact_identities', null],
      ['contact_identities', null],
      ['conversations', w.trays.global],
      ['conversation_cycles', w.trays.global],
      ['messages', w.trays.global],
      ['audit_log', w.trays.global],
      ['audit_log', w.trays.global],
    ]);
    expect(mine.filter((r) => r.entity === 'audit_log').map((r) => r.data!.action)).toEqual([
      'conversation.created',
      'message.received',
    ]);
    expect(mine.find((r) => r.entity === 'contact_identities')!.data).not.toHaveProperty('workspaceId');
    expect(c.version).toBe(mine.find((r) => r.entity === 'conversations')!.version);
    const audits = await db().select().from(auditLog).where(eq(auditLog.conversationId, c.id));
    expect(audits.map((a) => [a.action, a.actorKind, a.actorId])).toEqual(
      expect.arrayContaining([
        ['conversation.created', 'contact', c.contactId],
        ['message.received', 'contact', c.contactId],
      ]),
    );
  });

  it('appends to the open conversation; the oldest unanswered message keeps waiting-since', async () => {
    const from = { externalId: 'ext-append', name: 'Luis' };
    const t1 = (env.s.clock.now += 1000);
    const first = await deliver(env.s, opts(inboundBody({ from, text: 'Hola' })));
    const t2 = (env.s.clock.now += 60_000);
    const second = await deliver(env.s, opts(inboundBody({ from, text: '¿Siguen ahí? 🙏' })));
    expect(second.conversationId).toBe(first.conversationId);
    expect(await conv(first.conversationId)).toMatchObject({
      status: 'open',
      waitingSince: t1,
      lastActivityAt: t2,
      snippet: '¿Siguen ahí? 🙏',
      cycle: 1,
    });
    // An agent answers, then the customer writes again: a new wait starts at that message.
    const agent = new TestClient(env.s.app, w.admin.token);
    await agent.run('sendReply', { conversationId: first.conversationId, messageId: newId(), text: 'Aquí estamos' });
    expect((await conv(first.conversationId)).waitingSince).toBeNull();
    const t3 = (env.s.clock.now += 60_000);
    await deliver(env.s, opts(inboundBody({ from, text: 'Gracias' })));
    expect(await conv(first.conversationId)).toMatchObject({ waitingSince: t3, lastActivityAt: t3 });
    const n = await db().select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, w.workspaceId));
    const again = await deliver(env.s, opts(inboundBody({ from })));
    expect(
      (await db().select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, w.workspaceId)))[0],
    ).toEqual(n[0]);
    expect(again.conversationId).toBe(first.conversationId);
  });

  it('a customer message reopens a pending or snoozed conversation', async () => {
    const from = { externalId: 'ext-pending' };
    const { conversationId } = await deliver(env.s, opts(inboundBody({ from })));
    const agent = new TestClient(env.s.app, w.admin.token);
    await agent.run('sendReply', { conversationId, messageId: newId(), text: 'Le escribimos cuando esté listo' });
    expect((await agent.run('setStatus', { conversationId, status: 'pending' })).status).toBe('applied');
    const at = (env.s.clock.now += 5000);
    await deliver(env.s, opts(inboundBody({ from, text: 'Ya les envié el documento' })));
    expect(await conv(conversationId)).toMatchObject({ status: 'open', waitingSince: at, cycle: 1 });
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.conversationId, conversationId), eq(auditLog.action, 'conversation.statusChanged')));
    expect(audits.at(-1)).toMatchObject({
      actorKind: 'contact',
      before: { status: 'pending' },
      after: { status: 'open' },
    });

    await db()
      .update(conversations)
      .set({ status: 'snoozed', snoozedUntil: at + 86_400_000 })
      .where(eq(conversations.id, conversationId));
    await deliver(env.s, opts(inboundBody({ from })));
    expect(await conv(conversationId)).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  // Within the reopen window the same conversation gets a new cycle instead: inbound-cycles.test.ts.
  it('after resolution (beyond the reopen window) the customer starts a new conversation in Global', async () => {
    const from = { externalId: 'ext-resolved' };
    const first = await deliver(env.s, opts(inboundBody({ from })));
    const agent = new TestClient(env.s.app, w.admin.token);
    await agent.run('sendReply', { conversationId: first.conversationId, messageId: newId(), text: 'Listo' });
    // Resolved as the resolve mutation records it (the push path has its own suites).
    await db().update(conversations).set({ status: 'resolved' }).where(eq(conversations.id, first.conversationId));
    await db()
      .update(conversationCycles)
      .set({ resolvedAt: env.s.clock.now, justification: 'answered' })
      .where(eq(conversationCycles.conversationId, first.conversationId));
    const at = (env.s.clock.now += 25 * 3600 * 1000);
    const next = await deliver(env.s, opts(inboundBody({ from, text: 'Otra consulta' })));
    expect(next.conversationId).not.toBe(first.conversationId);
    expect((await conv(first.conversationId)).status).toBe('resolved');
    const c = await conv(next.conversationId);
    expect(c).toMatchObject({
      status: 'open',
      trayId: w.trays.global,
      cycle: 1,
      cycleStartedAt: at,
      waitingSince: at,
      linkedFromId: first.conversationId,
    });
    expect(c.contactId).toBe((await conv(first.conversationId)).contactId);
  });

  it('the Global agent pulls the new rows; an agent without Global sees the contact but not the conversation', async () => {
    const global = await createAgent(env.s.app, w.admin.token, { trayIds: [w.trays.global] });
    const g = new TestClient(env.s.app, global.token);
    const sales = new TestClient(env.s.app, w.sales.token);
    const gStart = (await g.pullAll(0)).cursor;
    const sStart = (await sales.pullAll(0)).cursor;
    const res = await deliver(env.s, opts(inboundBody({ from: { externalId: 'ext-pull', name: 'Valentina' } })));
    const got = (await g.pullAll(gStart)).changes;
    expect(idsOf(got, 'conversations')).toEqual(new Set([res.conversationId]));
    expect(idsOf(got, 'messages')).toEqual(new Set([res.messageId]));
    expect(idsOf(got, 'conversation_cycles').size).toBe(1);
    const contactId = (await conv(res.conversationId)).contactId;
    expect(idsOf(got, 'contacts')).toEqual(new Set([contactId]));
    const convChange = got.find((c) => c.entity === 'conversations')!;
    expect(convChange.data).toMatchObject({ version: convChange.version, status: 'open', trayId: w.trays.global });
    const other = (await sales.pullAll(sStart)).changes;
    expect(idsOf(other, 'conversations').size).toBe(0);
    expect(idsOf(other, 'messages').size).toBe(0);
    expect(JSON.stringify(other)).not.toContain(res.conversationId);
    expect(idsOf(other, 'contacts')).toEqual(new Set([contactId]));
  });

  it('publishes the workspace on the change feed after the commit, not for duplicates', async () => {
    const feed = createLocalFeed();
    const s2 = await makeServer(env.tdb.database, { feed });
    s2.clock.now = env.s.clock.now;
    const seen: string[] = [];
    feed.subscribe(w.workspaceId, (id) => seen.push(id));
    try {
      const body = inboundBody();
      await deliver(s2, opts(body));
      await deliver(s2, opts(body));
      expect(seen).toEqual([w.workspaceId]);
    } finally {
      await s2.app.close();
    }
  });

  describe('channel secret routes', () => {
    it('admins read and rotate; the previous secret verifies during its grace only', async () => {
      const path = `/api/v1/channels/${w.channelId}/inbound-secret`;
      const read = InboundSecretResponse.parse(
        (await env.s.app.inject({ method: 'GET', url: path, headers: bearer(w.admin.token) })).json(),
      );
      expect(read.secret).toBe(w.secret);
      const old = w.secret;
      const rotated = await rotateSecret(env.s.app, w.admin.token, w.channelId);
      expect(rotated.secret).not.toBe(old);
      expect(rotated.previousValidUntil).toBe(env.s.clock.now + 24 * 3600 * 1000);
      expect((await deliver(env.s, opts(inboundBody(), { secret: old }))).status).toBe('accepted');
      expect((await deliver(env.s, opts(inboundBody(), { secret: rotated.secret! }))).status).toBe('accepted');
      env.s.clock.now += 24 * 3600 * 1000 + 1000;
      expectError(await deliverRaw(env.s, opts(inboundBody(), { secret: old })), 401);
      w.secret = rotated.secret!;
      const audit = await db().select().from(auditLog).where(eq(auditLog.action, 'channel.inboundSecretRotated'));
      expect(JSON.stringify(audit)).not.toContain('whsec_');
    });

    it('other roles get 403, unknown or foreign channels 404, bad bodies 400', async () => {
      const path = `/api/v1/channels/${w.channelId}/inbound-secret`;
      for (const token of [w.supervisor.token, w.sales.token]) {
        expectError(await env.s.app.inject({ method: 'GET', url: path, headers: bearer(token) }), 403);
        expectError(await env.s.app.inject({ method: 'POST', url: path, headers: bearer(token), payload: {} }), 403);
      }
      expectError(await env.s.app.inject({ method: 'GET', url: path }), 401);
      const other = await makeInboundWorld(env.s.app, env.tdb.database, 'Otra');
      const foreign = `/api/v1/channels/${other.channelId}/inbound-secret`;
      const res = await env.s.app.inject({ method: 'GET', url: foreign, headers: bearer(w.admin.token) });
      expect(expectError(res, 404, 'not_found').messageKey).toBe('errors.channelNotFound');
      expectError(
        await env.s.app.inject({
          method: 'POST',
          url: path,
          headers: bearer(w.admin.token),
          payload: { graceSeconds: -1 },
        }),
        400,
      );
      // A secret of one workspace's channel never verifies another channel's deliveries.
      expectError(await deliverRaw(env.s, { channelId: other.channelId, secret: w.secret, body: inboundBody() }), 401);
    });
  });
});

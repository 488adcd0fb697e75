// One message however it arrives: the same channel message delivered three times under different
// webhook-ids, in shuffled order and all at once, is stored once. And the outbound queue: a reply pushed
// by an agent is queued once; concurrent claimers never get the same row; reports move the message's
// delivery status in the change log (late or repeated receipts never move it backwards).
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inboundMessages, messages, outboundQueue } from '../../src/server/db/schema';
import { createOutboundQueue, type OutboundRow } from '../../src/server/outbound/queue';
import { createLocalFeed } from '../../src/server/realtime/feed';
import { newId } from '../../src/shared';
import { backends, serverPerFile } from './helpers';
import { deliver, inboundBody, type InboundWorld, makeInboundWorld } from './inbound-helpers';
import { TestClient } from './sync-helpers';

const shuffle = <T>(xs: T[]): T[] => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
};

describe.each(backends)('inbound concurrency and the outbound queue on %s', (backend) => {
  const env = serverPerFile(backend);
  let w: InboundWorld;
  beforeAll(async () => {
    w = await makeInboundWorld(env.s.app, env.tdb.database);
  });
  const db = () => env.tdb.database.db;
  const opts = (body: unknown, webhookId: string) => ({ channelId: w.channelId, secret: w.secret, body, webhookId });
  const storedCopies = async (channelMessageId: string) =>
    (await db().select({ n: count() }).from(messages).where(eq(messages.channelMessageId, channelMessageId)))[0]!.n;

  it('three deliveries of one message, shuffled and concurrent, store it once', async () => {
    for (let round = 0; round < 5; round++) {
      const body = inboundBody({ from: { externalId: `ext-race-${round}` } });
      const ids = shuffle(['a', 'b', 'c'].map((x) => `msg_${round}_${x}`));
      const results = await Promise.all(ids.map((id) => deliver(env.s, opts(body, id))));
      expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
      expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
      expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
      expect(await storedCopies(body.channelMessageId)).toBe(1);
      // And one after another, in another order, with every webhook-id retried too.
      for (const id of shuffle([...ids, 'msg_late'])) {
        const again = await deliver(env.s, opts(body, `${id}_${round}`));
        expect(again).toMatchObject({ status: 'duplicate', messageId: results[0]!.messageId, replayed: false });
      }
      for (const id of ids) expect((await deliver(env.s, opts(body, id))).replayed).toBe(true);
      expect(await storedCopies(body.channelMessageId)).toBe(1);
    }
  });

  it('distinct messages of one new contact arriving at once share one contact and one conversation', async () => {
    const from = { externalId: 'ext-burst', name: 'Ráfaga' };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => deliver(env.s, opts(inboundBody({ from, text: `parte ${i}` }), newId()))),
    );
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
  });

  describe('outbound queue', () => {
    const conversationId = () => w.demo.conversations.global![0]!.id;
    const queueRow = async (messageId: string) =>
      (await db().select().from(outboundQueue).where(eq(outboundQueue.messageId, messageId)))[0];

    it('a reply pushed by an agent is queued once, in the same transaction; a replayed push queues nothing', async () => {
      const agent = new TestClient(env.s.app, w.admin.token);
      const messageId = newId();
      const envelope = agent.envelope('sendReply', { conversationId: conversationId(), messageId, text: 'Hola 👋' });
      expect((await agent.push([envelope])).results[0]!.status).toBe('applied');
      expect((await agent.push([envelope])).results[0]!.status).toBe('duplicate');
      const rows = await db().select().from(outboundQueue).where(eq(outboundQueue.messageId, messageId));
      expect(rows).toEqual([
        expect.objectContaining({
          workspaceId: w.workspaceId,
          conversationId: conversationId(),
          channelId: w.channelId,
          status: 'queued',
          attempts: 0,
          lastError: null,
        }),
      ]);
      // A refused reply (unknown conversation) leaves no queue row behind.
      const refused = newId();
      const r = await agent.run('sendReply', { conversationId: newId(), messageId: refused, text: 'x' });
      expect(r.status).toBe('rejected');
      expect(await queueRow(refused)).toBeUndefined();
    });

    it('reports move the delivery status for clients; late or repeated receipts are ignored', async () => {
      const clock = { now: Date.now() };
      const feed = createLocalFeed();
      const pokes: string[] = [];
      feed.subscribe(w.workspaceId, (id) => pokes.push(id));
      const queue = createOutboundQueue({ db: db(), now: () => clock.now, feed });
      const agent = new TestClient(env.s.app, w.admin.token);
      const reader = new TestClient(env.s.app, w.supervisor.token);
      await drain(queue);
      const ok = newId();
      const bad = newId();
      await agent.run('sendReply', { conversationId: conversationId(), messageId: ok, text: 'Enviado' });
      await agent.run('sendReply', { conversationId: conversationId(), messageId: bad, text: 'Fallará' });
      const start = (await reader.pullAll(0)).cursor;
      const claimed = await queue.claimNext(10);
      expect(claimed.map((r) => r.messageId)).toEqual([ok, bad]);
      expect(claimed.every((r) => r.status === 'sending' && r.attempts === 1)).toBe(true);
      const okRow = claimed[0]!;
      const badRow = claimed[1]!;
      expect(await queue.markDelivered(okRow.id)).toMatchObject({ status: 'delivered' }); // receipt before "sent"
      expect(await queue.markSent(okRow.id, 'wamid.OUT1')).toBeNull(); // late: never backwards
      expect(await queue.markFailed(badRow.id, 'El número no tiene WhatsApp')).toMatchObject({
        status: 'failed',
        lastError: 'El número no tiene WhatsApp',
      });
      expect(await queue.markDelivered(badRow.id)).toBeNull();
      expect(await queue.markSent(newId())).toBeNull();
      const msg = async (id: string) => (await db().select().from(messages).where(eq(messages.id, id)))[0]!;
      expect(await msg(ok)).toMatchObject({ deliveryStatus: 'delivered', deliveryError: null });
      expect(await msg(bad)).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'El número no tiene WhatsApp' });
      const changes = (await reader.pullAll(start)).changes.filter((c) => c.entity === 'messages');
      expect(changes.map((c) => [c.entityId, c.data!.deliveryStatus])).toEqual([
        [ok, 'delivered'],
        [bad, 'failed'],
      ]);
      expect(changes[1]!.data).toMatchObject({ deliveryError: 'El número no tiene WhatsApp' });
      expect(pokes).toEqual([w.workspaceId, w.workspaceId]);

      // sent, then delivered; the channel's id for the reply is kept.
      const third = newId();
      await agent.run('sendReply', { conversationId: conversationId(), messageId: third, text: 'Tercero' });
      const [row] = await queue.claimNext(1);
      expect(await queue.markSent(row!.id, 'wamid.OUT3')).toMatchObject({ status: 'sent' });
      expect(await msg(third)).toMatchObject({ deliveryStatus: 'sent', channelMessageId: 'wamid.OUT3' });
      expect(await queue.markDelivered(row!.id)).toMatchObject({ status: 'delivered' });
    });

    it('a claim is a lease: a row whose worker went silent is claimable again, with one more attempt', async () => {
      const clock = { now: Date.now() };
      const queue = createOutboundQueue({ db: db(), now: () => clock.now, feed: createLocalFeed() }, { leaseMs: 1000 });
      await drain(queue);
      const agent = new TestClient(env.s.app, w.admin.token);
      const messageId = newId();
      await agent.run('sendReply', { conversationId: conversationId(), messageId, text: 'Lease' });
      const [first] = await queue.claimNext(5);
      expect(first!.messageId).toBe(messageId);
      expect(await queue.claimNext(5)).toEqual([]);
      clock.now += 1001;
      const again = (await queue.claimNext(100)).find((r) => r.id === first!.id);
      expect(again).toMatchObject({ status: 'sending', attempts: 2 });
    });

    it('concurrent claimers never get the same row, and together get every row', async () => {
      const queue = createOutboundQueue({ db: db(), now: Date.now, feed: createLocalFeed() });
      await drain(queue);
      const agent = new TestClient(env.s.app, w.admin.token);
      const ids: string[] = [];
      const envelopes = Array.from({ length: 40 }, () => {
        const messageId = newId();
        ids.push(messageId);
        return agent.envelope('sendReply', { conversationId: conversationId(), messageId, text: 'carrera' });
      });
      await agent.push(envelopes);
      const claimedBy: OutboundRow[][] = [[], [], [], []];
      await Promise.all(
        claimedBy.map(async (mine) => {
          for (;;) {
            const rows = await queue.claimNext(3);
            if (!rows.length) return;
            mine.push(...rows);
          }
        }),
      );
      const all = claimedBy.flat().map((r) => r.messageId);
      expect(all).toHaveLength(ids.length);
      expect(new Set(all)).toEqual(new Set(ids));
      const statuses = await db()
        .select({ n: count() })
        .from(outboundQueue)
        .where(and(eq(outboundQueue.workspaceId, w.workspaceId), eq(outboundQueue.status, 'queued')));
      expect(statuses[0]!.n).toBe(0);
      if (backend === 'postgres') expect(claimedBy.filter((c) => c.length > 0).length).toBeGreaterThan(1);
    });
  });

  it('the dedupe key is the unique (channel, channel message id)', async () => {
    const body = inboundBody();
    const res = await deliver(env.s, opts(body, newId()));
    const insert = db().insert(inboundMessages).values({
      channelId: w.channelId,
      channelMessageId: body.channelMessageId,
      messageId: newId(),
      conversationId: res.conversationId,
      sentAt: 0,
      receivedAt: 0,
    });
    await expect(insert).rejects.toThrow();
  });
});

/** Claims whatever earlier tests left queued, so each test sees only its own rows. */
async function drain(queue: ReturnType<typeof createOutboundQueue>): Promise<void> {
  while ((await queue.claimNext(100)).length);
}

// Inbound messages and the status machine's cycles (issue 4): a customer writing after a resolution within
// the workspace's reopen window reopens the same conversation as a new cycle (the closed cycle's record
// untouched); later, a new conversation in Global linked to the old one. Pending and snoozed conversations
// come back to Abiertas with their snooze and follow-up reminder cancelled. The window comes from
// workspaces.settings (0 = never reopen; garbage = the default 24 h). Replays and duplicates still store
// nothing twice. Resolutions are written straight to the database: the push path is not under test here.
import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  changeLog,
  conversationCycles,
  conversations,
  dispositions,
  messages,
  workspaces,
} from '../../src/server/db/schema';
import { newId } from '../../src/shared';
import { backends, serverPerFile } from './helpers';
import { deliver, inboundBody, type InboundWorld, makeInboundWorld } from './inbound-helpers';

const HOUR = 3_600_000;

describe.each(backends)('inbound messages and cycles on %s', (backend) => {
  const env = serverPerFile(backend);
  let w: InboundWorld;
  let dispositionId: string;
  beforeAll(async () => {
    w = await makeInboundWorld(env.s.app, env.tdb.database, 'Ciclos');
    const [first] = await db()
      .select()
      .from(dispositions)
      .where(eq(dispositions.workspaceId, w.workspaceId))
      .orderBy(asc(dispositions.position));
    dispositionId = first!.id;
  });
  const db = () => env.tdb.database.db;
  const conv = async (id: string) => (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;
  const cyclesOf = (conversationId: string) =>
    db()
      .select()
      .from(conversationCycles)
      .where(eq(conversationCycles.conversationId, conversationId))
      .orderBy(asc(conversationCycles.number));
  const auditsOf = (conversationId: string, action: string) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.conversationId, conversationId), eq(auditLog.action, action)))
      .orderBy(asc(auditLog.at));
  const lastVersion = async () =>
    (
      await db()
        .select({ v: max(changeLog.version) })
        .from(changeLog)
    )[0]?.v ?? 0;
  const logSince = (version: number) =>
    db()
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.workspaceId, w.workspaceId), gt(changeLog.version, version)))
      .orderBy(asc(changeLog.version));
  /** Any JSON value, as a badly written row or an older version might have stored it. */
  const setSettings = (settings: unknown) =>
    db().execute(
      sql`update ${workspaces} set settings = ${JSON.stringify(settings)}::jsonb where ${workspaces.id} = ${w.workspaceId}`,
    );

  /** A customer message at the server's clock, `advance` ms after the previous step. */
  const write = (externalId: string, text = 'Hola de nuevo', advance = 1_000) => {
    env.s.clock.now += advance;
    return deliver(env.s, {
      channelId: w.channelId,
      secret: w.secret,
      body: inboundBody({ from: { externalId }, text }),
    });
  };

  /** Resolves the current cycle as the resolve mutation records it (answered, with a disposition). */
  async function resolve(conversationId: string) {
    const at = env.s.clock.now;
    const c = await conv(conversationId);
    await db()
      .update(conversations)
      .set({ status: 'resolved', assigneeId: w.sales.id, trayId: w.trays.sales, updatedAt: at })
      .where(eq(conversations.id, conversationId));
    await db()
      .update(conversationCycles)
      .set({
        firstHumanReplyAt: at - 500,
        resolvedAt: at,
        resolvedBy: w.sales.id,
        dispositionId,
        justification: 'answered',
        resolvedTrayId: w.trays.sales,
      })
      .where(and(eq(conversationCycles.conversationId, conversationId), eq(conversationCycles.number, c.cycle)));
    return at;
  }

  it('within the window: the same conversation opens cycle 2; the first cycle’s closure is untouched', async () => {
    const first = await write('cycle-within', 'Mi póliza no llegó');
    const resolvedAt = await resolve(first.conversationId);
    const [closed] = await cyclesOf(first.conversationId);
    const logStart = await lastVersion();

    const again = await write('cycle-within', 'Perdón, una pregunta más', 3 * HOUR);
    const at = env.s.clock.now;
    expect(again).toMatchObject({ status: 'accepted', conversationId: first.conversationId, replayed: false });
    expect(await conv(first.conversationId)).toMatchObject({
      status: 'open',
      cycle: 2,
      cycleStartedAt: at,
      waitingSince: at,
      lastActivityAt: at,
      lastCustomerMessageAt: at,
      snippet: 'Perdón, una pregunta más',
      // Same conversation, same owner and tray: whoever closed it sees the customer came back.
      assigneeId: w.sales.id,
      trayId: w.trays.sales,
      linkedFromId: null,
    });
    const cycles = await cyclesOf(first.conversationId);
    expect(cycles).toHaveLength(2);
    expect(cycles[0]).toEqual(closed);
    expect(cycles[0]).toMatchObject({ resolvedAt, dispositionId, justification: 'answered' });
    expect(cycles[1]).toMatchObject({
      number: 2,
      startedAt: at,
      firstHumanReplyAt: null,
      resolvedAt: null,
      dispositionId: null,
      justification: null,
    });
    const [message] = await db().select().from(messages).where(eq(messages.id, again.messageId));
    expect(message).toMatchObject({ conversationId: first.conversationId, createdAt: at });
    expect(await auditsOf(first.conversationId, 'conversation.reopened')).toEqual([
      expect.objectContaining({
        actorKind: 'contact',
        before: { status: 'resolved', cycle: 1 },
        after: { status: 'open', cycle: 2, cycleId: cycles[1]!.id },
        at,
      }),
    ]);
    // Clients of the tray pull the reopened conversation, its new cycle, the message and their history
    // (never the old cycle).
    const pulled = await logSince(logStart);
    expect(pulled.map((r) => [r.entity, r.entity === 'audit_log' ? r.data!.action : r.entityId, r.trayId])).toEqual([
      ['conversations', first.conversationId, w.trays.sales],
      ['conversation_cycles', cycles[1]!.id, w.trays.sales],
      ['messages', again.messageId, w.trays.sales],
      ['audit_log', 'conversation.reopened', w.trays.sales],
      ['audit_log', 'message.received', w.trays.sales],
    ]);

    // The next message belongs to cycle 2: appended, no third cycle.
    const third = await write('cycle-within', '¿Siguen ahí?', 60_000);
    expect(third.conversationId).toBe(first.conversationId);
    expect(await conv(first.conversationId)).toMatchObject({ cycle: 2, waitingSince: at, status: 'open' });
    expect(await cyclesOf(first.conversationId)).toHaveLength(2);
  });

  it('a replayed delivery or a duplicate message id after the reopening starts no further cycle', async () => {
    const first = await write('cycle-replay');
    await resolve(first.conversationId);
    env.s.clock.now += HOUR;
    const body = inboundBody({ from: { externalId: 'cycle-replay' }, text: 'Vuelvo a escribir' });
    const delivery = { channelId: w.channelId, secret: w.secret, body, webhookId: 'msg_cycle_replay' };
    const reopened = await deliver(env.s, delivery);
    expect(reopened.conversationId).toBe(first.conversationId);
    env.s.clock.now += 1_000;
    expect(await deliver(env.s, delivery)).toEqual({ ...reopened, replayed: true });
    expect(await deliver(env.s, { ...delivery, webhookId: 'msg_cycle_replay_2' })).toMatchObject({
      status: 'duplicate',
      messageId: reopened.messageId,
      conversationId: first.conversationId,
    });
    expect(await cyclesOf(first.conversationId)).toHaveLength(2);
    expect(await db().select().from(messages).where(eq(messages.conversationId, first.conversationId))).toHaveLength(2);
  });

  it('messages arriving at once after a resolution open one new cycle, or one new conversation, not several', async () => {
    const send = (externalId: string, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          deliver(env.s, {
            channelId: w.channelId,
            secret: w.secret,
            body: inboundBody({ from: { externalId }, text: `Mensaje ${i}` }),
          }),
        ),
      );
    const within = await write('cycle-burst-within');
    await resolve(within.conversationId);
    env.s.clock.now += HOUR;
    const a = await send('cycle-burst-within', 4);
    expect(new Set(a.map((r) => r.conversationId))).toEqual(new Set([within.conversationId]));
    expect((await cyclesOf(within.conversationId)).map((c) => c.number)).toEqual([1, 2]);

    const beyond = await write('cycle-burst-beyond');
    await resolve(beyond.conversationId);
    env.s.clock.now += 30 * HOUR;
    const b = await send('cycle-burst-beyond', 4);
    const created = new Set(b.map((r) => r.conversationId));
    expect(created.size).toBe(1);
    expect(created.has(beyond.conversationId)).toBe(false);
    expect((await conv([...created][0]!)).linkedFromId).toBe(beyond.conversationId);
  });

  it('beyond the window: a new conversation in Global, unassigned, linked to the resolved one', async () => {
    const first = await write('cycle-beyond', 'Consulta de enero');
    await resolve(first.conversationId);
    const [oldCycle] = await cyclesOf(first.conversationId);
    const before = await conv(first.conversationId);

    const next = await write('cycle-beyond', 'Consulta nueva', 24 * HOUR + 1_000);
    const at = env.s.clock.now;
    expect(next.conversationId).not.toBe(first.conversationId);
    expect(await conv(next.conversationId)).toMatchObject({
      status: 'open',
      trayId: w.trays.global,
      assigneeId: null,
      contactId: before.contactId,
      channelId: w.channelId,
      linkedFromId: first.conversationId,
      cycle: 1,
      cycleStartedAt: at,
      waitingSince: at,
      lastCustomerMessageAt: at,
      createdAt: at,
    });
    expect(await cyclesOf(next.conversationId)).toEqual([expect.objectContaining({ number: 1, startedAt: at })]);
    // The resolved conversation is left exactly as it was.
    expect(await conv(first.conversationId)).toEqual(before);
    expect(await cyclesOf(first.conversationId)).toEqual([oldCycle]);
    expect(await auditsOf(next.conversationId, 'conversation.created')).toEqual([
      expect.objectContaining({
        actorKind: 'contact',
        after: { trayId: w.trays.global, channelId: w.channelId, linkedFromId: first.conversationId },
      }),
    ]);
    // The customer keeps writing: the new conversation takes it; the old one is never touched again.
    const more = await write('cycle-beyond', 'Otro dato', 60_000);
    expect(more.conversationId).toBe(next.conversationId);
    expect(await conv(first.conversationId)).toEqual(before);
  });

  it('a conversation still in progress takes the message even if a resolved one of the contact is newer', async () => {
    const live = await write('cycle-live');
    const c = await conv(live.conversationId);
    // A later conversation of the same contact on the channel, resolved an hour ago (e.g. split off by hand).
    const at = env.s.clock.now;
    const resolvedId = newId();
    await db()
      .insert(conversations)
      .values({ ...c, id: resolvedId, status: 'resolved', lastActivityAt: at + 1, createdAt: at + 1, version: 0 });
    await db()
      .insert(conversationCycles)
      .values({ id: newId(), conversationId: resolvedId, number: 1, startedAt: at + 1, resolvedAt: at + 2 });
    const next = await write('cycle-live', 'Sigo esperando', HOUR);
    expect(next.conversationId).toBe(live.conversationId);
    expect(await cyclesOf(resolvedId)).toHaveLength(1);
    expect((await conv(resolvedId)).status).toBe('resolved');
  });

  it('a resolution with no recorded time (older data) counts as long ago: a new conversation', async () => {
    const first = await write('cycle-legacy');
    await db().update(conversations).set({ status: 'resolved' }).where(eq(conversations.id, first.conversationId));
    const next = await write('cycle-legacy', 'Hola', 1_000);
    expect(next.conversationId).not.toBe(first.conversationId);
    expect((await conv(next.conversationId)).linkedFromId).toBe(first.conversationId);
  });

  it('pending with a follow-up and snoozed: reopened, the follow-up reminder and the snooze cancelled', async () => {
    const first = await write('cycle-pending');
    const followUpAt = env.s.clock.now + 48 * HOUR;
    await db()
      .update(conversations)
      .set({ status: 'pending', followUpAt, followUpBy: w.sales.id, waitingSince: null })
      .where(eq(conversations.id, first.conversationId));
    await write('cycle-pending', 'Ya tengo el documento', 2 * HOUR);
    const at = env.s.clock.now;
    expect(await conv(first.conversationId)).toMatchObject({
      status: 'open',
      followUpAt: null,
      followUpBy: null,
      cycle: 1,
      waitingSince: at,
      lastCustomerMessageAt: at,
    });
    expect((await auditsOf(first.conversationId, 'conversation.statusChanged')).at(-1)).toMatchObject({
      actorKind: 'contact',
      before: { status: 'pending', followUpAt },
      after: { status: 'open', followUpAt: null },
    });

    const snoozedUntil = env.s.clock.now + 72 * HOUR;
    await db()
      .update(conversations)
      .set({ status: 'snoozed', snoozedUntil, snoozedBy: w.sales.id, followUpAt, followUpBy: w.sales.id })
      .where(eq(conversations.id, first.conversationId));
    await write('cycle-pending', '¿Hay novedades?', 3 * HOUR);
    expect(await conv(first.conversationId)).toMatchObject({
      status: 'open',
      snoozedUntil: null,
      snoozedBy: null,
      followUpAt: null,
      followUpBy: null,
      cycle: 1,
      // Still waiting since the unanswered message before.
      waitingSince: at,
      lastCustomerMessageAt: env.s.clock.now,
    });
    expect((await auditsOf(first.conversationId, 'conversation.statusChanged')).at(-1)).toMatchObject({
      before: { status: 'snoozed', snoozedUntil, followUpAt },
      after: { status: 'open', snoozedUntil: null, followUpAt: null },
    });
    expect(await cyclesOf(first.conversationId)).toHaveLength(1);
  });

  it('a reopen window of 0 never reopens: even a second later the customer gets a new conversation', async () => {
    await setSettings({ reopenWindowHours: 0 });
    try {
      const first = await write('cycle-zero');
      await resolve(first.conversationId);
      const next = await write('cycle-zero', 'Una cosa más', 1_000);
      expect(next.conversationId).not.toBe(first.conversationId);
      expect(await conv(next.conversationId)).toMatchObject({ linkedFromId: first.conversationId, cycle: 1 });
      expect(await cyclesOf(first.conversationId)).toHaveLength(1);
    } finally {
      await setSettings({});
    }
  });

  it('another window is honoured: 2 hours', async () => {
    await setSettings({ reopenWindowHours: 2 });
    try {
      const a = await write('cycle-two-hours-a');
      await resolve(a.conversationId);
      expect((await write('cycle-two-hours-a', 'Dentro', 2 * HOUR)).conversationId).toBe(a.conversationId);
      const b = await write('cycle-two-hours-b');
      await resolve(b.conversationId);
      expect((await write('cycle-two-hours-b', 'Fuera', 2 * HOUR + 1_000)).conversationId).not.toBe(b.conversationId);
    } finally {
      await setSettings({});
    }
  });

  it.each([
    ['a word', { reopenWindowHours: 'mucho' }],
    ['a negative number', { reopenWindowHours: -3 }],
    ['more than the maximum', { reopenWindowHours: 1e9 }],
    ['a fraction', { reopenWindowHours: 1.5 }],
    ['an array', ['reopenWindowHours', 1]],
    ['a string', 'sin configurar'],
    ['null', null],
  ])('settings with %s take the default window of 24 h', async (label, settings) => {
    await setSettings(settings);
    try {
      const id = `cycle-garbage-${label.replace(/\W/g, '')}`;
      const a = await write(`${id}-a`);
      await resolve(a.conversationId);
      // 23 h later: within the default window.
      expect((await write(`${id}-a`, 'Dentro', 23 * HOUR)).conversationId).toBe(a.conversationId);
      expect((await conv(a.conversationId)).cycle).toBe(2);
      const b = await write(`${id}-b`);
      await resolve(b.conversationId);
      // 25 h later: beyond it.
      const late = await write(`${id}-b`, 'Fuera', 25 * HOUR);
      expect(late.conversationId).not.toBe(b.conversationId);
      expect((await conv(late.conversationId)).linkedFromId).toBe(b.conversationId);
    } finally {
      await setSettings({});
    }
  });
});

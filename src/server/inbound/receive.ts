// A verified customer message becomes rows, in one transaction under the workspace's change-log lock:
//   webhook-id seen before → its stored outcome (a replay does nothing twice)
//   (channel, channel message id) claimed before → 'duplicate' (a retry under another webhook-id)
//   otherwise: the contact (by its id on the channel, then phone, then email; created when new), the
//   contact's latest conversation on this channel and what the status machine says the message does to it
//   (src/shared/rules/status-machine.ts customerMessageEffect, with the workspace's reopen window):
//     open → appended · pending/snoozed → back to Abiertas (the snooze and any follow-up reminder cancelled)
//     resolved within the window → the same conversation, a new cycle (the closed cycle is never touched)
//     resolved longer ago, or no conversation → a new one in Global with its first cycle (linked to the
//     resolved one, whose history the thread shows)
//   then the message, the conversation's derived fields, audit rows, and change-log rows that clients pull.
// The claim is an INSERT … ON CONFLICT DO NOTHING on the unique key, so even deliveries that race past
// the lock (another server process) store one message. Lock order: the workspace's change-log lock, then
// the conversation's row.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import {
  customerMessageEffect,
  type CustomerMessageEffect,
  DEFAULT_TRAYS,
  type InboundMessage,
  type InboundResponse,
  INBOUND_MESSAGE_KEYS,
  newId,
  readSettings,
  reopenWindowMs,
} from '../../shared';
import type { ServerContext } from '../context';
import type { Db } from '../db/open';
import {
  auditLog,
  contactIdentities,
  contacts,
  conversationCycles,
  conversations,
  inboundMessages,
  inboundWebhooks,
  messages,
  trays,
  workspaces,
} from '../db/schema';
import { HttpError } from '../http-errors';
import { appendChanges, type Change, lockWorkspaceChanges } from '../sync/changes';
import { auditChange, conversationChange, cycleChange, messageChange } from '../sync/rows';
import type { InboundChannel } from './secrets';

/** New conversations land in Global (the guide's entry tray), where triage moves them on. */
const GLOBAL_TRAY_KEY = DEFAULT_TRAYS[0]!.key;
const SNIPPET_MAX = 200;

export interface Delivery {
  webhookId: string;
  bodySha256: string;
}

type Conversation = typeof conversations.$inferSelect;
type IdentityKind = (typeof contactIdentities.$inferSelect)['kind'];

export async function receiveInboundMessage(
  ctx: ServerContext,
  channel: InboundChannel,
  delivery: Delivery,
  msg: InboundMessage,
): Promise<InboundResponse> {
  const { response, wrote } = await ctx.db.transaction(async (tx) => {
    await lockWorkspaceChanges(tx, channel.workspaceId); // first: versions commit in order
    const [seen] = await tx
      .select()
      .from(inboundWebhooks)
      .where(and(eq(inboundWebhooks.channelId, channel.id), eq(inboundWebhooks.webhookId, delivery.webhookId)));
    if (seen) {
      if (seen.bodySha256 !== delivery.bodySha256)
        throw new HttpError(
          409,
          'conflict',
          'This webhook-id was already used for a different body',
          INBOUND_MESSAGE_KEYS.webhookIdReused,
        );
      const { status, messageId, conversationId } = seen;
      return { response: { status, messageId, conversationId, replayed: true }, wrote: false };
    }
    const result = await take(tx, channel, msg, ctx.now());
    await tx
      .insert(inboundWebhooks)
      .values({ channelId: channel.id, ...delivery, ...result, receivedAt: ctx.now() })
      .onConflictDoNothing();
    return { response: { ...result, replayed: false }, wrote: result.status === 'accepted' };
  });
  if (wrote) ctx.feed.publish(channel.workspaceId);
  return response;
}

type Taken = Pick<InboundResponse, 'status' | 'messageId' | 'conversationId'>;

async function take(tx: Db, channel: InboundChannel, msg: InboundMessage, at: number): Promise<Taken> {
  const workspaceId = channel.workspaceId;
  // Reads first; nothing is written before the claim below succeeds.
  const found = await findContact(tx, workspaceId, channel, msg.from);
  const latest = found ? await latestConversation(tx, found.contactId, channel.id) : undefined;
  const resolved = latest?.status === 'resolved';
  const effect: CustomerMessageEffect = latest
    ? customerMessageEffect({
        status: latest.status,
        resolvedAt: resolved ? await resolvedAtOf(tx, latest) : null,
        now: at,
        reopenWindowMs: resolved ? await reopenWindowOf(tx, workspaceId) : undefined,
      })
    : { kind: 'newConversation' };
  // The conversation the message joins; undefined = a new conversation.
  const joined = latest && effect.kind !== 'newConversation' ? latest : undefined;
  const messageId = newId();
  const conversationId = joined?.id ?? newId();
  const [claim] = await tx
    .insert(inboundMessages)
    .values({
      channelId: channel.id,
      channelMessageId: msg.channelMessageId,
      messageId,
      conversationId,
      sentAt: msg.sentAt,
      receivedAt: at,
    })
    .onConflictDoNothing()
    .returning();
  if (!claim) {
    const [first] = await tx
      .select()
      .from(inboundMessages)
      .where(
        and(eq(inboundMessages.channelId, channel.id), eq(inboundMessages.channelMessageId, msg.channelMessageId)),
      );
    return { status: 'duplicate', messageId: first!.messageId, conversationId: first!.conversationId };
  }

  const changes: Change[] = [];
  const contactId = found?.contactId ?? newId();
  // History rows reach every replica that sees the conversation (its timeline), like a mutation's.
  const audits: (typeof auditLog.$inferSelect)[] = [];
  const audit = async (
    action: string,
    entity: string,
    entityId: string,
    after: Record<string, unknown>,
    before = {},
  ) => {
    const [row] = await tx
      .insert(auditLog)
      .values({
        id: newId(),
        workspaceId,
        actorId: contactId,
        actorKind: 'contact',
        action,
        entity,
        entityId,
        conversationId,
        before,
        after,
        at,
      })
      .returning();
    audits.push(row!);
  };

  if (!found) {
    const [contact] = await tx
      .insert(contacts)
      .values({ id: contactId, workspaceId, name: contactName(msg.from), createdAt: at })
      .returning();
    changes.push({ entity: 'contacts', entityId: contactId, trayId: null, op: 'put', data: { ...contact! } });
  }
  if (!found || found.by !== 'external')
    changes.push(...(await addIdentities(tx, workspaceId, contactId, channel, msg)));

  const snippet = snippetOf(msg);
  /** What every message taken in sets on its conversation. */
  const received = { snippet, lastActivityAt: at, lastCustomerMessageAt: at, updatedAt: at };
  /** The customer writing again is the event Pendientes and Pospuestas wait for: nothing is waited on now. */
  const noLongerWaiting = {
    status: 'open' as const,
    snoozedUntil: null,
    snoozedBy: null,
    followUpAt: null,
    followUpBy: null,
  };
  let conv: Conversation;
  if (joined && effect.kind === 'newCycle') {
    // Resolved within the reopen window: the same conversation, a new cycle (METRICS.md: KPIs per cycle).
    // The resolved cycle keeps its closure record; the new one starts at this message.
    const cycle = joined.cycle + 1;
    [conv] = (await tx
      .update(conversations)
      .set({ ...received, ...noLongerWaiting, waitingSince: at, cycle, cycleStartedAt: at })
      .where(eq(conversations.id, joined.id))
      .returning()) as [Conversation];
    const [cycleRow] = await tx
      .insert(conversationCycles)
      .values({ id: newId(), conversationId, number: cycle, startedAt: at })
      .returning();
    changes.push(conversationChange(conv), cycleChange(cycleRow!, conv.trayId));
    await audit(
      'conversation.reopened',
      'conversation',
      conv.id,
      { status: 'open', cycle, cycleId: cycleRow!.id },
      { status: joined.status, cycle: joined.cycle },
    );
  } else if (joined) {
    // open → append; pending or snoozed → back to Abiertas, its snooze and follow-up reminder cancelled.
    [conv] = (await tx
      .update(conversations)
      .set({
        ...received,
        ...noLongerWaiting,
        // The oldest customer message not yet answered (METRICS.md): an earlier one keeps its place.
        waitingSince: joined.waitingSince ?? at,
      })
      .where(eq(conversations.id, joined.id))
      .returning()) as [Conversation];
    changes.push(conversationChange(conv));
    if (effect.kind === 'reopen') {
      const before: Record<string, unknown> = { status: joined.status };
      const after: Record<string, unknown> = { status: 'open' };
      if (joined.snoozedUntil !== null) [before.snoozedUntil, after.snoozedUntil] = [joined.snoozedUntil, null];
      if (joined.followUpAt !== null) [before.followUpAt, after.followUpAt] = [joined.followUpAt, null];
      await audit('conversation.statusChanged', 'conversation', conv.id, after, before);
    }
  } else {
    const trayId = await globalTrayId(tx, workspaceId);
    // The customer wrote after the reopen window: a new conversation that continues the resolved one.
    const linkedFromId = latest?.status === 'resolved' ? latest.id : null;
    [conv] = (await tx
      .insert(conversations)
      .values({
        id: conversationId,
        workspaceId,
        contactId,
        channelId: channel.id,
        channelKind: channel.kind,
        trayId,
        status: 'open',
        snippet,
        lastActivityAt: at,
        lastCustomerMessageAt: at,
        waitingSince: at,
        // The first cycle starts at the first customer message (METRICS.md).
        cycle: 1,
        cycleStartedAt: at,
        linkedFromId,
        createdAt: at,
        updatedAt: at,
      })
      .returning()) as [Conversation];
    const [cycle] = await tx
      .insert(conversationCycles)
      .values({ id: newId(), conversationId, number: 1, startedAt: at })
      .returning();
    changes.push(conversationChange(conv), cycleChange(cycle!, trayId));
    await audit('conversation.created', 'conversation', conversationId, {
      trayId,
      channelId: channel.id,
      ...(linkedFromId ? { linkedFromId } : {}),
    });
  }

  const [message] = await tx
    .insert(messages)
    .values({
      id: messageId,
      conversationId,
      direction: 'inbound',
      authorKind: 'contact',
      text: msg.text,
      attachments: JSON.stringify((msg.attachments ?? []).map((a) => ({ id: newId(), ...a }))),
      channelMessageId: msg.channelMessageId,
      createdAt: at,
    })
    .returning();
  changes.push(messageChange(message!, conv.trayId));
  await audit('message.received', 'message', messageId, { messageId, channelMessageId: msg.channelMessageId });
  changes.push(...audits.map((a) => auditChange(a, conv.trayId)));

  const versions = await appendChanges(tx, workspaceId, changes, at);
  const version = versions[changes.findIndex((c) => c.entity === 'conversations')]!;
  await tx.update(conversations).set({ version }).where(eq(conversations.id, conversationId));
  return { status: 'accepted', messageId, conversationId };
}

function contactName(from: InboundMessage['from']): string {
  return from.name ?? from.phone ?? from.email ?? from.externalId.slice(0, 120);
}

function snippetOf(msg: InboundMessage): string {
  if (msg.text.trim()) return msg.text.slice(0, SNIPPET_MAX);
  return `📎 ${msg.attachments![0]!.name}`.slice(0, SNIPPET_MAX);
}

/** Identity rows the contact should have for this sender; one owned by another contact is left alone. */
async function addIdentities(
  tx: Db,
  workspaceId: string,
  contactId: string,
  channel: InboundChannel,
  msg: InboundMessage,
): Promise<Change[]> {
  const wanted: { kind: IdentityKind; value: string; channelKind: string }[] = [
    { kind: 'external', value: msg.from.externalId, channelKind: channel.kind },
  ];
  if (msg.from.phone) wanted.push({ kind: 'phone', value: msg.from.phone, channelKind: '' });
  if (msg.from.email) wanted.push({ kind: 'email', value: msg.from.email.toLowerCase(), channelKind: '' });
  const rows = await tx
    .insert(contactIdentities)
    .values(wanted.map((w) => ({ id: newId(), workspaceId, contactId, ...w })))
    .onConflictDoNothing()
    .returning();
  // The client's identity rows have no workspace column: contacts are workspace-wide (trayId null).
  return rows.map(({ workspaceId: _ws, ...data }) => ({
    entity: 'contact_identities',
    entityId: data.id,
    trayId: null,
    op: 'put',
    data,
  }));
}

/** The sender's id on this channel kind first; then an exact phone or email another channel recorded. */
async function findContact(
  tx: Db,
  workspaceId: string,
  channel: InboundChannel,
  from: InboundMessage['from'],
): Promise<{ contactId: string; by: IdentityKind } | undefined> {
  const candidates: [IdentityKind, string | undefined, string][] = [
    ['external', from.externalId, channel.kind],
    ['phone', from.phone, ''],
    ['email', from.email?.toLowerCase(), ''],
  ];
  for (const [kind, value, channelKind] of candidates) {
    if (!value) continue;
    const [row] = await tx
      .select({ contactId: contactIdentities.contactId })
      .from(contactIdentities)
      .where(
        and(
          eq(contactIdentities.workspaceId, workspaceId),
          eq(contactIdentities.kind, kind),
          eq(contactIdentities.value, value),
          eq(contactIdentities.channelKind, channelKind),
        ),
      );
    if (row) return { contactId: row.contactId, by: kind };
  }
  return undefined;
}

/**
 * The contact's most recent conversation on this channel, locked for the update (after the workspace's
 * change-log lock, like every writer); its status decides what the message does. One still in progress
 * (open, pending, snoozed) comes first even if a resolved one moved later: while the contact has a live
 * conversation here, a message never starts a cycle or a conversation beside it.
 */
async function latestConversation(tx: Db, contactId: string, channelId: string): Promise<Conversation | undefined> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.contactId, contactId), eq(conversations.channelId, channelId)))
    .orderBy(sql`${conversations.status} = 'resolved'`, desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(1)
    .for('update');
  return row;
}

/** When the current cycle of a resolved conversation was closed (null: no record, e.g. a legacy row). */
async function resolvedAtOf(tx: Db, conv: Conversation): Promise<number | null> {
  const [cycle] = await tx
    .select({ resolvedAt: conversationCycles.resolvedAt })
    .from(conversationCycles)
    .where(and(eq(conversationCycles.conversationId, conv.id), eq(conversationCycles.number, conv.cycle)));
  return cycle?.resolvedAt ?? null;
}

/** The workspace's reopen window; a missing or malformed setting is the default (24 h). */
async function reopenWindowOf(tx: Db, workspaceId: string): Promise<number> {
  const [row] = await tx
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return reopenWindowMs(readSettings(row?.settings));
}

async function globalTrayId(tx: Db, workspaceId: string): Promise<string> {
  const [global] = await tx
    .select({ id: trays.id })
    .from(trays)
    .where(and(eq(trays.workspaceId, workspaceId), eq(trays.key, GLOBAL_TRAY_KEY)));
  if (global) return global.id;
  // A workspace without Global (renamed keys, imports): its first tray, so no message is ever dropped.
  const [first] = await tx
    .select({ id: trays.id })
    .from(trays)
    .where(eq(trays.workspaceId, workspaceId))
    .orderBy(asc(trays.position))
    .limit(1);
  if (!first) throw new Error(`Workspace ${workspaceId} has no tray to receive messages`);
  return first.id;
}

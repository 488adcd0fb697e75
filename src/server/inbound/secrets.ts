// Channels' inbound webhook secrets: looked up by the inbound route (before anything of the body is
// trusted), read and rotated by admins. A rotation keeps the previous secret valid for a grace period, so
// deliveries the adapter already signed (and retries of them) still verify; grace 0 revokes it at once.
import { and, eq } from 'drizzle-orm';
import { AppError, INBOUND_MESSAGE_KEYS, type InboundSecretResponse } from '../../shared';
import type { AgentRow } from '../auth/sessions';
import type { Db } from '../db/open';
import { channels, channelSecrets } from '../db/schema';
import { recordAudit } from '../services/audit';
import { newWebhookSecret } from './signature';

export interface InboundChannel {
  id: string;
  workspaceId: string;
  kind: (typeof channels.$inferSelect)['kind'];
  /** The secrets a signature may match now: the current one, and the previous during its grace. */
  secrets: string[];
}

/** The channel and its valid secrets, or null when the channel is unknown or has no secret yet. */
export async function loadInboundChannel(db: Db, channelId: string, now: number): Promise<InboundChannel | null> {
  const [row] = await db
    .select({ channel: channels, secret: channelSecrets })
    .from(channels)
    .innerJoin(channelSecrets, eq(channelSecrets.channelId, channels.id))
    .where(eq(channels.id, channelId));
  if (!row) return null;
  const { secret, previousSecret, previousExpiresAt } = row.secret;
  const previousValid = previousSecret !== null && previousExpiresAt !== null && previousExpiresAt > now;
  return {
    id: row.channel.id,
    workspaceId: row.channel.workspaceId,
    kind: row.channel.kind,
    secrets: previousValid ? [secret, previousSecret] : [secret],
  };
}

const channelNotFound = () =>
  new AppError('not_found', 'No such channel in this workspace', INBOUND_MESSAGE_KEYS.channelNotFound);

async function requireChannel(db: Db, workspaceId: string, channelId: string) {
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  if (!channel) throw channelNotFound();
  return channel;
}

function toResponse(channelId: string, row: typeof channelSecrets.$inferSelect | undefined, now: number) {
  const body: InboundSecretResponse = {
    channelId,
    secret: row?.secret ?? null,
    rotatedAt: row?.rotatedAt ?? null,
    previousValidUntil:
      row?.previousSecret && row.previousExpiresAt !== null && row.previousExpiresAt > now
        ? row.previousExpiresAt
        : null,
  };
  return body;
}

export async function getInboundSecret(
  db: Db,
  workspaceId: string,
  channelId: string,
  now: number,
): Promise<InboundSecretResponse> {
  await requireChannel(db, workspaceId, channelId);
  const [row] = await db.select().from(channelSecrets).where(eq(channelSecrets.channelId, channelId));
  return toResponse(channelId, row, now);
}

/** Creates the first secret or replaces the current one; the audit records the rotation, never the secret. */
export async function rotateInboundSecret(
  db: Db,
  actor: AgentRow,
  channelId: string,
  graceSeconds: number,
  now: number,
): Promise<InboundSecretResponse> {
  return db.transaction(async (tx) => {
    await requireChannel(tx, actor.workspaceId, channelId);
    const [current] = await tx
      .select()
      .from(channelSecrets)
      .where(eq(channelSecrets.channelId, channelId))
      .for('update');
    const next = {
      channelId,
      workspaceId: actor.workspaceId,
      secret: newWebhookSecret(),
      previousSecret: current && graceSeconds > 0 ? current.secret : null,
      previousExpiresAt: current && graceSeconds > 0 ? now + graceSeconds * 1000 : null,
      rotatedAt: now,
    };
    const [row] = current
      ? await tx.update(channelSecrets).set(next).where(eq(channelSecrets.channelId, channelId)).returning()
      : await tx.insert(channelSecrets).values(next).returning();
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.id,
      action: current ? 'channel.inboundSecretRotated' : 'channel.inboundSecretCreated',
      entity: 'channel',
      entityId: channelId,
      before: null,
      after: { previousValidUntil: next.previousExpiresAt },
      at: now,
    });
    return toResponse(channelId, row, now);
  });
}

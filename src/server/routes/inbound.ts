// POST /api/v1/inbound/messages — channel adapters deliver customer messages, signed per Standard Webhooks
// (wire shapes and outcomes in src/shared/inbound.ts). The route lives in its own plugin scope whose only
// body parser keeps application/json as raw bytes: the signature is verified over exactly what was sent,
// and the body is parsed only after that. Every other route keeps Fastify's JSON parser.
// Admins read and rotate a channel's secret: GET / POST /api/v1/channels/:id/inbound-secret.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  API_PREFIX,
  AppError,
  Id,
  IdParams,
  INBOUND_CHANNEL_HEADER,
  INBOUND_MESSAGE_KEYS,
  INBOUND_SECRET_GRACE_DEFAULT_SECONDS,
  InboundMessage,
  NoQuery,
  RotateInboundSecretBody,
} from '../../shared';
import { authenticate, requireRole } from '../auth/guard';
import type { ServerContext } from '../context';
import { HttpError } from '../http-errors';
import { receiveInboundMessage } from '../inbound/receive';
import { getInboundSecret, loadInboundChannel, rotateInboundSecret } from '../inbound/secrets';
import { type VerifyFailure, verifyWebhook } from '../inbound/signature';
import { parseInput } from '../validation';

const REJECTIONS: Record<VerifyFailure | 'channel', string> = {
  channel: `Unknown channel, or no inbound secret: send the channel id in ${INBOUND_CHANNEL_HEADER}`,
  missing_headers: 'Missing webhook-id, webhook-timestamp or webhook-signature',
  bad_headers: 'Malformed webhook-id or webhook-timestamp',
  stale: 'webhook-timestamp is too old (tolerance 5 minutes)',
  future: 'webhook-timestamp is in the future (tolerance 5 minutes)',
  mismatch: 'No valid signature for this body',
};

const rejected = (reason: keyof typeof REJECTIONS) =>
  new HttpError(401, 'forbidden', REJECTIONS[reason], INBOUND_MESSAGE_KEYS.webhookRejected);

/** A header sent once; repeated or absent ones count as absent. */
function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Strict UTF-8 (a replacement character would break byte-exact storage), then JSON. */
function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new AppError('invalid_input', 'The body is not UTF-8 JSON');
  }
}

export function registerInboundRoutes(app: FastifyInstance, ctx: ServerContext): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    scope.post(`${API_PREFIX}/inbound/messages`, async (req) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const channelId = header(req, INBOUND_CHANNEL_HEADER);
      if (!channelId || !Id.safeParse(channelId).success) throw rejected('channel');
      const now = ctx.now();
      const channel = await loadInboundChannel(ctx.db, channelId, now);
      if (!channel) throw rejected('channel');
      const verified = verifyWebhook(
        {
          id: header(req, 'webhook-id'),
          timestamp: header(req, 'webhook-timestamp'),
          signature: header(req, 'webhook-signature'),
        },
        raw,
        channel.secrets,
        now,
      );
      if (!verified.ok) throw rejected(verified.reason);
      // Only now is anything of the request trusted.
      parseInput(NoQuery, req.query, 'query');
      const msg = parseInput(InboundMessage, parseJson(raw), 'body');
      const bodySha256 = createHash('sha256').update(raw).digest('hex');
      return receiveInboundMessage(ctx, channel, { webhookId: verified.id, bodySha256 }, msg);
    });
  });

  const admin = async (req: FastifyRequest) => {
    const auth = await authenticate(ctx, req);
    requireRole(auth, ['admin']);
    return auth;
  };

  app.get(`${API_PREFIX}/channels/:id/inbound-secret`, async (req) => {
    const auth = await admin(req);
    const { id } = parseInput(IdParams, req.params, 'params');
    parseInput(NoQuery, req.query, 'query');
    return getInboundSecret(ctx.db, auth.workspace.id, id, ctx.now());
  });

  app.post(`${API_PREFIX}/channels/:id/inbound-secret`, async (req) => {
    const auth = await admin(req);
    const { id } = parseInput(IdParams, req.params, 'params');
    parseInput(NoQuery, req.query, 'query');
    const body = parseInput(RotateInboundSecretBody, req.body, 'body');
    const grace = body?.graceSeconds ?? INBOUND_SECRET_GRACE_DEFAULT_SECONDS;
    return rotateInboundSecret(ctx.db, auth.agent, id, grace, ctx.now());
  });
}

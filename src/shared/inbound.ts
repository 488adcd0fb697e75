// Customer messages entering Bandeja from a channel adapter: POST /api/v1/inbound/messages, signed per
// Standard Webhooks (https://www.standardwebhooks.com): headers webhook-id, webhook-timestamp (seconds)
// and webhook-signature (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, space-separated when several),
// with the channel named by INBOUND_CHANNEL_HEADER. The body is read only after the signature verifies.
//
// Outcomes (always 200 once verified and valid, so the sender stops retrying):
//   accepted  — a new customer message was stored.
//   duplicate — this channel message id was already stored (a retry under another webhook-id); no effect.
//   `replayed: true` — this webhook-id was already processed: its original outcome, nothing done again.
// Errors: 401 bad/missing signature headers, unknown channel, stale or future timestamp (±5 min) ·
//   400 body that is not the schema below · 409 a webhook-id reused with a different body · 413 too large.
import { z } from 'zod';
import { Email, PlainText } from './api';
import { Id, Timestamp } from './ids';

export const INBOUND_CHANNEL_HEADER = 'x-bandeja-channel';

/** Message keys of the inbound and channel-secret routes (translated under `errors.*` like API_MESSAGE_KEYS). */
export const INBOUND_MESSAGE_KEYS = {
  webhookRejected: 'errors.webhookRejected',
  webhookIdReused: 'errors.webhookIdReused',
  channelNotFound: 'errors.channelNotFound',
} as const;
/** Standard Webhooks' recommended tolerance between the signature time and the receiver's clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
/** Long enough for an email body in plain text; WhatsApp's own limit is 4,096. */
export const INBOUND_TEXT_MAX = 32_000;
export const INBOUND_ATTACHMENTS_MAX = 20;

/** Well-formed Unicode (no lone surrogates) without NUL or control characters other than tab and line breaks. */
const CLEAN_TEXT = /^(?:[^\p{Cc}\p{Cs}]|[\t\n\r])*$/u;
/** Ids and handles of the channel: printable, no surrounding spaces. */
const token = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\p{Cs}\s](?:[^\p{Cc}\p{Cs}]*[^\p{Cc}\p{Cs}\s])?$/u, 'Printable, no surrounding spaces');

export const InboundAttachment = z
  .object({
    name: PlainText(255),
    mime: z
      .string()
      .max(127)
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'type/subtype'),
    size: z.number().int().nonnegative().max(1_000_000_000),
    /** Where the adapter stored the file; fetched later with the channel's credentials. */
    url: z
      .string()
      .max(2048)
      .pipe(z.url({ protocol: /^https?$/ })),
  })
  .strict();
export type InboundAttachment = z.infer<typeof InboundAttachment>;

export const InboundMessage = z
  .object({
    /** The channel's own id of the message (wamid, Message-ID…): one stored message per channel and id. */
    channelMessageId: token(255),
    from: z
      .object({
        /** The sender's id on this channel (phone for WhatsApp, PSID, address…): finds the contact. */
        externalId: token(255),
        name: PlainText(120).optional(),
        phone: z
          .string()
          .max(32)
          .regex(/^\+?[0-9][0-9 ().-]{2,31}$/, 'Phone number')
          .optional(),
        email: Email.optional(),
      })
      .strict(),
    /** Plain text, stored exactly as sent (no trimming, no normalization). */
    text: z.string().max(INBOUND_TEXT_MAX).regex(CLEAN_TEXT, 'No control characters'),
    attachments: z.array(InboundAttachment).max(INBOUND_ATTACHMENTS_MAX).optional(),
    /** When the customer sent it, by the channel's clock (kept for reference; Bandeja orders by arrival). */
    sentAt: Timestamp,
  })
  .strict()
  .refine((m) => m.text.trim().length > 0 || (m.attachments?.length ?? 0) > 0, 'A message needs text or a file');
export type InboundMessage = z.infer<typeof InboundMessage>;

export const InboundResponse = z.object({
  status: z.enum(['accepted', 'duplicate']),
  messageId: Id,
  conversationId: Id,
  /** True when this webhook-id had been processed before: the original outcome, nothing done again. */
  replayed: z.boolean(),
});
export type InboundResponse = z.infer<typeof InboundResponse>;

// ── /api/v1/channels/:id/inbound-secret (admins) ─────────────────────────────────────────────────
/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const InboundSecret = z.string().regex(/^whsec_[A-Za-z0-9+/]{43}=$/);

export const InboundSecretResponse = z.object({
  channelId: Id,
  /** null until the first rotation creates one. */
  secret: InboundSecret.nullable(),
  rotatedAt: Timestamp.nullable(),
  /** The previous secret still verifies until then (after a rotation with a grace period). */
  previousValidUntil: Timestamp.nullable(),
});
export type InboundSecretResponse = z.infer<typeof InboundSecretResponse>;

export const INBOUND_SECRET_GRACE_DEFAULT_SECONDS = 24 * 3600;
/** Absent or `{}`: 24 h of grace for the previous secret; `graceSeconds: 0` revokes it at once (leaked). */
export const RotateInboundSecretBody = z.union([
  z.undefined(),
  z.null(),
  z
    .object({
      graceSeconds: z
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 3600)
        .optional(),
    })
    .strict(),
]);
export type RotateInboundSecretBody = z.infer<typeof RotateInboundSecretBody>;

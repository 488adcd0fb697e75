// Standard Webhooks verification over the raw body bytes, with node:crypto. The official `standardwebhooks`
// package (a dev dependency: tests and the simulator sign with it, so interoperability is checked) reads
// Date.now() instead of the server's clock, decodes the body to a string before hashing, accepts
// timestamps like "123abc" and hashes in JavaScript; this is the same algorithm without those limits.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_TOLERANCE_SECONDS } from '../../shared';

const SECRET_PREFIX = 'whsec_';
/** Senders' ids are short (Svix: "msg_" + 27 characters); a bound keeps the dedupe key small. */
const WEBHOOK_ID = /^[\x21-\x7e]{1,255}$/;
const TIMESTAMP = /^[0-9]{1,12}$/;
/** A few signatures (one per secret during a rotation) are plenty; more is noise or abuse. */
const MAX_SIGNATURES = 8;
/** Node's base64 decoder skips invalid characters; only canonical base64 is compared. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type VerifyFailure = 'missing_headers' | 'bad_headers' | 'stale' | 'future' | 'mismatch';

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type VerifyResult = { ok: true; id: string } | { ok: false; reason: VerifyFailure };

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

function hmac(key: Buffer, id: string, timestamp: string, body: Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** The header value for `body` (tests and tools; the simulator uses the official package). */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: Buffer | string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return `v1,${hmac(secretKey(secret), id, String(timestampSeconds), bytes).toString('base64')}`;
}

/**
 * Checks headers, the timestamp against `nowMs` (± tolerance) and the signature against any of `secrets`
 * (the current one and, during a rotation, the previous). Comparison is constant-time per candidate.
 */
export function verifyWebhook(h: WebhookHeaders, body: Buffer, secrets: string[], nowMs: number): VerifyResult {
  if (!h.id || !h.timestamp || !h.signature) return { ok: false, reason: 'missing_headers' };
  if (!WEBHOOK_ID.test(h.id) || !TIMESTAMP.test(h.timestamp)) return { ok: false, reason: 'bad_headers' };
  const age = Math.floor(nowMs / 1000) - Number(h.timestamp);
  if (age > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  if (age < -WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'future' };
  const passed = h.signature
    .split(' ')
    .slice(0, MAX_SIGNATURES)
    .flatMap((s) => {
      const [version, value] = s.split(',', 2);
      return version === 'v1' && value && BASE64.test(value) ? [Buffer.from(value, 'base64')] : [];
    });
  for (const secret of secrets) {
    const expected = hmac(secretKey(secret), h.id, h.timestamp, body);
    // timingSafeEqual needs equal lengths; a wrong length reveals nothing about the expected value.
    if (passed.some((p) => p.length === expected.length && timingSafeEqual(p, expected))) return { ok: true, id: h.id };
  }
  return { ok: false, reason: 'mismatch' };
}

// Shared set-up of the inbound suites: a sync world whose demo WhatsApp channel has an inbound secret, and
// deliveries signed with the official `standardwebhooks` package (so the server's own verifier is checked
// against the reference implementation, not against itself).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { expect } from 'vitest';
import type { Database } from '../../src/server';
import {
  INBOUND_CHANNEL_HEADER,
  type InboundMessage,
  InboundResponse,
  InboundSecretResponse,
  newId,
} from '../../src/shared';
import { bearer, type TestServer } from './helpers';
import { makeWorld, type SyncWorld } from './sync-helpers';

export interface InboundWorld extends SyncWorld {
  channelId: string;
  secret: string;
}

export async function rotateSecret(
  app: FastifyInstance,
  token: string,
  channelId: string,
  body: unknown = {},
): Promise<InboundSecretResponse> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/channels/${channelId}/inbound-secret`,
    headers: bearer(token),
    payload: body as object,
  });
  expect(res.statusCode, res.body).toBe(200);
  return InboundSecretResponse.parse(res.json());
}

export async function makeInboundWorld(app: FastifyInstance, database: Database, label = 'Entrada') {
  const w = await makeWorld(app, database, label);
  const channelId = w.demo.channelId;
  const { secret } = await rotateSecret(app, w.admin.token, channelId);
  return { ...w, channelId, secret: secret! } satisfies InboundWorld;
}

let seq = 0;
/** A valid inbound body; `from` defaults to a new sender each call. */
export function inboundBody(over: Partial<InboundMessage> = {}): InboundMessage {
  seq += 1;
  return {
    channelMessageId: `wamid.${newId()}`,
    from: { externalId: `57300${String(seq).padStart(7, '0')}${Math.floor(Math.random() * 1e6)}`, name: 'Cliente' },
    text: 'Hola, ¿me ayudan con mi póliza?',
    sentAt: Date.now(),
    ...over,
  };
}

export interface DeliveryOptions {
  channelId: string;
  secret: string;
  /** Raw body (a string is sent byte for byte); an object is JSON-encoded. */
  body: unknown;
  webhookId?: string;
  /** Seconds; default: the server's clock. */
  timestamp?: number;
  /** Replace or remove (undefined) headers after signing. */
  headers?: Record<string, string | undefined>;
}

export function signedHeaders(o: DeliveryOptions, s: TestServer): { headers: Record<string, string>; raw: string } {
  const raw = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const webhookId = o.webhookId ?? `msg_${newId()}`;
  const timestamp = o.timestamp ?? Math.floor(s.clock.now / 1000);
  const signature = new Webhook(o.secret).sign(webhookId, new Date(timestamp * 1000), raw);
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    [INBOUND_CHANNEL_HEADER]: o.channelId,
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
    ...o.headers,
  };
  const defined = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return { headers: defined, raw };
}

export function deliverRaw(s: TestServer, o: DeliveryOptions, rawOverride?: string): Promise<LightMyRequestResponse> {
  const { headers, raw } = signedHeaders(o, s);
  return s.app.inject({ method: 'POST', url: '/api/v1/inbound/messages', headers, payload: rawOverride ?? raw });
}

export async function deliver(s: TestServer, o: DeliveryOptions): Promise<InboundResponse> {
  const res = await deliverRaw(s, o);
  expect(res.statusCode, res.body).toBe(200);
  return InboundResponse.parse(res.json());
}

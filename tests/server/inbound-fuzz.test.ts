// Fuzz of POST /api/v1/inbound/messages: random bodies (bytes, text, JSON, near-valid messages) under valid
// signatures, and random or broken headers. Whatever arrives, the answer is a 200 in the documented shape
// or a 4xx in the shared error shape — never a 5xx, never a hang.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse, INBOUND_CHANNEL_HEADER, InboundResponse, newId } from '../../src/shared';
import { backends, serverPerFile } from './helpers';
import { type InboundWorld, makeInboundWorld } from './inbound-helpers';
import { signWebhook } from '../../src/server/inbound/signature';

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '¿Cuánto cuesta la póliza? 🚗🇨🇴', 'a\u0000b', '\ud800', 'x'.repeat(33_000)),
);
const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), anyText, fc.constant(undefined));
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: junk });

/** Mostly-valid messages with random fields wrong: reaches the schema edges and the database path. */
const nearMessage = fc.record(
  {
    channelMessageId: maybe(
      fc.oneof(
        fc.uuid(),
        printable(40).filter((s) => s.trim() === s && s.length > 0),
      ),
    ),
    from: maybe(
      fc.record(
        {
          externalId: maybe(fc.constantFrom('573001234567', 'psid-1', 'ext-fuzz', 'ñandú@correo')),
          name: maybe(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })),
          phone: maybe(fc.constantFrom('+57 300 123 4567', '3001234567', 'abc')),
          email: maybe(fc.constantFrom('cliente@example.com', 'no-es-correo')),
        },
        { requiredKeys: ['externalId'] },
      ),
    ),
    text: anyText,
    attachments: maybe(
      fc.array(
        fc.record({
          name: maybe(fc.constantFrom('foto.jpg', 'póliza.pdf')),
          mime: maybe(fc.constantFrom('image/jpeg', 'application/pdf', 'nope')),
          size: maybe(fc.integer({ min: -5, max: 2_000_000_000 })),
          url: maybe(fc.constantFrom('https://files.example/a', 'javascript:alert(1)', 'ftp://x/y')),
        }),
        { maxLength: 3 },
      ),
    ),
    sentAt: maybe(fc.oneof(fc.integer({ min: 0, max: 2_000_000_000_000 }), fc.double())),
    extra: fc.option(junk),
  },
  { requiredKeys: ['channelMessageId', 'from', 'text', 'sentAt'] },
);

/** Fully valid messages (random senders, text, files): the database path under random headers. */
const validMessage = fc.record({
  channelMessageId: fc.uuid(),
  from: fc.record(
    {
      externalId: fc.constantFrom('573001234567', 'psid-1', 'ext-fuzz', 'ñandú@correo'),
      name: fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => s.trim().length > 0 && !/\p{Cc}/u.test(s)),
    },
    { requiredKeys: ['externalId'] },
  ),
  text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).map((s) => `${s} ¿sí? 🚗`),
  sentAt: fc.integer({ min: 0, max: 2_000_000_000_000 }),
});

const body = fc.oneof(
  { weight: 4, arbitrary: validMessage.map((m) => Buffer.from(JSON.stringify(m), 'utf8')) },
  { weight: 4, arbitrary: nearMessage.map((m) => Buffer.from(JSON.stringify(m) ?? '', 'utf8')) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? '', 'utf8')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
  { weight: 1, arbitrary: fc.constant(Buffer.from('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[')) },
);

type HeaderChoice = 'valid' | 'absent' | 'random';
const choice = fc.oneof(
  { weight: 12, arbitrary: fc.constant<HeaderChoice>('valid') },
  { weight: 1, arbitrary: fc.constantFrom<HeaderChoice>('absent', 'random') },
);

const request = fc.record({
  body,
  id: choice,
  timestamp: fc.oneof({ weight: 4, arbitrary: choice }, { weight: 1, arbitrary: fc.integer({ min: -900, max: 900 }) }),
  signature: fc.oneof(
    { weight: 6, arbitrary: choice },
    { weight: 1, arbitrary: fc.constantFrom('mutated', 'extra', 'v1,', 'v1,!!!!') },
  ),
  channel: choice,
  contentType: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', undefined) },
  ),
  randomValue: printable(300),
  extraHeaders: fc.dictionary(fc.stringMatching(/^x-[a-z]{1,10}$/), printable(40), { maxKeys: 3 }),
});

describe.each(backends)('inbound fuzz on %s', (backend) => {
  const env = serverPerFile(backend);
  let w: InboundWorld;
  beforeAll(async () => {
    w = await makeInboundWorld(env.s.app, env.tdb.database, 'Fuzz');
  });

  it('never answers 5xx: a 200 in the documented shape or a clear 4xx (1,000 cases)', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const now = Math.floor(env.s.clock.now / 1000);
        const id = r.id === 'valid' ? `msg_${newId()}` : r.id === 'random' ? r.randomValue : undefined;
        const ts =
          typeof r.timestamp === 'number'
            ? String(now + r.timestamp)
            : r.timestamp === 'valid'
              ? String(now)
              : r.timestamp === 'random'
                ? r.randomValue
                : undefined;
        const valid = signWebhook(w.secret, id ?? '', Number(ts ?? 0), r.body);
        const signature =
          r.signature === 'valid'
            ? valid
            : r.signature === 'absent'
              ? undefined
              : r.signature === 'random'
                ? r.randomValue
                : r.signature === 'mutated'
                  ? valid.slice(0, -4) + (valid.endsWith('AAA=') ? 'BBB=' : 'AAA=')
                  : r.signature === 'extra'
                    ? `v1,bm9wZQ== ${valid} v2,xyz`
                    : r.signature;
        const channel = r.channel === 'valid' ? w.channelId : r.channel === 'random' ? r.randomValue : undefined;
        const headers: Record<string, string> = { ...r.extraHeaders };
        if (r.contentType) headers['content-type'] = r.contentType;
        if (id !== undefined) headers['webhook-id'] = id;
        if (ts !== undefined) headers['webhook-timestamp'] = ts;
        if (signature !== undefined) headers['webhook-signature'] = signature;
        if (channel !== undefined) headers[INBOUND_CHANNEL_HEADER] = channel;
        const res = await env.s.app.inject({
          method: 'POST',
          url: '/api/v1/inbound/messages',
          headers,
          payload: r.body,
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode === 200) {
          expect(InboundResponse.safeParse(res.json()).success, res.body).toBe(true);
        } else {
          expect([400, 401, 409, 413, 415], res.body).toContain(res.statusCode);
          const parsed = ErrorResponse.safeParse(res.json());
          expect(parsed.success, res.body).toBe(true);
          expect(parsed.data!.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
    // The generator reaches every layer: rejected signatures, rejected bodies and stored messages.
    expect(statuses.get(401)).toBeGreaterThan(50);
    expect(statuses.get(400)).toBeGreaterThan(50);
    expect(statuses.get(200)).toBeGreaterThan(20);
  });
});

// Push and pull × ≥ 1,000 random bodies each (junk, near-valid and valid envelopes with real and foreign
// ids, random mutation ids that hit duplicates, gaps and rejections): never a 5xx; errors always in the
// shared shape; successes always in the route's schema.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ErrorResponse, MUTATION_NAMES, PullResponse, PushResponse } from '../../src/shared';
import { bearer, makeServer, openTestDatabase, type TestDatabase, type TestServer } from './helpers';
import { makeWorld, type SyncWorld } from './sync-helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

let tdb: TestDatabase;
let s: TestServer;
let w: SyncWorld;
let clientIds: string[];
beforeAll(async () => {
  tdb = await openTestDatabase('pglite');
  s = await makeServer(tdb.database);
  w = await makeWorld(s.app, tdb.database, 'Fuzz');
  clientIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
});
afterAll(async () => {
  await s?.app.close();
  await tdb?.dispose();
});

const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', 'ñ'.repeat(10_001), '😀', ''));
const anyJson = fc.jsonValue({ maxDepth: 3 });
const junkOr = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, anyJson);
const realIds = () => [
  ...Object.values(w.demo.conversations).flatMap((cs) => cs.map((c) => c.id)),
  ...Object.values(w.trays),
  ...Object.values(w.categories),
  ...w.demo.tagIds,
  w.sales.id,
  w.support.id,
];
const id = () => fc.oneof(fc.constantFrom(...realIds()), fc.uuid(), text);
const bigInt = fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom(2 ** 53, -0, 1.5, Number.MAX_SAFE_INTEGER));

const args = () =>
  fc.record(
    {
      conversationId: id(),
      assigneeId: fc.oneof(id(), fc.constant(null)),
      trayId: id(),
      categoryId: fc.oneof(id(), fc.constant(null)),
      status: fc.oneof(fc.constantFrom('open', 'pending', 'resolved', 'snoozed'), text),
      tagId: id(),
      noteId: fc.uuid(),
      messageId: fc.uuid(),
      body: text,
      text,
    },
    { requiredKeys: [] },
  );

const envelope = (clientId: string) =>
  fc.record(
    {
      clientId: junkOr(fc.constant(clientId)),
      mutationId: junkOr(bigInt),
      name: junkOr(fc.oneof(fc.constantFrom(...MUTATION_NAMES), text)),
      version: junkOr(fc.constantFrom(1, 1, 2)),
      args: junkOr(args()),
      clientTime: junkOr(fc.nat()),
    },
    { requiredKeys: ['clientId', 'mutationId', 'name', 'version', 'args', 'clientTime'] },
  );

/** Well-formed envelopes with real ids: the happy path, duplicates, gaps and domain rejections. */
const validEnvelope = (clientId: string) =>
  fc.record({
    clientId: fc.constant(clientId),
    mutationId: fc.integer({ min: 1, max: 40 }),
    name: fc.constantFrom(...MUTATION_NAMES),
    version: fc.constant(1),
    args: args(),
    clientTime: fc.nat(),
  });

const pushBody = () =>
  fc.constantFrom(...clientIds).chain((clientId) =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({
          clientId: fc.constant(clientId),
          mutations: fc.array(validEnvelope(clientId), { maxLength: 6 }),
        }),
      },
      fc.record({ clientId: fc.constant(clientId), mutations: fc.array(envelope(clientId), { maxLength: 6 }) }),
      fc.record(
        { clientId: junkOr(fc.uuid()), mutations: junkOr(fc.array(anyJson, { maxLength: 3 })) },
        { requiredKeys: [] },
      ),
      anyJson,
    ),
  );

const pullBody = () =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record(
        {
          clientId: fc.constantFrom(...clientIds),
          cursor: fc.nat(10_000),
          limit: fc.integer({ min: 1, max: 1000 }),
          rejectionsAfter: fc.nat(50),
        },
        { requiredKeys: ['clientId', 'cursor'] },
      ),
    },
    fc.record(
      {
        clientId: junkOr(fc.constantFrom(...clientIds)),
        cursor: junkOr(bigInt),
        limit: junkOr(fc.oneof(fc.integer({ min: -1, max: 1001 }), fc.constant(1.5))),
        rejectionsAfter: junkOr(bigInt),
      },
      { requiredKeys: ['clientId', 'cursor'] },
    ),
    anyJson,
  );

const auth = () =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(w.sales.token, w.support.token, w.supervisor.token).map(bearer) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: text.map((t) => ({ authorization: `Bearer ${t}` })) },
  );

const raw = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 9, arbitrary: body.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('{', '[', '{"clientId":', 'null', '') },
  );

async function fuzz(url: string, body: () => fc.Arbitrary<unknown>, ok: z.ZodType): Promise<void> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(raw(body()), auth(), async (payload, headers) => {
      const res = await s.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': 'application/json', ...headers },
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, `${payload.slice(0, 300)} → ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(ErrorResponse.safeParse(res.json()).success, res.body).toBe(true);
      else expect(ok.safeParse(res.json()).success, res.body).toBe(true);
    }),
    { numRuns: RUNS },
  );
  expect((statuses.get(200) ?? 0) > RUNS / 20, JSON.stringify([...statuses])).toBe(true);
}

describe('sync fuzz on pglite', () => {
  it(`push: ${RUNS} random bodies, never a 5xx`, () => fuzz('/api/v1/sync/push', pushBody, PushResponse));
  it(`pull: ${RUNS} random bodies, never a 5xx`, () => fuzz('/api/v1/sync/pull', pullBody, PullResponse));
});

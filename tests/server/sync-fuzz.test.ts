// Push and pull × ≥ 1,000 random bodies each (junk, near-valid and valid envelopes of every mutation, with
// real and foreign ids, random mutation ids that hit duplicates, gaps and rejections), by agents,
// supervisors and admins (so settings mutations apply too): never a 5xx; errors always in the shared
// shape; successes always in the route's schema.
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import secureJson from 'secure-json-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ErrorResponse, MUTATION_NAMES, PullResponse, PushResponse } from '../../src/shared';
import { companies, contacts, dispositions, notes } from '../../src/server/db/schema';
import { FORBIDDEN_KEY_MESSAGE } from '../../src/server/json-body';
import { bearer, makeServer, openTestDatabase, type TestDatabase, type TestServer } from './helpers';
import { makeWorld, type SyncWorld, TestClient } from './sync-helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

let tdb: TestDatabase;
let s: TestServer;
let w: SyncWorld;
let clientIds: string[];
/** Real ids of the fuzz world by kind, so that well-formed arguments often name the right kind of row. */
let real: Record<
  | 'conversation'
  | 'message'
  | 'agent'
  | 'tray'
  | 'category'
  | 'tag'
  | 'disposition'
  | 'task'
  | 'ticket'
  | 'contact'
  | 'company',
  string[]
>;
beforeAll(async () => {
  tdb = await openTestDatabase('pglite');
  s = await makeServer(tdb.database);
  w = await makeWorld(s.app, tdb.database, 'Fuzz');
  clientIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const db = tdb.database.db;
  const conversationId = w.demo.conversations.sales![0]!.id;
  const admin = new TestClient(s.app, w.admin.token);
  const taskId = crypto.randomUUID();
  const ticketId = crypto.randomUUID();
  expect(
    (await admin.run('createTask', { taskId, conversationId, title: 'Tarea', dueAt: null, assigneeId: null })).status,
  ).toBe('applied');
  expect(
    (await admin.run('createTicket', { ticketId, conversationId, subject: 'Ticket', priority: 'normal' })).status,
  ).toBe('applied');
  const ids = async (table: typeof dispositions | typeof contacts | typeof companies) =>
    (await db.select({ id: table.id }).from(table).where(eq(table.workspaceId, w.workspaceId))).map((r) => r.id);
  const demo = Object.values(w.demo.conversations).flat();
  real = {
    conversation: demo.map((c) => c.id),
    message: demo.flatMap((c) => c.messageIds),
    agent: [w.admin.id, w.sales.id, w.sales2.id, w.support.id, w.supervisor.id],
    tray: Object.values(w.trays),
    category: Object.values(w.categories),
    tag: w.demo.tagIds,
    disposition: await ids(dispositions),
    task: [taskId],
    ticket: [ticketId],
    contact: await ids(contacts),
    company: await ids(companies),
  };
});
afterAll(async () => {
  await s?.app.close();
  await tdb?.dispose();
});

/** Junk text; `long` is past every text limit of the mutations. */
const junkText = (long: number) =>
  fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', 'ñ'.repeat(long), '😀', ''));
const text = junkText(10_001);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const junkOr = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, anyJson);
const bigInt = fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom(2 ** 53, -0, 1.5, Number.MAX_SAFE_INTEGER));
const time = fc.oneof(fc.integer({ min: Date.now() - 86_400_000, max: Date.now() + 7 * 86_400_000 }), bigInt);

/** Every mutation's argument names (src/shared/mutations.ts), each with plausible, real and junk values. */
const args = (requiredKeys: 'some' | 'all' = 'some') => {
  // Every key present (in-order batches): long junk only just past the limits, so a batch fits in a body.
  const text = junkText(requiredKeys === 'all' ? 201 : 10_001);
  const words = fc.oneof(
    text,
    fc.constantFrom('ok', 'El cliente pide una cotización nueva', 'Revisé el pedido con bodega', 'Llamar mañana'),
  );
  /** Mostly a real id of this kind; else a real id of another kind, a random uuid or junk text. */
  const id = (kind: keyof typeof real) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...real[kind]) },
      { weight: 1, arbitrary: fc.constantFrom(...Object.values(real).flat()) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: text },
    );
  /** A row to create: a new id, or one that exists already (refused: ids are never reused). */
  const newOr = (kind: keyof typeof real) => fc.oneof({ weight: 3, arbitrary: fc.uuid() }, id(kind));
  return fc.record(
    {
      conversationId: id('conversation'),
      assigneeId: fc.oneof(id('agent'), fc.constant(null)),
      expectedAssigneeId: fc.oneof(id('agent'), fc.constant(null)),
      trayId: id('tray'),
      categoryId: fc.oneof(id('category'), fc.constant(null)),
      status: fc.oneof(fc.constantFrom('open', 'pending', 'resolved', 'snoozed', 'inProgress', 'closed'), text),
      dispositionId: id('disposition'),
      until: time,
      at: fc.oneof(time, fc.constant(null)),
      tagId: id('tag'),
      noteId: fc.uuid(),
      messageId: fc.oneof(id('message'), fc.uuid(), fc.constant(null)),
      body: text,
      text: words,
      mentions: fc.array(id('agent'), { maxLength: 2 }),
      fields: fc.record(
        { context: words, actions: words, nextSteps: words, missingData: words, externalChannel: words },
        { requiredKeys: [] },
      ),
      channel: fc.oneof(fc.constantFrom('whatsappDirect', 'phone', 'externalEmail', 'other'), text),
      occurredAt: time,
      summary: words,
      targetId: id('conversation'),
      sourceId: id('conversation'),
      taskId: newOr('task'),
      title: words,
      dueAt: fc.oneof(time, fc.constant(null)),
      done: fc.boolean(),
      ticketId: newOr('ticket'),
      subject: words,
      priority: fc.oneof(fc.constantFrom('low', 'normal', 'high', 'urgent'), text),
      companyId: fc.oneof(newOr('company'), fc.constant(null)),
      contactId: id('contact'),
      identityId: fc.uuid(),
      domain: fc.oneof(text, fc.constant(null)),
      name: words,
      kind: fc.oneof(fc.constantFrom('phone', 'email'), text),
      value: words,
      team: words,
      active: fc.boolean(),
      color: fc.oneof(fc.constantFrom('#b45309', '#000000'), text),
      needsFollowUp: fc.boolean(),
      entity: fc.oneof(fc.constantFrom('trays', 'categories', 'dispositions'), text),
      ids: fc.array(fc.oneof(id('tray'), id('category'), id('disposition')), { maxLength: 5 }),
      patch: fc.oneof(
        fc.record(
          {
            reopenWindowHours: fc.oneof(fc.integer({ min: -1, max: 800 }), fc.constant(1.5)),
            noteRules: fc.dictionary(fc.constantFrom('escalate', 'moveToOtherTeam', 'nope'), fc.boolean()),
          },
          { requiredKeys: [] },
        ),
        anyJson,
      ),
    },
    requiredKeys === 'all' ? {} : { requiredKeys: [] },
  );
};

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
    {
      weight: 8,
      arbitrary: fc.constantFrom(w.sales.token, w.support.token, w.supervisor.token, w.admin.token).map(bearer),
    },
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

  it('a NUL in a mutation is refused like any invalid change, never a 5xx', async () => {
    // PostgreSQL text and jsonb cannot hold NUL: the change must be refused (and recorded), not crash the
    // push — a 5xx makes the client retry the same change forever, and its queue never moves again.
    const c = new TestClient(s.app, w.sales.token);
    const conversationId = w.demo.conversations.sales![0]!.id;
    const contactId = real.contact[0]!;
    const noteId = crypto.randomUUID();
    const bad = [
      c.envelope('addNote', { conversationId, noteId, body: 'hola\u0000mundo' }),
      c.envelope('addDescriptiveNote', {
        conversationId,
        noteId: crypto.randomUUID(),
        fields: { context: 'El cliente\u0000 pide ayuda', actions: 'Revisé la póliza del cliente' },
      }),
      c.envelope('updateContact', { contactId, name: 'Ana\u0000' }),
    ];
    const res = await c.pushRaw([
      ...bad,
      c.envelope('addNote', { conversationId, noteId: crypto.randomUUID(), body: 'sigue' }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = PushResponse.parse(res.json());
    expect(body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'applied']);
    for (const r of body.results.slice(0, 3)) expect(r.error?.messageKey, JSON.stringify(r)).toMatch(/^errors\./);
    expect(body.lastMutationId).toBe(c.next - 1);
    expect(await tdb.database.db.select().from(notes).where(eq(notes.id, noteId))).toEqual([]);
  });

  it(`push: ${RUNS / 2} in-order batches of random mutations by every role apply or are refused, never a 5xx`, async () => {
    // Each role pushes from its own client, numbering its mutations like the outbox does, so every one of
    // them reaches the mutators (the bodies above mostly hit gaps and duplicates instead).
    const roles = { sales: w.sales, support: w.support, supervisor: w.supervisor, admin: w.admin };
    const clients = Object.fromEntries(Object.entries(roles).map(([k, a]) => [k, new TestClient(s.app, a.token)]));
    const applied = new Map<string, number>();
    let poisoned = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(roles)),
        fc.array(fc.record({ name: fc.constantFrom(...MUTATION_NAMES), args: args('all') }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (role, batch) => {
          const c = clients[role]!;
          // Numbered from the server's own count (a failed run, being shrunk, must not leave a gap).
          c.next = (await c.push([])).lastMutationId + 1;
          const envelopes = batch.map((m) => c.envelope(m.name, m.args));
          const res = await c.pushRaw(envelopes);
          // The arbitraries also write keys such as "__proto__": the whole body is refused, clearly, and
          // nothing of it is applied (the next run numbers from the server's count again, without a gap).
          if (secureJson.safeParse(JSON.stringify(envelopes)) === null) {
            expect(res.statusCode, res.body).toBe(400);
            expect(ErrorResponse.parse(res.json()).error.message).toBe(FORBIDDEN_KEY_MESSAGE);
            poisoned += 1;
            return;
          }
          expect(res.statusCode, res.body).toBe(200);
          const body = PushResponse.parse(res.json());
          expect(body.gap).toBeUndefined();
          expect(body.results.map((r) => r.mutationId)).toEqual(batch.map((_, i) => c.next - batch.length + i));
          for (const [i, r] of body.results.entries()) {
            expect(r.status).not.toBe('duplicate');
            if (r.status === 'applied') applied.set(batch[i]!.name, (applied.get(batch[i]!.name) ?? 0) + 1);
            // A refusal names its reason for the UI and says it in Spanish.
            else expect(r.error?.messageKey, JSON.stringify(r)).toMatch(/^errors\./);
          }
        },
      ),
      { numRuns: RUNS / 2 },
    );
    // The random arguments do reach the rules: most kinds of mutation were applied at least once.
    expect(applied.size, JSON.stringify([...applied])).toBeGreaterThanOrEqual(MUTATION_NAMES.length / 2);
    expect(poisoned).toBeLessThan(RUNS / 4);
  });
});

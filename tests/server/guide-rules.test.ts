// The guide's rules on the server, table-driven: a client that skips its own checks (an old app, a bug, a
// hand-written request) pushes mutations the replica would have refused, and the server — running the same
// shared mutators — refuses each one, advances the queue, records the Spanish reason with its messageKey and
// params, and changes nothing. The allowed counterpart of each case is applied. PGlite always, PostgreSQL
// with TEST_DATABASE_URL.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversationCycles, conversations, dispositions, notes } from '../../src/server/db/schema';
import { type MutationName, newId } from '../../src/shared';
import { backends, serverPerFile } from './helpers';
import { makeWorld, type SyncWorld, TestClient } from './sync-helpers';

const NOTE = {
  context: 'El cliente consulta por la renovación de su póliza',
  actions: 'Revisé el contrato y le expliqué las coberturas vigentes',
  nextSteps: 'Soporte debe confirmar la fecha de inspección del vehículo',
};

type Who = 'sales' | 'admin' | 'supervisor';
interface Case {
  name: string;
  as: Who;
  /** Mutations applied first (by the same agent), to set the scene. */
  before?: (conv: string, w: Ctx) => [MutationName, unknown][];
  mutation: (conv: string, w: Ctx) => [MutationName, unknown];
  /** Refused with this messageKey (and params), or applied. */
  expect: { key: string; params?: Record<string, string>; message?: string } | 'applied';
  /** After an applied case: what the server holds. */
  check?: (conv: string, w: Ctx) => Promise<void>;
}
interface Ctx {
  w: SyncWorld;
  dispositions: { plain: string; followUp: string };
  db: () => ReturnType<typeof serverPerFile>['tdb']['database']['db'];
  /** The newest customer message of a conversation, and the agent reply a case sent. */
  lastMessage(conv: string): string;
  lastReply(conv: string): string;
}

const reply = (conv: string): [MutationName, unknown] => [
  'sendReply',
  { conversationId: conv, messageId: newId(), text: 'Le envié la cotización por este medio' },
];

const CASES: Case[] = [
  {
    name: 'resolving a conversation whose customer waits',
    as: 'sales',
    mutation: (conv, c) => ['resolve', { conversationId: conv, dispositionId: c.dispositions.plain }],
    expect: {
      key: 'errors.closingRefused',
      params: { missing: 'noJustification' },
      message:
        'No se puede resolver: el cliente no tiene respuesta (falta una respuesta, una derivación documentada, una tarea o ticket, o su confirmación)',
    },
  },
  {
    name: 'resolving with a calificación of another workspace (or none at all)',
    as: 'sales',
    before: (conv) => [reply(conv)],
    mutation: (conv) => ['resolve', { conversationId: conv, dispositionId: newId() }],
    expect: { key: 'errors.closingRefused', params: { missing: 'dispositionRequired' } },
  },
  {
    name: 'resolving with a follow-up calificación and no dated task',
    as: 'sales',
    before: (conv) => [reply(conv)],
    mutation: (conv, c) => ['resolve', { conversationId: conv, dispositionId: c.dispositions.followUp }],
    expect: { key: 'errors.closingRefused', params: { missing: 'followUpTaskRequired' } },
  },
  {
    name: 'resolving an answered conversation: the server finds justification a)',
    as: 'sales',
    before: (conv) => [reply(conv)],
    mutation: (conv, c) => ['resolve', { conversationId: conv, dispositionId: c.dispositions.plain }],
    expect: 'applied',
    check: async (conv, c) => {
      const [cycle] = await c.db().select().from(conversationCycles).where(eq(conversationCycles.conversationId, conv));
      expect(cycle).toMatchObject({
        justification: 'answered',
        dispositionId: c.dispositions.plain,
        resolvedBy: c.w.sales.id,
        resolvedTrayId: c.w.trays.sales,
      });
    },
  },
  {
    name: 'resolving by d) without the descriptive note',
    as: 'sales',
    mutation: (conv, c) => ['resolve', { conversationId: conv, dispositionId: c.dispositions.plain }],
    before: (conv, c) => [['markCustomerConfirmed', { conversationId: conv, messageId: c.lastMessage(conv) }]],
    expect: {
      key: 'errors.descriptiveNoteRequired',
      params: { reasons: 'resolveConfirmed', fields: 'context,actions' },
    },
  },
  {
    name: 'resolving by d) with the note',
    as: 'sales',
    before: (conv, c) => [
      ['markCustomerConfirmed', { conversationId: conv, messageId: c.lastMessage(conv) }],
      ['addDescriptiveNote', { conversationId: conv, noteId: newId(), fields: NOTE }],
    ],
    mutation: (conv, c) => ['resolve', { conversationId: conv, dispositionId: c.dispositions.plain }],
    expect: 'applied',
  },
  {
    name: 'a hand-off to another team without the descriptive note',
    as: 'sales',
    mutation: (conv, c) => ['move', { conversationId: conv, trayId: c.w.trays.support, categoryId: null }],
    expect: {
      key: 'errors.descriptiveNoteRequired',
      params: { reasons: 'moveToOtherTeam', fields: 'context,actions,nextSteps' },
      message:
        'Falta la nota descriptiva (mover a la bandeja de otro equipo): completa Contexto, Acciones realizadas, Próximos pasos',
    },
  },
  {
    name: 'a note that says "ok" is not a descriptive note',
    as: 'sales',
    mutation: (conv) => [
      'addDescriptiveNote',
      { conversationId: conv, noteId: newId(), fields: { context: 'ok', actions: 'listo' } },
    ],
    expect: { key: 'errors.descriptiveFieldsEmpty', params: { fields: 'context,actions' } },
  },
  {
    name: 'a hand-off with the note',
    as: 'sales',
    before: (conv) => [['addDescriptiveNote', { conversationId: conv, noteId: newId(), fields: NOTE }]],
    mutation: (conv, c) => ['move', { conversationId: conv, trayId: c.w.trays.support, categoryId: null }],
    expect: 'applied',
  },
  {
    name: 'an agent escalating to a supervisor without the note',
    as: 'sales',
    mutation: (conv, c) => ['assign', { conversationId: conv, assigneeId: c.w.supervisor.id }],
    expect: { key: 'errors.descriptiveNoteRequired', params: { reasons: 'escalate' } },
  },
  {
    name: 'a contact outside the CRM dated in the future',
    as: 'sales',
    mutation: (conv) => [
      'logExternalContact',
      {
        conversationId: conv,
        noteId: newId(),
        channel: 'phone',
        occurredAt: Date.now() + 48 * 3_600_000,
        summary: 'Llamada con el cliente para cerrar la venta',
      },
    ],
    expect: { key: 'errors.externalInFuture' },
  },
  {
    name: 'marking an agent message as the customer confirmation',
    as: 'sales',
    before: (conv) => [reply(conv)],
    mutation: (conv, c) => ['markCustomerConfirmed', { conversationId: conv, messageId: c.lastReply(conv) }],
    expect: { key: 'errors.notCustomerMessage' },
  },
  {
    name: 'an agent creating a tag (the guide: only admins create them)',
    as: 'sales',
    mutation: () => ['saveTag', { tagId: newId(), name: 'Prensa', color: '#123456' }],
    expect: { key: 'errors.adminOnly', message: 'Solo un administrador puede cambiar la configuración' },
  },
  {
    name: 'a supervisor switching a note rule off',
    as: 'supervisor',
    mutation: () => ['saveSettings', { patch: { noteRules: { moveToOtherTeam: false } } }],
    expect: { key: 'errors.adminOnly' },
  },
  {
    name: 'an old client resolving through setStatus',
    as: 'sales',
    mutation: (conv) => ['setStatus', { conversationId: conv, status: 'resolved' }],
    expect: { key: 'errors.invalidMutation', message: 'Los datos del cambio no son válidos' },
  },
];

describe.each(backends)('the guide on the server (%s)', (backend) => {
  const env = serverPerFile(backend);
  let c: Ctx;
  let pool: string[];
  const replies = new Map<string, string>();

  beforeAll(async () => {
    const w = await makeWorld(env.s.app, env.tdb.database, 'Guia', { perTray: CASES.length + 2 });
    const db = () => env.tdb.database.db;
    const rows = await db().select().from(dispositions).where(eq(dispositions.workspaceId, w.workspaceId));
    const sales = w.demo.conversations.sales!;
    pool = sales.map((x) => x.id);
    const lastMessages = new Map(sales.map((x) => [x.id, x.messageIds.at(-1)!]));
    c = {
      w,
      db,
      dispositions: {
        plain: rows.find((d) => d.name === 'Consulta resuelta')!.id,
        followUp: rows.find((d) => d.needsFollowUp)!.id,
      },
      lastMessage: (conv) => lastMessages.get(conv)!,
      lastReply: (conv) => replies.get(conv)!,
    };
  });

  it.each(CASES.map((x) => [x.name, x] as const))('%s', async (_name, k) => {
    const conv = pool.pop()!;
    const who = k.as === 'admin' ? c.w.admin : c.w[k.as];
    const client = new TestClient(env.s.app, who.token);
    for (const [name, args] of k.before?.(conv, c) ?? []) {
      if (name === 'sendReply') replies.set(conv, (args as { messageId: string }).messageId);
      expect((await client.run(name, args)).status, `${name} (set-up)`).toBe('applied');
    }
    const snapshot = async () => ({
      conv: (await c.db().select().from(conversations).where(eq(conversations.id, conv)))[0],
      notes: await c.db().select().from(notes).where(eq(notes.conversationId, conv)),
      cycles: await c
        .db()
        .select()
        .from(conversationCycles)
        .where(and(eq(conversationCycles.conversationId, conv))),
    });
    const before = await snapshot();
    const [name, args] = k.mutation(conv, c);
    const result = await client.run(name, args);
    if (k.expect === 'applied') {
      expect(result.status, JSON.stringify(result.error)).toBe('applied');
      await k.check?.(conv, c);
      return;
    }
    expect(result.status).toBe('rejected');
    expect(result.error!.messageKey).toBe(k.expect.key);
    if (k.expect.params) expect(result.error!.params).toMatchObject(k.expect.params);
    if (k.expect.message) expect(result.error!.message).toBe(k.expect.message);
    expect(result.error!.message).toMatch(/[a-záéíóúñ]/);
    // Refused: nothing changed, and the replica learns why on its next pull.
    expect(await snapshot()).toEqual(before);
    const pulled = await client.pull(0);
    expect(pulled.rejections.at(-1)).toMatchObject({ messageKey: k.expect.key, message: result.error!.message });
  });
});

// Push: every mutation kind applied with its row, change-log and lastMutationId effects; duplicates
// applied once; gaps stop the batch; rejections advance the queue with a Spanish reason; client ids are
// bound to their agent; nothing crosses workspaces.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  changeLog,
  clients,
  conversationCycles,
  conversations,
  conversationTags,
  dispositions,
  messages,
  mutationRejections,
  notes,
} from '../../src/server/db/schema';
import { newId } from '../../src/shared';
import { backends, bearer, expectError, serverPerFile } from './helpers';
import { makeWorld, type SyncWorld, TestClient } from './sync-helpers';

describe.each(backends)('sync push on %s', (backend) => {
  const env = serverPerFile(backend);
  let w: SyncWorld;
  beforeAll(async () => {
    w = await makeWorld(env.s.app, env.tdb.database);
  });

  const db = () => env.tdb.database.db;
  const conv = async (id: string) => (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;
  const logOf = (entityId: string) =>
    db().select().from(changeLog).where(eq(changeLog.entityId, entityId)).orderBy(changeLog.version);
  const lastMutationIdOf = async (clientId: string) =>
    (await db().select().from(clients).where(eq(clients.clientId, clientId)))[0]!.lastMutationId;

  it('applies every mutation kind, mirroring the client mutators, with change log and server times', async () => {
    const c = new TestClient(env.s.app, w.sales.token);
    const id = w.demo.conversations.sales![0]!.id;
    const before = await conv(id);
    env.s.clock.now = before.createdAt + 3_600_000;

    expect((await c.run('assign', { conversationId: id, assigneeId: w.sales2.id })).status).toBe('applied');
    let row = await conv(id);
    expect(row.assigneeId).toBe(w.sales2.id);
    expect(row.updatedAt).toBe(env.s.clock.now); // the server's clock, not clientTime (0)
    const assignLog = (await logOf(id)).at(-1);
    expect(assignLog).toMatchObject({ entity: 'conversations', op: 'put', trayId: w.trays.sales });
    expect(assignLog!.data).toMatchObject({ id, assigneeId: w.sales2.id, trayId: w.trays.sales });
    expect(row.version).toBe(assignLog!.version);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.conversationId, id), eq(auditLog.action, 'conversation.assigned')));
    expect(audit).toMatchObject({
      actorId: w.sales.id,
      before: { assigneeId: null },
      after: { assigneeId: w.sales2.id },
    });

    await c.run('move', { conversationId: id, trayId: w.trays.sales, categoryId: w.categories.quotes });
    expect((await conv(id)).categoryId).toBe(w.categories.quotes);

    const tagId = w.demo.tagIds[0]!;
    await c.run('addTag', { conversationId: id, tagId });
    expect(await db().select().from(conversationTags).where(eq(conversationTags.conversationId, id))).toHaveLength(1);
    await c.run('removeTag', { conversationId: id, tagId });
    expect(await db().select().from(conversationTags).where(eq(conversationTags.conversationId, id))).toHaveLength(0);
    const tagLog = (await logOf(`${id}/${tagId}`)).map((r) => r.op);
    expect(tagLog).toEqual(['put', 'del']);

    const noteId = newId();
    await c.run('addNote', { conversationId: id, noteId, body: 'Llamar mañana 📞' });
    expect((await db().select().from(notes).where(eq(notes.id, noteId)))[0]).toMatchObject({
      authorAgentId: w.sales.id,
      body: 'Llamar mañana 📞',
    });

    env.s.clock.now += 1000;
    const messageId = newId();
    await c.run('sendReply', { conversationId: id, messageId, text: 'Con gusto le ayudamos' });
    row = await conv(id);
    expect(row).toMatchObject({
      waitingSince: null,
      firstResponseAt: env.s.clock.now,
      lastActivityAt: env.s.clock.now,
      snippet: 'Con gusto le ayudamos',
    });
    expect((await db().select().from(messages).where(eq(messages.id, messageId)))[0]).toMatchObject({
      direction: 'outbound',
      authorKind: 'agent',
      deliveryStatus: 'pending',
    });
    const cycle = async () =>
      (await db().select().from(conversationCycles).where(eq(conversationCycles.conversationId, id)))[0]!;
    expect((await cycle()).firstHumanReplyAt).toBe(env.s.clock.now);
    const firstReply = env.s.clock.now;
    env.s.clock.now += 1000;
    await c.run('sendReply', { conversationId: id, messageId: newId(), text: 'Segundo mensaje' });
    expect((await conv(id)).firstResponseAt).toBe(firstReply); // first response is kept
    expect((await cycle()).firstHumanReplyAt).toBe(firstReply);

    const [disposition] = await db()
      .select()
      .from(dispositions)
      .where(and(eq(dispositions.workspaceId, before.workspaceId), eq(dispositions.needsFollowUp, false)));
    expect((await c.run('resolve', { conversationId: id, dispositionId: disposition!.id })).status).toBe('applied');
    expect((await conv(id)).status).toBe('resolved');
    // The closure record: who, when, the calificación, the justification the server found, the tray then.
    expect(await cycle()).toMatchObject({
      resolvedAt: env.s.clock.now,
      resolvedBy: w.sales.id,
      dispositionId: disposition!.id,
      justification: 'answered',
      resolvedTrayId: w.trays.sales,
    });

    expect(await lastMutationIdOf(c.clientId)).toBe(8);
    const versions = (await logOf(id)).map((r) => r.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect((await conv(id)).version).toBe(Math.max(...versions));
  });

  it('an unchanged mutation is a no-op: applied, queue advanced, no change log', async () => {
    const c = new TestClient(env.s.app, w.sales.token);
    const id = w.demo.conversations.sales![1]!.id;
    const count = (await logOf(id)).length;
    const r = await c.run('assign', { conversationId: id, assigneeId: null });
    expect(r.status).toBe('applied');
    expect(await logOf(id)).toHaveLength(count);
    expect(await lastMutationIdOf(c.clientId)).toBe(1);
  });

  it('a batch delivered three times is applied once', async () => {
    const c = new TestClient(env.s.app, w.sales.token);
    const id = w.demo.conversations.sales![1]!.id;
    const batch = [1, 2, 3].map(() => c.envelope('addNote', { conversationId: id, noteId: newId(), body: 'una vez' }));
    const first = await c.push(batch);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    for (let i = 0; i < 2; i++) {
      const again = await c.push(batch);
      expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(again.lastMutationId).toBe(3);
    }
    const ids = batch.map((m) => (m.args as { noteId: string }).noteId);
    for (const noteId of ids) expect(await db().select().from(notes).where(eq(notes.id, noteId))).toHaveLength(1);
  });

  it('a gap stops the batch and reports the expected id', async () => {
    const c = new TestClient(env.s.app, w.sales.token);
    const id = w.demo.conversations.sales![1]!.id;
    const res = await c.push([
      c.envelope('setStatus', { conversationId: id, status: 'pending' }, 1),
      c.envelope('setStatus', { conversationId: id, status: 'open' }, 3),
      c.envelope('setStatus', { conversationId: id, status: 'resolved' }, 4),
    ]);
    expect(res).toEqual({ lastMutationId: 1, results: [{ mutationId: 1, status: 'applied' }], gap: { expected: 2 } });
    expect((await conv(id)).status).toBe('pending');
    expect(await lastMutationIdOf(c.clientId)).toBe(1);
  });

  it('rejections advance the queue, are recorded in Spanish, and the next mutation still applies', async () => {
    const c = new TestClient(env.s.app, w.sales.token);
    const salesConv = w.demo.conversations.sales![1]!.id;
    const supportConv = w.demo.conversations.support![0]!.id;
    const disabled = await (
      await import('./helpers')
    ).createAgent(env.s.app, w.admin.token, {
      trayIds: [w.trays.sales],
      name: 'Pedro Pérez',
    });
    const off = await env.s.app.inject({
      method: 'PATCH',
      url: `/api/v1/agents/${disabled.id}`,
      headers: bearer(w.admin.token),
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const res = await c.push([
      c.envelope('assign', { conversationId: supportConv, assigneeId: w.sales.id }),
      c.envelope('addTag', { conversationId: salesConv, tagId: newId() }),
      c.envelope('assign', { conversationId: salesConv, assigneeId: disabled.id }),
      c.envelope('move', { conversationId: salesConv, trayId: w.trays.support, categoryId: null }),
      c.envelope('assign', { conversationId: newId(), assigneeId: null }),
      c.envelope('setStatus', { conversationId: salesConv, status: 'bogus' }),
      c.envelope('move', { conversationId: salesConv, trayId: w.trays.sales, categoryId: w.categories.faults }),
      c.envelope('assign', { conversationId: salesConv, assigneeId: w.sales.id }),
    ]);
    expect(res.lastMutationId).toBe(8);
    expect(res.results.map((r) => r.status)).toEqual([...Array(7).fill('rejected'), 'applied']);
    expect(res.results.slice(0, 7).map((r) => r.error!.message)).toEqual([
      'No perteneces a la bandeja Servicio y Soporte',
      'La etiqueta ya no existe',
      'Pedro Pérez está desactivado',
      'Falta la nota descriptiva (mover a la bandeja de otro equipo): completa Contexto, Acciones realizadas, Próximos pasos',
      'La conversación ya no existe',
      'Los datos del cambio no son válidos',
      'Esa categoría no pertenece a la bandeja Ventas',
    ]);
    expect((await conv(supportConv)).assigneeId).toBeNull();
    expect((await conv(salesConv)).assigneeId).toBe(w.sales.id);
    const recorded = await db().select().from(mutationRejections).where(eq(mutationRejections.clientId, c.clientId));
    expect(recorded.map((r) => r.mutationId).sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(recorded.find((r) => r.mutationId === 1)).toMatchObject({
      name: 'assign',
      code: 'forbidden',
      messageKey: 'errors.notTrayMember',
    });
    const pulled = await c.pull(0);
    expect(pulled.lastMutationId).toBe(8);
    expect(pulled.rejections.map((r) => r.mutationId)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a supervisor acts across the workspace; ids already taken are refused', async () => {
    const c = new TestClient(env.s.app, w.supervisor.token);
    const id = w.demo.conversations.support![1]!.id;
    // A hand-off to another team is documented first, by supervisors too (guide §5).
    const fields = {
      context: 'Consulta sobre campañas de verano',
      actions: 'Revisé la póliza y no corresponde a soporte',
      nextSteps: 'Marketing debe enviar la promoción vigente',
    };
    expect((await c.run('addDescriptiveNote', { conversationId: id, noteId: newId(), fields })).status).toBe('applied');
    expect((await c.run('move', { conversationId: id, trayId: w.trays.marketing, categoryId: null })).status).toBe(
      'applied',
    );
    expect((await conv(id)).trayId).toBe(w.trays.marketing);
    const noteId = newId();
    expect((await c.run('addNote', { conversationId: id, noteId, body: 'a' })).status).toBe('applied');
    const again = await c.run('addNote', { conversationId: id, noteId, body: 'b' });
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'conflict', message: 'Ese elemento ya existe' } });
  });

  it('a client id bound to another agent is refused with 403 on push and pull', async () => {
    const a = new TestClient(env.s.app, w.sales.token);
    await a.push([]);
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: bearer(w.sales2.token),
      payload: { clientId: a.clientId, mutations: [] },
    });
    expectError(res, 403, 'forbidden');
    const pullRes = await a.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: bearer(w.sales2.token),
      payload: { clientId: a.clientId, cursor: 0 },
    });
    expectError(pullRes, 403, 'forbidden');
    const mismatch = await a.pushRaw([{ ...a.envelope('assign', {}), clientId: newId() }]);
    expectError(mismatch, 400, 'invalid_input');
  });

  it('ids of another workspace never touch it, whatever the role', async () => {
    const other = await makeWorld(env.s.app, env.tdb.database, 'Other');
    const target = w.demo.conversations.global![0]!.id;
    const before = await conv(target);
    for (const agent of [other.admin, other.supervisor, other.sales]) {
      const c = new TestClient(env.s.app, agent.token);
      const res = await c.push([
        c.envelope('assign', { conversationId: target, assigneeId: null }),
        c.envelope('setStatus', { conversationId: target, status: 'pending' }),
        c.envelope('addNote', { conversationId: target, noteId: newId(), body: 'intruso' }),
        c.envelope('assign', { conversationId: other.demo.conversations.global![0]!.id, assigneeId: w.sales.id }),
        c.envelope('addTag', { conversationId: other.demo.conversations.global![0]!.id, tagId: w.demo.tagIds[0] }),
        c.envelope('move', {
          conversationId: other.demo.conversations.global![0]!.id,
          trayId: w.trays.sales,
          categoryId: null,
        }),
      ]);
      const messages = res.results.map((r) => r.error?.message);
      if (agent === other.sales) expect(messages.slice(3)).toEqual(Array(3).fill('No perteneces a la bandeja Global'));
      else
        expect(messages.slice(3)).toEqual([
          'Ese agente ya no existe',
          'La etiqueta ya no existe',
          'La bandeja ya no existe',
        ]);
      expect(messages.slice(0, 3)).toEqual(Array(3).fill('La conversación ya no existe'));
    }
    expect(await conv(target)).toEqual(before);
  });
});

// The guide's rows reach replicas (issue 4): a new workspace has the default dispositions; every pull from
// cursor 0 carries them and the workspace's settings; a snapshot brings every ticket and the standalone
// tasks up front and, with each page of conversations, their tasks and ticket links (an agent only those
// of her trays); a tray move re-emits the conversation's tasks and ticket links; and a refusal's params
// come back with the rejection. Rows are written straight to the database: the push path has its own suites.
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  conversationTickets,
  dispositions,
  mutationRejections,
  tasks,
  tickets,
  workspaces,
} from '../../src/server/db/schema';
import type { Change } from '../../src/server/sync/changes';
import { reemitConversation } from '../../src/server/sync/visibility';
import { DEFAULT_DISPOSITIONS, newId, PullResponse, type SyncChange } from '../../src/shared';
import { bearer, backends, serverPerFile } from './helpers';
import { idsOf, makeWorld, type SyncWorld, TestClient } from './sync-helpers';

describe.each(backends)('sync of dispositions, settings, tasks and tickets on %s', (backend) => {
  const env = serverPerFile(backend);
  let w: SyncWorld;
  const ids = {
    ticket: newId(),
    otherTicket: newId(),
    salesTask: newId(),
    supportTask: newId(),
    standaloneTask: newId(),
  };
  const salesConv = () => w.demo.conversations.sales![0]!.id;
  const supportConv = () => w.demo.conversations.support![0]!.id;
  const db = () => env.tdb.database.db;

  beforeAll(async () => {
    w = await makeWorld(env.s.app, env.tdb.database, 'Guia');
    const now = Date.now();
    const task = (id: string, conversationId: string | null, title: string) => ({
      id,
      workspaceId: w.workspaceId,
      conversationId,
      title,
      dueAt: now + 3_600_000,
      assigneeId: w.sales.id,
      createdBy: w.admin.id,
      createdAt: now,
      updatedAt: now,
    });
    await db()
      .insert(tasks)
      .values([
        task(ids.salesTask, salesConv(), 'Enviar la propuesta'),
        task(ids.supportTask, supportConv(), 'Pedir a TI el estado'),
        task(ids.standaloneTask, null, 'Revisar los cierres de la semana'),
      ]);
    const ticket = (id: string, number: number) => ({
      id,
      workspaceId: w.workspaceId,
      number,
      subject: `Caso ${number}`,
      status: 'open' as const,
      priority: 'normal' as const,
      createdBy: w.admin.id,
      createdAt: now,
      updatedAt: now,
    });
    await db()
      .insert(tickets)
      .values([ticket(ids.ticket, 1), ticket(ids.otherTicket, 2)]);
    // Ticket 1 spans a Ventas and a Soporte conversation; ticket 2 only Soporte.
    await db()
      .insert(conversationTickets)
      .values([
        { conversationId: salesConv(), ticketId: ids.ticket, createdAt: now },
        { conversationId: supportConv(), ticketId: ids.ticket, createdAt: now },
        { conversationId: supportConv(), ticketId: ids.otherTicket, createdAt: now },
      ]);
    await db()
      .update(workspaces)
      .set({ settings: { reopenWindowHours: 12 } })
      .where(eq(workspaces.id, w.workspaceId));
  });

  /** A whole snapshot, page by page (`limit` conversations per page). */
  async function snapshot(token: string, limit?: number) {
    const clientId = newId();
    const changes: SyncChange[] = [];
    const pages: SyncChange[][] = [];
    let raw = '';
    for (let i = 0; i < 100; i++) {
      const res = await env.s.app.inject({
        method: 'POST',
        url: '/api/v1/sync/pull',
        headers: bearer(token),
        payload: { clientId, cursor: 0, snapshot: raw, ...(limit ? { limit } : {}) },
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = PullResponse.parse(res.json());
      changes.push(...page.changes);
      pages.push(page.changes);
      if (!page.snapshot) return { changes, pages };
      raw = page.snapshot;
    }
    throw new Error('snapshot did not end');
  }
  const dataOf = (changes: SyncChange[], entity: string) =>
    changes.filter((c) => c.entity === entity && c.op === 'put').map((c) => c.data!);

  it('a new workspace starts with the guide’s four dispositions, in order', async () => {
    const rows = await db()
      .select()
      .from(dispositions)
      .where(eq(dispositions.workspaceId, w.workspaceId))
      .orderBy(asc(dispositions.position));
    expect(rows.map((d) => [d.name, d.needsFollowUp, d.position, d.active])).toEqual(
      DEFAULT_DISPOSITIONS.map((d, i) => [d.name, d.needsFollowUp, i, true]),
    );
  });

  it('every pull from 0 carries the dispositions and the workspace with its settings', async () => {
    for (const token of [w.sales.token, w.supervisor.token]) {
      const { changes } = await new TestClient(env.s.app, token).pull(0);
      expect(dataOf(changes, 'dispositions').map((d) => d.name)).toEqual(DEFAULT_DISPOSITIONS.map((d) => d.name));
      expect(dataOf(changes, 'dispositions')[1]).toMatchObject({ needsFollowUp: true, workspaceId: w.workspaceId });
      expect(dataOf(changes, 'workspaces')).toEqual([
        expect.objectContaining({ id: w.workspaceId, settings: { reopenWindowHours: 12 } }),
      ]);
      expect(dataOf(changes, 'workspaces')[0]).not.toHaveProperty('slug');
    }
  });

  it.each([undefined, 1])(
    'a snapshot (page size %s) brings every ticket, the standalone tasks and the visible tasks and links',
    async (limit) => {
      const sales = await snapshot(w.sales.token, limit);
      expect(dataOf(sales.changes, 'dispositions')).toHaveLength(DEFAULT_DISPOSITIONS.length);
      expect(dataOf(sales.changes, 'workspaces')[0]).toMatchObject({ settings: { reopenWindowHours: 12 } });
      // Tickets are workspace-wide; tasks and links follow their conversation's tray.
      expect(idsOf(sales.changes, 'tickets')).toEqual(new Set([ids.ticket, ids.otherTicket]));
      expect(idsOf(sales.changes, 'tasks')).toEqual(new Set([ids.salesTask, ids.standaloneTask]));
      expect(idsOf(sales.changes, 'conversation_tickets')).toEqual(new Set([`${salesConv()}/${ids.ticket}`]));
      expect(dataOf(sales.changes, 'tasks').find((t) => t.id === ids.salesTask)).toMatchObject({
        conversationId: salesConv(),
        title: 'Enviar la propuesta',
        assigneeId: w.sales.id,
        done: false,
        workspaceId: w.workspaceId,
      });
      expect(dataOf(sales.changes, 'tickets').find((t) => t.id === ids.ticket)).toMatchObject({
        number: 1,
        subject: 'Caso 1',
        status: 'open',
      });
      // Within a page, a link never arrives before its conversation and ticket (foreign keys at commit).
      for (const page of sales.pages) {
        for (const link of dataOf(page, 'conversation_tickets')) {
          expect(idsOf(page, 'conversations')).toContain(link.conversationId);
          expect(idsOf(page, 'tickets')).toContain(link.ticketId);
        }
        for (const task of dataOf(page, 'tasks').filter((t) => t.conversationId))
          expect(idsOf(page, 'conversations')).toContain(task.conversationId);
      }

      const supervisor = await snapshot(w.supervisor.token, limit);
      expect(idsOf(supervisor.changes, 'tasks')).toEqual(new Set([ids.salesTask, ids.supportTask, ids.standaloneTask]));
      expect(idsOf(supervisor.changes, 'conversation_tickets')).toEqual(
        new Set([
          `${salesConv()}/${ids.ticket}`,
          `${supportConv()}/${ids.ticket}`,
          `${supportConv()}/${ids.otherTicket}`,
        ]),
      );
    },
  );

  it('a tray move re-emits the conversation’s tasks and ticket links with the new tray', async () => {
    const moved: Change = {
      entity: 'conversations',
      entityId: salesConv(),
      trayId: w.trays.support,
      op: 'put',
      data: { id: salesConv(), trayId: w.trays.support },
    };
    const changes = await db().transaction((tx) => reemitConversation(tx, w.trays.sales, moved));
    expect(changes[0]).toMatchObject({ entity: 'conversations', op: 'del', trayId: w.trays.sales });
    const of = (entity: string) => changes.filter((c) => c.entity === entity);
    expect(of('tasks')).toEqual([
      expect.objectContaining({
        entityId: ids.salesTask,
        trayId: w.trays.support,
        op: 'put',
        data: expect.objectContaining({ id: ids.salesTask, conversationId: salesConv(), title: 'Enviar la propuesta' }),
      }),
    ]);
    expect(of('conversation_tickets')).toEqual([
      expect.objectContaining({
        entityId: `${salesConv()}/${ids.ticket}`,
        trayId: w.trays.support,
        op: 'put',
        data: expect.objectContaining({ conversationId: salesConv(), ticketId: ids.ticket }),
      }),
    ]);
    // Every child travels with the new tray; the ticket itself is workspace-wide and is not re-sent.
    for (const c of changes.slice(1)) expect(c.trayId).toBe(w.trays.support);
    expect(of('tickets')).toEqual([]);
  });

  it('a rejection comes back with its params when it had any', async () => {
    const client = new TestClient(env.s.app, w.sales.token);
    await client.pull(0); // binds the client id to the agent
    const base = {
      clientId: client.clientId,
      name: 'resolve',
      code: 'rule_violation',
      message: 'No se puede resolver: falta la calificación',
      messageKey: 'errors.closingRefused',
      createdAt: Date.now(),
    };
    await db()
      .insert(mutationRejections)
      .values([
        { ...base, mutationId: 1, params: { missing: 'dispositionRequired', count: 1 } },
        { ...base, mutationId: 2, params: null },
      ]);
    const { rejections } = await client.pull(0);
    expect(rejections).toEqual([
      expect.objectContaining({ mutationId: 1, params: { missing: 'dispositionRequired', count: 1 } }),
      expect.objectContaining({ mutationId: 2 }),
    ]);
    expect(rejections[1]).not.toHaveProperty('params');
    // The snapshot path returns the same rejections.
    const res = await env.s.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: bearer(w.sales.token),
      payload: { clientId: client.clientId, cursor: 0, snapshot: '', limit: 1 },
    });
    expect(PullResponse.parse(res.json()).rejections[0]).toMatchObject({ params: { count: 1 } });
    await db().execute(sql`delete from ${mutationRejections} where client_id = ${client.clientId}`);
  });
});

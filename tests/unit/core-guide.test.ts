// The guide's methods through the core's dispatch, on the demo replica, with every output checked against
// the contract: the resolve dialog's check and the resolution, descriptive notes before a hand-off,
// contacts outside the CRM, the customer's confirmation, tasks, tickets, companies, duplicates and merge,
// settings (admins only), the closure review (supervisors only) and notifications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/shared';
import { makeTempCore, type TempCore } from '../helpers/core';

let t: TempCore;
let session: Session;

beforeAll(async () => {
  t = makeTempCore({ seedDemo: { conversations: 400 } });
  session = await t.call('session.get');
});
afterAll(() => t.close());

const H = 3_600_000;
const q = <T>(sql: string, ...params: unknown[]) => t.sqlite.prepare(sql).get(...params) as T;
const errorOf = async (method: string, input: unknown) => {
  const res = await t.core.dispatch(method, input);
  return res.ok ? null : res.error;
};
const trayByKey = (key: string) => session.trays.find((tr) => tr.key === key)!;
const setRole = (role: string) => t.sqlite.prepare('UPDATE agents SET role = ? WHERE id = ?').run(role, session.me.id);

/** An open conversation of a tray, with no task or ticket yet, whose customer is waiting (no reply in this cycle). */
function waitingIn(trayKey: string, skip = 0): string {
  const { id } = q<{ id: string }>(
    `SELECT c.id FROM conversations c JOIN trays tr ON tr.id = c.tray_id
      WHERE tr.key = ? AND c.status IN ('open', 'pending')
        AND NOT EXISTS (SELECT 1 FROM tasks WHERE conversation_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM conversation_tickets WHERE conversation_id = c.id)
      ORDER BY c.id LIMIT 1 OFFSET ?`,
    trayKey,
    skip,
  );
  t.sqlite
    .prepare('UPDATE conversations SET last_customer_message_at = ?, last_human_reply_at = NULL WHERE id = ?')
    .run(t.clock.now() - H, id);
  return id;
}

const consultaResuelta = () => session.dispositions.find((d) => !d.needsFollowUp)!.id;
const followUp = () => session.dispositions.find((d) => d.needsFollowUp)!.id;

describe('session', () => {
  it('carries the dispositions of seed 004 and the default settings', () => {
    expect(session.dispositions.map((d) => d.name)).toEqual([
      'Consulta resuelta',
      'Seguimiento requerido',
      'Caso escalado',
      'Cliente insatisfecho',
    ]);
    expect(session.settings).toEqual({
      reopenWindowHours: 24,
      noteRules: {
        moveToOtherTeam: true,
        escalate: true,
        resolveDerived: true,
        resolveConfirmed: true,
        incompleteContact: true,
        externalChannel: true,
      },
    });
  });
});

describe('resolving under the closing policy', () => {
  it('check says what is missing; a reply makes it answered; the resolution records it', async () => {
    const id = waitingIn('sales');
    expect(
      await t.call('conversations.check', {
        conversationId: id,
        action: { type: 'resolve', dispositionId: null },
      }),
    ).toEqual({ allowed: false, justification: null, missing: ['noJustification', 'dispositionRequired'], note: null });
    expect(
      await errorOf('conversations.resolve', { conversationId: id, dispositionId: consultaResuelta() }),
    ).toMatchObject({
      code: 'rule_violation',
      messageKey: 'errors.closingRefused',
      params: { missing: 'noJustification' },
    });
    t.clock.advance(60_000);
    await t.call('messages.sendReply', { conversationId: id, text: 'Le envío la cotización por este medio.' });
    const check = await t.call('conversations.check', {
      conversationId: id,
      action: { type: 'resolve', dispositionId: consultaResuelta() },
    });
    expect(check).toMatchObject({ allowed: true, justification: 'answered', missing: [] });
    const res = await t.call('conversations.resolve', { conversationId: id, dispositionId: consultaResuelta() });
    expect(res).toMatchObject({ justification: 'answered', changed: true, conversation: { status: 'resolved' } });
    const detail = await t.call('conversations.get', { id });
    expect(detail.cycles[0]).toMatchObject({ justification: 'answered', dispositionId: consultaResuelta() });
  });

  it('a follow-up disposition needs an open task with a due date, which also justifies c)', async () => {
    const id = waitingIn('sales', 1);
    expect(
      await t.call('conversations.check', {
        conversationId: id,
        action: { type: 'resolve', dispositionId: followUp() },
      }),
    ).toMatchObject({ allowed: false, missing: ['noJustification', 'followUpTaskRequired'] });
    const { task } = await t.call('tasks.create', {
      conversationId: id,
      title: 'Llamar para confirmar la renovación',
      dueAt: t.clock.now() + 24 * H,
      assigneeId: session.me.id,
    });
    expect(task).toMatchObject({ conversationId: id, done: false, conversation: { trayId: trayByKey('sales').id } });
    const res = await t.call('conversations.resolve', { conversationId: id, dispositionId: followUp() });
    expect(res.justification).toBe('linkedWork');
  });

  it('d) the customer confirmed: marked on a customer message, needs the descriptive note, voided by a later message', async () => {
    const id = waitingIn('sales', 2);
    const thread = await t.call('thread.page', { conversationId: id });
    const customer = thread.items.filter((i) => i.type === 'message' && i.direction === 'inbound').at(-1)!;
    const agentMsg = thread.items.find((i) => i.type === 'message' && i.direction === 'outbound');
    if (agentMsg)
      expect(
        await errorOf('conversations.markConfirmed', { conversationId: id, messageId: agentMsg.id }),
      ).toMatchObject({ messageKey: 'errors.notCustomerMessage' });
    t.sqlite.prepare('UPDATE conversations SET last_customer_message_at = ? WHERE id = ?').run(customer.createdAt, id);
    await t.call('conversations.markConfirmed', { conversationId: id, messageId: customer.id });
    const marked = await t.call('thread.page', { conversationId: id });
    expect(marked.items.find((i) => i.id === customer.id)).toMatchObject({ confirmsDone: true });
    const check = await t.call('conversations.check', {
      conversationId: id,
      action: { type: 'resolve', dispositionId: consultaResuelta() },
    });
    expect(check).toMatchObject({
      allowed: false,
      justification: 'customerConfirmed',
      missing: ['descriptiveNoteRequired'],
      note: { reasons: ['resolveConfirmed'], fields: ['context', 'actions'], missingFields: ['context', 'actions'] },
    });
    expect(
      await errorOf('notes.addDescriptive', { conversationId: id, fields: { context: 'ok', actions: 'listo' } }),
    ).toMatchObject({ messageKey: 'errors.descriptiveFieldsEmpty' });
    await t.call('notes.addDescriptive', {
      conversationId: id,
      fields: {
        context: 'Cliente consultó por el estado de su siniestro',
        actions: 'Se confirmó por teléfono que la grúa ya llegó',
      },
    });
    expect(
      await t.call('conversations.check', {
        conversationId: id,
        action: { type: 'resolve', dispositionId: consultaResuelta() },
      }),
    ).toMatchObject({ allowed: true, justification: 'customerConfirmed' });
    // The customer writes again: "nothing else" no longer holds.
    t.sqlite
      .prepare('UPDATE conversations SET last_customer_message_at = ? WHERE id = ?')
      .run(customer.createdAt + 1, id);
    expect(
      (
        await t.call('conversations.check', {
          conversationId: id,
          action: { type: 'resolve', dispositionId: consultaResuelta() },
        })
      ).justification,
    ).toBeNull();
  });

  it('b) an external contact logged plus the descriptive note with Canal externo', async () => {
    const id = waitingIn('sales', 3);
    expect(
      await errorOf('notes.logExternal', {
        conversationId: id,
        channel: 'phone',
        occurredAt: t.clock.now() + 24 * H,
        summary: 'Llamada de seguimiento con el cliente',
      }),
    ).toMatchObject({ messageKey: 'errors.externalInFuture' });
    const { note } = await t.call('notes.logExternal', {
      conversationId: id,
      channel: 'whatsappDirect',
      occurredAt: t.clock.now() - H,
      summary: 'Cliente respondió por WhatsApp directo aclarando dudas de precio',
    });
    expect(note).toMatchObject({ kind: 'external', external: { channel: 'whatsappDirect' } });
    const check = await t.call('conversations.check', {
      conversationId: id,
      action: { type: 'resolve', dispositionId: consultaResuelta() },
    });
    expect(check).toMatchObject({
      allowed: false,
      justification: 'derived',
      note: {
        reasons: ['resolveDerived', 'externalChannel'],
        missingFields: ['context', 'actions', 'externalChannel'],
      },
    });
    await t.call('notes.addDescriptive', {
      conversationId: id,
      fields: {
        context: 'Consulta de precio del seguro automotriz',
        actions: 'Se explicó la condición y se validó el interés',
        externalChannel: 'WhatsApp directo del ejecutivo el 12/03',
      },
    });
    expect(
      (await t.call('conversations.resolve', { conversationId: id, dispositionId: consultaResuelta() })).justification,
    ).toBe('derived');
  });
});

describe('hand-offs need the descriptive note', () => {
  it('moving to another team is refused without it and allowed with it; leaving Global is triage', async () => {
    const id = waitingIn('sales', 4);
    const support = trayByKey('support');
    const check = await t.call('conversations.check', {
      conversationId: id,
      action: { type: 'move', trayId: support.id },
    });
    expect(check).toMatchObject({
      allowed: false,
      missing: ['descriptiveNoteRequired'],
      note: { reasons: ['moveToOtherTeam'], fields: ['context', 'actions', 'nextSteps'] },
    });
    expect(
      await errorOf('conversations.move', { conversationId: id, trayId: support.id, categoryId: null }),
    ).toMatchObject({ messageKey: 'errors.descriptiveNoteRequired', params: { fields: 'context,actions,nextSteps' } });
    await t.call('notes.addDescriptive', {
      conversationId: id,
      fields: {
        context: 'El cliente reporta una falla en la app de siniestros',
        actions: 'Se verificó la póliza vigente y se pidió captura del error',
        nextSteps: 'Soporte debe revisar el error y responder hoy',
      },
    });
    await t.call('conversations.move', { conversationId: id, trayId: support.id, categoryId: null });
    const fromGlobal = q<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN trays tr ON tr.id = c.tray_id WHERE tr.key = 'global' LIMIT 1`,
    ).id;
    expect(
      await t.call('conversations.check', { conversationId: fromGlobal, action: { type: 'move', trayId: support.id } }),
    ).toMatchObject({ allowed: true, note: null });
  });

  it('an agent escalating to a supervisor documents it first', async () => {
    const id = waitingIn('sales', 5);
    const supervisor = session.agents.find((a) => a.role === 'supervisor')!;
    expect(
      await t.call('conversations.check', {
        conversationId: id,
        action: { type: 'assign', assigneeId: supervisor.id },
      }),
    ).toMatchObject({ allowed: false, note: { reasons: ['escalate'] } });
    const agent = session.agents.find((a) => a.role === 'agent' && a.id !== session.me.id && a.active)!;
    expect(
      await t.call('conversations.check', { conversationId: id, action: { type: 'assign', assigneeId: agent.id } }),
    ).toMatchObject({ allowed: true, note: null });
  });

  it('a rule switched off by an admin no longer asks for the note', async () => {
    setRole('admin');
    try {
      await t.call('settings.update', { patch: { noteRules: { moveToOtherTeam: false } } });
      const id = waitingIn('sales', 6);
      const check = await t.call('conversations.check', {
        conversationId: id,
        action: { type: 'move', trayId: trayByKey('marketing').id },
      });
      expect(check).toMatchObject({ allowed: true, note: null });
      await t.call('settings.update', { patch: { noteRules: { moveToOtherTeam: true } } });
    } finally {
      setRole('agent');
    }
  });
});

describe('tickets, companies, duplicates', () => {
  it('a ticket created from a conversation waits for its number; it can be found and linked elsewhere', async () => {
    const id = waitingIn('support');
    const { ticket } = await t.call('tickets.create', {
      conversationId: id,
      subject: 'Falla al descargar la póliza',
      priority: 'high',
    });
    expect(ticket).toMatchObject({ number: null, status: 'open', conversationIds: [id] });
    const other = waitingIn('support', 1);
    await t.call('tickets.link', { conversationId: other, ticketId: ticket.id });
    expect((await t.call('tickets.forConversation', { conversationId: other })).items.map((k) => k.id)).toEqual([
      ticket.id,
    ]);
    expect((await t.call('tickets.search', { query: 'póliza' })).items.map((k) => k.id)).toContain(ticket.id);
    const updated = await t.call('tickets.update', { ticketId: ticket.id, status: 'inProgress' });
    expect(updated.ticket.status).toBe('inProgress');
  });

  it('a company is created and associated; the conversation stops being an orphan', async () => {
    const row = q<{ id: string; contact_id: string }>(
      `SELECT c.id, c.contact_id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        WHERE ct.company_id IS NULL LIMIT 1`,
    );
    expect((await t.call('conversations.get', { id: row.id })).contactGaps).toContain('company');
    const { company } = await t.call('companies.create', { name: 'Transportes Del Sur SpA', domain: 'delsur.cl' });
    await t.call('contacts.setCompany', { contactId: row.contact_id, companyId: company.id });
    expect((await t.call('conversations.get', { id: row.id })).contactGaps).not.toContain('company');
    expect((await t.call('companies.search', { query: 'del sur' })).items.map((c) => c.id)).toContain(company.id);
  });

  it('two open conversations of one contact are flagged and merge into one', async () => {
    const row = q<{ contact_id: string; a: string; b: string }>(
      `SELECT contact_id, min(id) AS a, max(id) AS b FROM conversations WHERE status <> 'resolved'
        GROUP BY contact_id HAVING count(*) >= 2 LIMIT 1`,
    );
    const detail = await t.call('conversations.get', { id: row.a });
    expect(detail.duplicateIds).toContain(row.b);
    const messages = (id: string) =>
      q<{ n: number }>('SELECT count(*) AS n FROM messages WHERE conversation_id = ?', id).n;
    const total = messages(row.a) + messages(row.b);
    await t.call('conversations.merge', { conversationId: row.a, sourceId: row.b });
    expect(messages(row.a)).toBe(total);
    expect(q('SELECT id FROM conversations WHERE id = ?', row.b)).toBeUndefined();
    const history = await t.call('audit.timeline', { conversationId: row.a });
    expect(history.items[0]).toMatchObject({ action: 'conversation.merged' });
  });
});

describe('roles', () => {
  it('settings are for admins; the closure review for supervisors and admins', async () => {
    expect(await errorOf('settings.saveTag', { name: 'Prensa y medios', color: '#aa3300' })).toMatchObject({
      code: 'forbidden',
      messageKey: 'errors.adminOnly',
    });
    expect(await errorOf('reviews.closures', {})).toMatchObject({ code: 'forbidden' });
    setRole('supervisor');
    try {
      const page = await t.call('reviews.closures', { filters: { justification: 'answered' }, limit: 5 });
      expect(page.items.every((i) => i.justification === 'answered')).toBe(true);
    } finally {
      setRole('agent');
    }
    setRole('admin');
    try {
      const { id } = await t.call('settings.saveTag', { name: 'Prensa y medios', color: '#aa3300' });
      expect((await t.call('session.get')).tags.map((tg) => tg.id)).toContain(id);
    } finally {
      setRole('agent');
    }
  });
});

describe('notifications', () => {
  it('a note by someone else mentioning me arrives as an unread notification, once', async () => {
    const id = waitingIn('sales', 7);
    const author = session.agents.find((a) => a.id !== session.me.id)!;
    const insert = () =>
      t.sqlite
        .prepare(
          `INSERT OR REPLACE INTO notes (id, conversation_id, author_agent_id, body, created_at, kind, mentions)
           VALUES ('019d0000-0000-7000-8000-000000000001', ?, ?, '@Ana ¿puedes revisar esto?', ?, 'plain', ?)`,
        )
        .run(id, author.id, t.clock.now(), JSON.stringify([session.me.id]));
    insert();
    insert();
    const list = await t.call('notifications.list', {});
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ kind: 'mention', conversationId: id, actorId: author.id });
    const events: { unread: number }[] = [];
    const off = t.core.subscribe((event, payload) => {
      if (event === 'notifications.changed') events.push(payload as { unread: number });
    });
    expect((await t.call('notifications.markRead', { all: true })).unread).toBe(0);
    // The next mention brings the count back to 1: announced again (the read moved the mark to 0).
    t.sqlite
      .prepare(
        `INSERT INTO notes (id, conversation_id, author_agent_id, body, created_at, kind, mentions)
         VALUES ('019d0000-0000-7000-8000-000000000002', ?, ?, '@Ana otra consulta', ?, 'plain', ?)`,
      )
      .run(id, author.id, t.clock.now(), JSON.stringify([session.me.id]));
    t.core.notifications.refresh();
    await t.call('sync.status');
    expect(events).toEqual([{ unread: 0 }, { unread: 1 }]);
    off();
  });
});

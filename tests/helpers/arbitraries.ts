// fast-check arbitraries for contract inputs: valid ones (real or random ids), garbage, and near-valid
// objects with one field corrupted.
import fc from 'fast-check';
import type { MethodName } from '../../src/shared';
import { refs, type Ref, type TempCore } from './core';

export interface Pools extends Ref {
  contacts: string[];
  dispositions: string[];
  tasks: string[];
  tickets: string[];
  companies: string[];
  /** Customer messages (what d) marks). */
  messages: string[];
}

/** Every id a valid input may name, read from a core's replica. */
export function fuzzPools(t: TempCore): Pools {
  const col = (sql: string) => (t.sqlite.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  return {
    ...refs(t),
    contacts: col('SELECT id FROM contacts'),
    dispositions: col('SELECT id FROM dispositions'),
    tasks: col('SELECT id FROM tasks'),
    tickets: col('SELECT id FROM tickets'),
    companies: col('SELECT id FROM companies'),
    messages: col("SELECT id FROM messages WHERE direction = 'inbound' LIMIT 300"),
  };
}

const huge = fc.constantFrom('x'.repeat(10_001), 'y'.repeat(100_000), ' '.repeat(5000), '\u0000'.repeat(300));

export function validArbitraries(p: Pools): Record<MethodName, fc.Arbitrary<Record<string, unknown>>> {
  const from = (pool: string[]) =>
    pool.length
      ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.uuid() })
      : fc.uuid();
  const conv = from(p.conversations);
  const agent = from(p.agents);
  const tag = from(p.tags);
  const trayIds = p.trays.map((t) => t.id);
  const catIds = p.trays.flatMap((t) => t.categories);
  const tray = from(trayIds);
  const cat = from(catIds);
  const status = fc.constantFrom('open', 'pending', 'snoozed', 'resolved');
  const settable = fc.constantFrom('open', 'pending', 'resolved', 'resolved', 'snoozed');
  const cursor = fc.tuple(fc.nat({ max: 2_000_000_000_000 }), fc.uuid()).map(([t, id]) => `${t}:${id}`);
  const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), huge);
  const disposition = from(p.dispositions);
  const task = from(p.tasks);
  const ticket = from(p.tickets);
  const company = from(p.companies);
  const message = from(p.messages);
  const contact = from(p.contacts);
  /** Around the demo's fixed "now": past, future, and out-of-range values. */
  const time = fc.oneof(
    fc.integer({ min: 1_779_000_000_000, max: 1_781_000_000_000 }),
    fc.constantFrom(0, -1, 8_640_000_000_000_001, 1.5),
  );
  const field = fc.oneof(
    fc.constantFrom('ok', 'listo', 'Se llamó al cliente y se explicó el proceso de renovación', ''),
    text,
  );
  const fields = fc.record(
    { context: field, actions: field, nextSteps: field, missingData: field, externalChannel: field },
    { requiredKeys: [] },
  );
  const mentions = fc.array(agent, { maxLength: 3 });
  const priority = fc.constantFrom('low', 'normal', 'high', 'urgent', 'critical');
  const ticketStatus = fc.constantFrom('open', 'inProgress', 'waiting', 'closed', 'done');
  const name = fc.oneof(fc.constantFrom('Ventas Norte', 'VIP', 'Global', ''), text);
  const color = fc.constantFrom('#aa3300', '#123456', 'red', '#12345');
  const view = fc.oneof(
    fc.constant({ kind: 'mine' }),
    fc.constant({ kind: 'unassigned' }),
    fc.constant({ kind: 'all' }),
    tray.map((trayId) => ({ kind: 'tray', trayId })),
    cat.map((categoryId) => ({ kind: 'category', categoryId })),
    tag.map((tagId) => ({ kind: 'tag', tagId })),
  );
  const filters = fc.record(
    {
      channels: fc.subarray(['whatsapp', 'email', 'webchat', 'facebook', 'instagram']),
      assignees: fc.array(fc.oneof(agent, fc.constant('none')), { maxLength: 4 }),
      tagIds: fc.array(tag, { maxLength: 4 }),
    },
    { requiredKeys: [] },
  );
  const bulkAction = fc.oneof(
    fc.record({ type: fc.constant('assign'), assigneeId: fc.option(agent, { nil: null }) }),
    fc.record({ type: fc.constant('move'), trayId: tray, categoryId: fc.option(cat, { nil: null }) }),
    fc.record({ type: fc.constant('setStatus'), status: settable }),
    fc.record({ type: fc.constant('addTag'), tagId: tag }),
    fc.record({ type: fc.constant('removeTag'), tagId: tag }),
    fc.record({ type: fc.constant('resolve'), dispositionId: disposition }),
    fc.record({ type: fc.constant('snooze'), until: time }),
  );
  const limit = (max: number) => fc.integer({ min: 1, max });
  const opt = { requiredKeys: [] as never[] };
  return {
    'session.get': fc.constant({}),
    'conversations.list': fc.record({ view, status, filters, cursor, limit: limit(200) }, { requiredKeys: ['view'] }),
    'conversations.counts': fc.constant({}),
    'conversations.get': fc.record({ id: conv }),
    'conversations.search': fc.record(
      {
        query: fc.oneof(fc.constantFrom('a', 'Ana', '%', '_', "'; DROP TABLE conversations; --"), text),
        limit: limit(50),
      },
      { requiredKeys: ['query'] },
    ),
    'thread.page': fc.record(
      { conversationId: conv, before: cursor, limit: limit(200) },
      { requiredKeys: ['conversationId'] },
    ),
    'contacts.get': fc.record({ id: from(p.contacts) }),
    'audit.timeline': fc.record(
      { conversationId: conv, before: cursor, limit: limit(200) },
      { requiredKeys: ['conversationId'] },
    ),
    'conversations.assign': fc.record({ conversationId: conv, assigneeId: fc.option(agent, { nil: null }) }),
    'conversations.move': fc.record({ conversationId: conv, trayId: tray, categoryId: fc.option(cat, { nil: null }) }),
    'conversations.setStatus': fc.record({ conversationId: conv, status: settable }),
    'conversations.addTag': fc.record({ conversationId: conv, tagId: tag }),
    'conversations.removeTag': fc.record({ conversationId: conv, tagId: tag }),
    'conversations.bulk': fc.record({
      conversationIds: fc.oneof(
        { weight: 100, arbitrary: fc.array(conv, { minLength: 1, maxLength: 20 }) },
        { weight: 1, arbitrary: fc.array(conv, { minLength: 490, maxLength: 501 }) },
      ),
      action: bulkAction,
    }),
    'notes.add': fc.record(
      { conversationId: conv, body: text, mentions },
      { requiredKeys: ['conversationId', 'body'] },
    ),
    'conversations.resolve': fc.record({ conversationId: conv, dispositionId: disposition }),
    'conversations.snooze': fc.record({ conversationId: conv, until: time }),
    'conversations.setFollowUp': fc.record({ conversationId: conv, at: fc.option(time, { nil: null }) }),
    'conversations.check': fc.record({
      conversationId: conv,
      action: fc.oneof(
        fc.record({ type: fc.constant('resolve'), dispositionId: fc.option(disposition, { nil: null }) }),
        fc.record({ type: fc.constant('move'), trayId: tray }),
        fc.record({ type: fc.constant('assign'), assigneeId: fc.option(agent, { nil: null }) }),
      ),
    }),
    'conversations.markConfirmed': fc.record({ conversationId: conv, messageId: fc.option(message, { nil: null }) }),
    'conversations.merge': fc.record({ conversationId: conv, sourceId: conv }),
    'notes.addDescriptive': fc.record(
      { conversationId: conv, fields, mentions },
      { requiredKeys: ['conversationId', 'fields'] },
    ),
    'notes.logExternal': fc.record({
      conversationId: conv,
      channel: fc.constantFrom('whatsappDirect', 'phone', 'externalEmail', 'other', 'fax'),
      occurredAt: time,
      summary: field,
    }),
    'tasks.list': fc.record(
      {
        scope: fc.constantFrom('mine', 'conversation', 'all', 'theirs'),
        conversationId: conv,
        includeDone: fc.boolean(),
      },
      { requiredKeys: ['scope'] },
    ),
    'tasks.create': fc.record({
      conversationId: fc.option(conv, { nil: null }),
      title: field,
      dueAt: fc.option(time, { nil: null }),
      assigneeId: fc.option(agent, { nil: null }),
    }),
    'tasks.update': fc.record(
      {
        taskId: task,
        title: field,
        dueAt: fc.option(time, { nil: null }),
        assigneeId: fc.option(agent, { nil: null }),
        done: fc.boolean(),
      },
      { requiredKeys: ['taskId'] },
    ),
    'tickets.forConversation': fc.record({ conversationId: conv }),
    'tickets.search': fc.record(
      { query: fc.oneof(fc.constantFrom('#1', '12', '%', 'póliza', ''), text), limit: limit(50) },
      { requiredKeys: ['query'] },
    ),
    'tickets.create': fc.record({ conversationId: conv, subject: field, priority }),
    'tickets.update': fc.record(
      { ticketId: ticket, subject: field, status: ticketStatus, priority },
      { requiredKeys: ['ticketId'] },
    ),
    'tickets.link': fc.record({ conversationId: conv, ticketId: ticket }),
    'tickets.unlink': fc.record({ conversationId: conv, ticketId: ticket }),
    'companies.search': fc.record(
      { query: fc.oneof(fc.constantFrom('a', '%', '_', ''), text), limit: limit(50) },
      { requiredKeys: ['query'] },
    ),
    'companies.create': fc.record({ name, domain: fc.option(fc.constantFrom('acme.cl', 'x', ''), { nil: null }) }),
    'contacts.setCompany': fc.record({ contactId: contact, companyId: fc.option(company, { nil: null }) }),
    'contacts.update': fc.record({ contactId: contact, name }),
    'contacts.addIdentity': fc.record({
      contactId: contact,
      kind: fc.constantFrom('phone', 'email', 'external'),
      value: fc.oneof(fc.constantFrom('+56 9 1234 5678', 'ana@example.com', ''), text),
    }),
    'notifications.list': fc.record({ unreadOnly: fc.boolean(), limit: limit(200) }, opt),
    'notifications.markRead': fc.record(
      {
        ids: fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constant('mention:x')), { maxLength: 5 }),
        all: fc.boolean(),
      },
      opt,
    ),
    'reviews.closures': fc.record(
      {
        filters: fc.record(
          {
            agentId: agent,
            trayId: tray,
            dispositionId: disposition,
            justification: fc.constantFrom('answered', 'derived', 'linkedWork', 'customerConfirmed', 'magic'),
            unansweredOnly: fc.boolean(),
            from: time,
            to: time,
          },
          { requiredKeys: [] },
        ),
        cursor,
        limit: limit(200),
      },
      opt,
    ),
    'settings.saveTray': fc.record(
      { trayId: tray, name, team: fc.constantFrom('sales', 'support', 'nuevo', ''), active: fc.boolean() },
      { requiredKeys: ['name', 'team', 'active'] },
    ),
    'settings.saveCategory': fc.record(
      { categoryId: cat, trayId: tray, name, active: fc.boolean() },
      { requiredKeys: ['trayId', 'name', 'active'] },
    ),
    'settings.saveTag': fc.record({ tagId: tag, name, color }, { requiredKeys: ['name', 'color'] }),
    'settings.saveDisposition': fc.record(
      { dispositionId: disposition, name, needsFollowUp: fc.boolean(), active: fc.boolean() },
      { requiredKeys: ['name', 'needsFollowUp', 'active'] },
    ),
    'settings.reorder': fc.record({
      entity: fc.constantFrom('trays', 'categories', 'dispositions', 'tags'),
      ids: fc.array(fc.oneof(tray, cat, disposition), { minLength: 1, maxLength: 6 }),
    }),
    'settings.setTrayMembers': fc.record({ trayId: tray, agentIds: fc.array(agent, { maxLength: 5 }) }),
    'settings.update': fc.record({
      patch: fc.record(
        {
          reopenWindowHours: fc.oneof(fc.integer({ min: 0, max: 720 }), fc.constantFrom(-1, 721, 1.5)),
          noteRules: fc.record(
            { moveToOtherTeam: fc.boolean(), escalate: fc.boolean(), unknownRule: fc.boolean() },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
    }),
    'messages.sendReply': fc.record({ conversationId: conv, text }),
    'drafts.get': fc.record({ conversationId: conv }),
    'drafts.set': fc.record({ conversationId: conv, text, mode: fc.constantFrom('reply', 'note', 'email') }),
    'prefs.get': fc.constant({}),
    'sync.status': fc.constant({}),
    'sync.now': fc.constant({}),
    'sync.rejections': fc.record({ conversationId: conv }, opt),
    'sync.dismissRejection': fc.record({ mutationId: fc.integer({ min: -5, max: 1_000_000 }) }),
    'auth.status': fc.constant({}),
    'presence.list': fc.constant({}),
    'presence.setActivity': fc.record({ state: fc.constantFrom('active', 'idle', 'away', '') }),
    // Port 9 (discard) refuses at once on loopback: sign-in fails fast with "unreachable", never leaves the machine.
    'auth.signIn': fc.record(
      {
        serverUrl: fc.constantFrom('http://127.0.0.1:9', 'ftp://x', 'not a url', ''),
        workspace: fc.constantFrom('seguros-andes', 'A', '-x-'),
        email: fc.constantFrom('ana@example.com', 'nope', ''),
        password: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: [] },
    ),
    'auth.signOut': fc.record({ discardPending: fc.boolean() }, opt),
    'prefs.set': fc.record(
      {
        locale: fc.constantFrom('es', 'en', 'fr'),
        theme: fc.constantFrom('light', 'dark', 'system', 'neon'),
        columnWidths: fc.tuple(
          fc.integer({ min: 100, max: 900 }),
          fc.integer({ min: 200, max: 1100 }),
          fc.integer({ min: 200, max: 1000 }),
        ),
        detailsCollapsed: fc.boolean(),
      },
      opt,
    ),
    'attachments.open': fc.record({
      url: fc.oneof(
        fc.webUrl(),
        fc.constantFrom(
          'mailto:a@b.cl',
          'tel:+56',
          'file:///etc/passwd',
          'javascript:alert(1)',
          'data:text/html,<b>',
          'HTTP://X',
          'smb://h/s',
        ),
        fc.string({ maxLength: 60 }),
        fc.constant('https://x.cl/' + 'a'.repeat(2100)),
      ),
    }),
  };
}

/** Replaces, deletes or retypes one field (nested one level into objects) of a valid input. */
export function corrupt(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(
    fc.anything(),
    fc.constantFrom(null, undefined, NaN, Infinity, -1, 0, 1.5, '', [], {}, true, '__proto__', 'none'),
    huge,
    fc.string({ maxLength: 20 }),
  );
  return fc
    .tuple(valid, fc.nat(), fc.nat(), wrong, fc.constantFrom('set', 'delete', 'set-nested'))
    .map(([obj, i, j, value, op]) => {
      const copy: Record<string, unknown> = structuredClone(obj);
      const keys = [...Object.keys(copy), 'unexpected'];
      const key = keys[i % keys.length]!;
      if (op === 'delete') delete copy[key];
      else if (op === 'set-nested' && copy[key] && typeof copy[key] === 'object') {
        const inner = copy[key] as Record<string, unknown>;
        const ik = Object.keys(inner);
        inner[ik.length ? ik[j % ik.length]! : 'x'] = value;
      } else copy[key] = value;
      return copy;
    });
}

export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
  }),
  fc.constantFrom(null, undefined, 0, -0, NaN, '', 'null', [], [[]], { __proto__: { polluted: true } }),
  huge,
  fc.string(),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.jsonValue(),
);

export function inputArbitrary(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 3, arbitrary: corrupt(valid) },
    { weight: 2, arbitrary: garbage },
  );
}

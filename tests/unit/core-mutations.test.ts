// Mutators through dispatch: row change + audit before/after + outbox row with the next mutation id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MUTATION_VERSION,
  type BulkItemResult,
  type ConversationSummary,
  type MessageItem,
  type NoteItem,
} from '../../src/shared';
import { fingerprint, makeTempCore, refs, type Ref, type TempCore } from '../helpers/core';

/** Raw SQLite row. */
type Row = Record<string, unknown> & { [k: string]: string | number | null };
/** The union of the mutation methods' outputs, for helpers that take any of them. */
interface MutationOutput {
  mutationId: number | null;
  changed?: boolean;
  conversation: ConversationSummary;
  note: NoteItem;
  message: MessageItem;
}

let t: TempCore;
let r: Ref;
const events: { event: string; payload: unknown }[] = [];

async function callMutation(method: string, input: unknown): Promise<MutationOutput> {
  const res = await t.core.dispatch(method, input);
  if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(res.error)}`);
  return res.value as MutationOutput;
}
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(() => {
  t = makeTempCore({ seedDemo: { conversations: 60 } });
  r = refs(t);
  t.core.subscribe((event, payload) => events.push({ event, payload }));
});
afterAll(() => t.close());

const conv = (id: string) => t.sqlite.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as Row;
const membersOf = (trayId: string) =>
  (
    t.sqlite
      .prepare(
        // Agents of the tray (a supervisor would be an escalation, which needs its note: core-guide).
        `SELECT a.id FROM agents a WHERE a.active = 1 AND a.role = 'agent'
           AND EXISTS (SELECT 1 FROM tray_members m WHERE m.agent_id = a.id AND m.tray_id = ?) ORDER BY a.id`,
      )
      .all(trayId) as { id: string }[]
  ).map((a) => a.id);
const lastMutationId = () =>
  Number(
    (t.sqlite.prepare("SELECT value FROM meta WHERE key = 'lastMutationId'").get() as { value: string } | undefined)
      ?.value ?? 0,
  );
const outboxRow = (id: number) =>
  t.sqlite.prepare('SELECT * FROM outbox WHERE mutation_id = ?').get(id) as Row | undefined;
const lastAudit = (conversationId: string) =>
  t.sqlite
    .prepare('SELECT * FROM audit_log WHERE conversation_id = ? ORDER BY at DESC, id DESC LIMIT 1')
    .get(conversationId) as Row;

/** Runs a changing mutation and checks the shared envelope: mutation id, outbox row, audit row, event. */
async function expectChange(method: string, input: Record<string, unknown>, outboxName: string, action: string) {
  const before = lastMutationId();
  t.clock.advance(1000);
  events.length = 0;
  const res = await callMutation(method, input);
  expect(res.mutationId).toBe(before + 1);
  expect(lastMutationId()).toBe(before + 1);
  const ob = outboxRow(before + 1)!;
  expect(ob).toMatchObject({
    client_id: t.core.context.clientId,
    name: outboxName,
    version: MUTATION_VERSION,
    client_time: t.clock.now(),
  });
  const args = JSON.parse(String(ob.args));
  expect(args.conversationId).toBe(input.conversationId);
  const audit = lastAudit(input.conversationId as string);
  expect(audit).toMatchObject({
    action,
    actor_id: r.meId,
    actor_kind: 'agent',
    at: t.clock.now(),
    workspace_id: t.core.context.workspaceId,
  });
  const pending = (t.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  expect(events).toEqual([
    { event: 'data.changed', payload: { conversationIds: [input.conversationId], counts: true, reason: outboxName } },
    {
      event: 'sync.changed',
      payload: { mode: 'local', pendingChanges: pending, lastSyncAt: null, rejections: 0, problem: null },
    },
  ]);
  expect(await t.call('sync.status')).toEqual({
    mode: 'local',
    pendingChanges: pending,
    lastSyncAt: null,
    rejections: 0,
    problem: null,
  });
  return {
    res,
    args,
    audit: { ...audit, before: JSON.parse(String(audit.before)), after: JSON.parse(String(audit.after)) },
  };
}

async function expectUnchanged(method: string, input: Record<string, unknown>) {
  const fp = fingerprint(t.sqlite);
  events.length = 0;
  const res = await callMutation(method, input);
  expect(res).toMatchObject({ mutationId: null, changed: false });
  expect(fingerprint(t.sqlite)).toBe(fp);
  expect(events).toEqual([]);
  return res;
}

async function expectError(method: string, input: Record<string, unknown>, code: string) {
  const fp = fingerprint(t.sqlite);
  const res = await t.core.dispatch(method, input);
  expect(res.ok ? 'ok' : res.error.code).toBe(code);
  expect(fingerprint(t.sqlite)).toBe(fp);
}

describe('conversations.assign', () => {
  it('assigns, audits before/after, queues; same assignee is unchanged; unassign works', async () => {
    const id = r.conversations[0]!;
    const from = conv(id).assignee_id;
    // Someone who can open it: an owner outside the conversation's tray is refused (below).
    const to = membersOf(String(conv(id).tray_id)).find((a) => a !== from)!;
    const { res, args, audit } = await expectChange(
      'conversations.assign',
      { conversationId: id, assigneeId: to },
      'assign',
      'conversation.assigned',
    );
    // The owner the agent saw travels along, so the server can refuse a lost race.
    expect(args).toEqual({ conversationId: id, assigneeId: to, expectedAssigneeId: from });
    expect(audit.before).toEqual({ assigneeId: from });
    expect(audit.after).toEqual({ assigneeId: to });
    expect(conv(id)).toMatchObject({ assignee_id: to, updated_at: t.clock.now() });
    expect(res.conversation).toMatchObject({ id, assigneeId: to });
    await expectUnchanged('conversations.assign', { conversationId: id, assigneeId: to });
    await expectChange(
      'conversations.assign',
      { conversationId: id, assigneeId: null },
      'assign',
      'conversation.assigned',
    );
    expect(conv(id).assignee_id).toBeNull();
  });

  it('unknown conversation/agent → not_found; disabled agent → rule_violation', async () => {
    const id = r.conversations[1]!;
    await expectError('conversations.assign', { conversationId: MISSING, assigneeId: r.meId }, 'not_found');
    await expectError('conversations.assign', { conversationId: id, assigneeId: MISSING }, 'not_found');
    const agent = r.agents.find((a) => a !== conv(id).assignee_id)!;
    t.sqlite.prepare('UPDATE agents SET active = 0 WHERE id = ?').run(agent);
    await expectError('conversations.assign', { conversationId: id, assigneeId: agent }, 'rule_violation');
    t.sqlite.prepare('UPDATE agents SET active = 1 WHERE id = ?').run(agent);
    await expectError('conversations.assign', { conversationId: 'nope', assigneeId: null }, 'invalid_input');
    const outsider = (
      t.sqlite
        .prepare(
          `SELECT a.id FROM agents a WHERE a.role = 'agent' AND a.active = 1
            AND NOT EXISTS (SELECT 1 FROM tray_members m WHERE m.agent_id = a.id AND m.tray_id = ?) LIMIT 1`,
        )
        .get(conv(id).tray_id) as { id: string } | undefined
    )?.id;
    if (outsider) {
      const res = await t.core.dispatch('conversations.assign', { conversationId: id, assigneeId: outsider });
      expect(res.ok ? null : res.error.messageKey).toBe('errors.assigneeNotInTray');
    }
  });
});

describe('conversations.move', () => {
  it('moves tray + category with audit; same place unchanged', async () => {
    // Out of Global: triage, which needs no descriptive note (a hand-off between teams does: shared-mutators).
    const id = (
      t.sqlite
        .prepare("SELECT c.id FROM conversations c JOIN trays tr ON tr.id = c.tray_id WHERE tr.key = 'global' LIMIT 1")
        .get() as { id: string }
    ).id;
    const c = conv(id);
    const dest = r.trays.find((x) => x.id !== c.tray_id && x.categories.length)!;
    const categoryId = dest.categories[1]!;
    const { audit } = await expectChange(
      'conversations.move',
      { conversationId: id, trayId: dest.id, categoryId },
      'move',
      'conversation.moved',
    );
    expect(audit.before).toEqual({ trayId: c.tray_id, categoryId: c.category_id });
    expect(audit.after).toEqual({ trayId: dest.id, categoryId });
    expect(conv(id)).toMatchObject({ tray_id: dest.id, category_id: categoryId });
    await expectUnchanged('conversations.move', { conversationId: id, trayId: dest.id, categoryId });
    await expectChange(
      'conversations.move',
      { conversationId: id, trayId: dest.id, categoryId: null },
      'move',
      'conversation.moved',
    );
    expect(conv(id).category_id).toBeNull();
  });

  it('rejects unknown tray, category of another tray, inactive tray/category', async () => {
    const id = r.conversations[3]!;
    const [a, b] = r.trays.filter((x) => x.categories.length);
    await expectError('conversations.move', { conversationId: id, trayId: MISSING, categoryId: null }, 'not_found');
    await expectError(
      'conversations.move',
      { conversationId: id, trayId: a!.id, categoryId: b!.categories[0] },
      'rule_violation',
    );
    await expectError(
      'conversations.move',
      { conversationId: id, trayId: a!.id, categoryId: MISSING },
      'rule_violation',
    );
    await expectError('conversations.move', { conversationId: MISSING, trayId: a!.id, categoryId: null }, 'not_found');
    t.sqlite.prepare('UPDATE categories SET active = 0 WHERE id = ?').run(a!.categories[0]);
    await expectError(
      'conversations.move',
      { conversationId: id, trayId: a!.id, categoryId: a!.categories[0] },
      'rule_violation',
    );
    t.sqlite.prepare('UPDATE categories SET active = 1 WHERE id = ?').run(a!.categories[0]);
    t.sqlite.prepare('UPDATE trays SET active = 0 WHERE id = ?').run(b!.id);
    await expectError('conversations.move', { conversationId: id, trayId: b!.id, categoryId: null }, 'rule_violation');
    t.sqlite.prepare('UPDATE trays SET active = 1 WHERE id = ?').run(b!.id);
  });
});

describe('conversations.setStatus / resolve', () => {
  it('snoozed → pending clears the snooze; resolving needs an answer and a disposition; reopening starts a cycle', async () => {
    const id = (
      t.sqlite.prepare("SELECT id FROM conversations WHERE status = 'snoozed' LIMIT 1").get() as { id: string }
    ).id;
    const { audit } = await expectChange(
      'conversations.setStatus',
      { conversationId: id, status: 'pending' },
      'setStatus',
      'conversation.statusChanged',
    );
    expect(audit.before).toEqual({ status: 'snoozed' });
    expect(audit.after).toEqual({ status: 'pending' });
    expect(conv(id)).toMatchObject({ status: 'pending', snoozed_until: null });
    await expectUnchanged('conversations.setStatus', { conversationId: id, status: 'pending' });
    // Bare status changes cannot resolve or snooze: those have their own mutations and rules.
    await expectError('conversations.setStatus', { conversationId: id, status: 'resolved' }, 'invalid_input');
    await expectError('conversations.setStatus', { conversationId: id, status: 'snoozed' }, 'invalid_input');
    await expectError('conversations.setStatus', { conversationId: MISSING, status: 'open' }, 'not_found');

    const disposition = (
      t.sqlite.prepare('SELECT id FROM dispositions WHERE needs_follow_up = 0 LIMIT 1').get() as {
        id: string;
      }
    ).id;
    // Waiting customer: the closing policy refuses, listing what is missing, and nothing is written.
    t.sqlite
      .prepare('UPDATE conversations SET last_customer_message_at = ?, last_human_reply_at = NULL WHERE id = ?')
      .run(t.clock.now(), id);
    const refused = await t.core.dispatch('conversations.resolve', { conversationId: id, dispositionId: disposition });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'rule_violation',
      messageKey: 'errors.closingRefused',
      params: { missing: 'noJustification' },
    });
    await expectChange(
      'messages.sendReply',
      { conversationId: id, text: 'Listo, quedó resuelto.' },
      'sendReply',
      'message.sent',
    );
    const { res } = await expectChange(
      'conversations.resolve',
      { conversationId: id, dispositionId: disposition },
      'resolve',
      'conversation.resolved',
    );
    expect((res as unknown as { justification: string }).justification).toBe('answered');
    expect(conv(id)).toMatchObject({ status: 'resolved', snoozed_until: null });
    const cycleNumber = Number(conv(id).cycle);
    const cycle = t.sqlite
      .prepare('SELECT * FROM conversation_cycles WHERE conversation_id = ? AND number = ?')
      .get(id, cycleNumber) as Record<string, unknown>;
    expect(cycle).toMatchObject({
      resolved_at: t.clock.now(),
      resolved_by: r.meId,
      disposition_id: disposition,
      justification: 'answered',
      resolved_tray_id: conv(id).tray_id,
    });
    await expectError('conversations.resolve', { conversationId: id, dispositionId: disposition }, 'rule_violation');
    const { audit: reopened } = await expectChange(
      'conversations.setStatus',
      { conversationId: id, status: 'open' },
      'setStatus',
      'conversation.statusChanged',
    );
    expect(reopened.after).toEqual({ status: 'open', cycle: cycleNumber + 1 });
    expect(conv(id)).toMatchObject({ status: 'open', cycle: cycleNumber + 1, cycle_started_at: t.clock.now() });
    // The closed cycle's record is untouched by the reopen.
    expect(
      t.sqlite
        .prepare('SELECT * FROM conversation_cycles WHERE conversation_id = ? AND number = ?')
        .get(id, cycleNumber),
    ).toEqual(cycle);
  });
});

describe('conversations.addTag / removeTag', () => {
  it('adds and removes with audit; repeats are unchanged; unknown tag not_found', async () => {
    const id = r.conversations[4]!;
    const has = new Set(
      (
        t.sqlite.prepare('SELECT tag_id FROM conversation_tags WHERE conversation_id = ?').all(id) as {
          tag_id: string;
        }[]
      ).map((x) => x.tag_id),
    );
    const tag = r.tags.find((x) => !has.has(x))!;
    const added = await expectChange(
      'conversations.addTag',
      { conversationId: id, tagId: tag },
      'addTag',
      'conversation.tagAdded',
    );
    expect(added.audit.after).toEqual({ tagId: tag });
    expect(added.res.conversation.tagIds).toContain(tag);
    await expectUnchanged('conversations.addTag', { conversationId: id, tagId: tag });
    const removed = await expectChange(
      'conversations.removeTag',
      { conversationId: id, tagId: tag },
      'removeTag',
      'conversation.tagRemoved',
    );
    expect(removed.audit.before).toEqual({ tagId: tag });
    expect(removed.res.conversation.tagIds).not.toContain(tag);
    await expectUnchanged('conversations.removeTag', { conversationId: id, tagId: tag });
    await expectError('conversations.addTag', { conversationId: id, tagId: MISSING }, 'not_found');
    await expectError('conversations.removeTag', { conversationId: id, tagId: MISSING }, 'not_found');
    await expectError('conversations.addTag', { conversationId: MISSING, tagId: tag }, 'not_found');
  });
});

describe('notes.add / messages.sendReply', () => {
  it('adds a private note, queued as addNote with its id', async () => {
    const id = r.conversations[5]!;
    const { res, args, audit } = await expectChange(
      'notes.add',
      { conversationId: id, body: '  Llamar mañana  ' },
      'addNote',
      'note.added',
    );
    expect(res.note).toMatchObject({
      type: 'note',
      body: 'Llamar mañana',
      authorAgentId: r.meId,
      createdAt: t.clock.now(),
    });
    expect(args).toEqual({ conversationId: id, noteId: res.note.id, body: 'Llamar mañana' });
    expect(audit).toMatchObject({ entity: 'note', entity_id: res.note.id });
    expect(t.sqlite.prepare('SELECT count(*) AS n FROM notes WHERE id = ?').get(res.note.id)).toEqual({ n: 1 });
    await expectError('notes.add', { conversationId: id, body: '   ' }, 'invalid_input');
    await expectError('notes.add', { conversationId: MISSING, body: 'x' }, 'not_found');
  });

  it('sends a reply: outbound pending message, ends the wait, sets first response', async () => {
    const row = t.sqlite
      .prepare('SELECT id FROM conversations WHERE waiting_since IS NOT NULL AND first_response_at IS NULL LIMIT 1')
      .get() as { id: string } | undefined;
    const id = row?.id ?? r.conversations[6]!;
    const before = conv(id);
    const { res, args, audit } = await expectChange(
      'messages.sendReply',
      { conversationId: id, text: 'Hola, te ayudo' },
      'sendReply',
      'message.sent',
    );
    expect(res.message).toMatchObject({
      type: 'message',
      direction: 'outbound',
      authorKind: 'agent',
      authorAgentId: r.meId,
      text: 'Hola, te ayudo',
      deliveryStatus: 'pending',
    });
    expect(args).toEqual({ conversationId: id, messageId: res.message.id, text: 'Hola, te ayudo' });
    expect(audit.before).toEqual({ waitingSince: before.waiting_since });
    expect(conv(id)).toMatchObject({
      snippet: 'Hola, te ayudo',
      last_activity_at: t.clock.now(),
      waiting_since: null,
      first_response_at: before.first_response_at ?? t.clock.now(),
    });
    const cycle = t.sqlite
      .prepare('SELECT first_human_reply_at AS f FROM conversation_cycles WHERE conversation_id = ? AND number = ?')
      .get(id, before.cycle) as { f: number };
    expect(cycle.f).not.toBeNull();
    // A second reply keeps the first response time.
    const first = conv(id).first_response_at;
    await expectChange('messages.sendReply', { conversationId: id, text: 'Otra' }, 'sendReply', 'message.sent');
    expect(conv(id).first_response_at).toBe(first);
    await expectError('messages.sendReply', { conversationId: id, text: '' }, 'invalid_input');
    await expectError('messages.sendReply', { conversationId: id, text: 'x'.repeat(10_001) }, 'invalid_input');
  });
});

describe('conversations.bulk', () => {
  it('reports changed / unchanged / failed per item; failures do not block the others', async () => {
    const [a, b, c] = r.conversations.slice(10, 13) as [string, string, string];
    await t.call('conversations.setStatus', { conversationId: b, status: 'pending' });
    await t.call('conversations.setStatus', { conversationId: a, status: 'open' });
    const before = lastMutationId();
    const res = await t.call('conversations.bulk', {
      conversationIds: [a, MISSING, b, a, c],
      action: { type: 'setStatus', status: 'pending' },
    });
    const byId = Object.fromEntries(res.results.map((x: BulkItemResult) => [x.conversationId, x]));
    expect(res.results).toHaveLength(4); // duplicates collapse
    expect(byId[a]).toEqual({ conversationId: a, ok: true, outcome: 'changed' });
    expect(byId[b]).toEqual({ conversationId: b, ok: true, outcome: 'unchanged' });
    expect(byId[MISSING]).toMatchObject({ ok: false, outcome: 'failed', error: { code: 'not_found' } });
    expect(conv(a).status).toBe('pending');
    expect(conv(c).status).toBe('pending');
    const changedCount = res.results.filter((x: BulkItemResult) => x.outcome === 'changed').length;
    expect(lastMutationId()).toBe(before + changedCount);
    const names = (
      t.sqlite.prepare('SELECT name FROM outbox WHERE mutation_id > ? ORDER BY mutation_id').all(before) as {
        name: string;
      }[]
    ).map((x) => x.name);
    expect(names).toEqual(Array(changedCount).fill('setStatus'));
  });

  it('bulk move into a category of another tray fails every item, nothing written', async () => {
    const [a, b] = r.trays.filter((x) => x.categories.length);
    const fp = fingerprint(t.sqlite);
    const res = await t.call('conversations.bulk', {
      conversationIds: r.conversations.slice(0, 5),
      action: { type: 'move', trayId: a!.id, categoryId: b!.categories[0]! },
    });
    expect(res.results.every((x: BulkItemResult) => x.outcome === 'failed' && x.error?.code === 'rule_violation')).toBe(
      true,
    );
    expect(fingerprint(t.sqlite)).toBe(fp);
  });

  it('bulk assign/addTag/removeTag apply to each item', async () => {
    const ids = r.conversations.slice(20, 25);
    await t.call('conversations.bulk', { conversationIds: ids, action: { type: 'assign', assigneeId: r.meId } });
    await t.call('conversations.bulk', { conversationIds: ids, action: { type: 'addTag', tagId: r.tags[0]! } });
    for (const id of ids) {
      expect(conv(id).assignee_id).toBe(r.meId);
      expect(
        t.sqlite
          .prepare('SELECT 1 FROM conversation_tags WHERE conversation_id = ? AND tag_id = ?')
          .get(id, r.tags[0]!),
      ).toBeTruthy();
    }
    const res = await t.call('conversations.bulk', {
      conversationIds: ids,
      action: { type: 'removeTag', tagId: r.tags[0]! },
    });
    expect(res.results.every((x: BulkItemResult) => x.outcome === 'changed')).toBe(true);
    await expectError(
      'conversations.bulk',
      { conversationIds: [], action: { type: 'assign', assigneeId: null } },
      'invalid_input',
    );
  });

  it('mutation ids stay contiguous 1..max across everything above', () => {
    const s = t.sqlite
      .prepare('SELECT count(*) AS n, min(mutation_id) AS lo, max(mutation_id) AS hi FROM outbox')
      .get() as { n: number; lo: number; hi: number };
    expect(s.lo).toBe(1);
    expect(s.hi).toBe(s.n);
    expect(lastMutationId()).toBe(s.hi);
  });
});

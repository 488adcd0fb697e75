// Table-driven tests of every shared mutator (src/shared/mutators), run by the pure in-memory driver
// (tests/helpers/memory-store.ts) on a tiny seeded workspace. Each case asserts the outcome — applied with
// its history entry, a no-op, or a refusal with its messageKey/params — and that a refusal or a no-op wrote
// nothing. Because the replica and the server run this very code, a parity test runs every case as both
// and demands the same decision and the same writes (only the server's ticket numbers and effects differ).
import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES } from '../../src/shared';
import { envFor, seedStore, type Seed } from '../helpers/memory-seed';
import {
  createStore,
  insert,
  type MemoryStore,
  rows,
  run,
  type RunResult,
  runTx,
  snapshot,
  StoreError,
} from '../helpers/memory-store';
import { refuse } from '../../src/shared/mutators';
import type { Case, Ctx } from '../helpers/mutator-cases';
import { resolveCases, messageCases, mergeCases } from './shared-mutators/closing.cases';
import { assignCases, moveCases, reminderCases, statusCases, tagCases } from './shared-mutators/conversation.cases';
import {
  adminAllowedCases,
  adminOnlyCases,
  memberCases,
  orderCases,
  tagSettingCases,
  trayCases,
} from './shared-mutators/settings.cases';
import { contactCases, taskCases, ticketCases } from './shared-mutators/work.cases';

const GROUPS: Record<string, Case[]> = {
  assign: assignCases,
  move: moveCases,
  setStatus: statusCases,
  tags: tagCases,
  resolve: resolveCases,
  'replies, notes and confirmation': messageCases,
  'snooze and follow-up': reminderCases,
  merge: mergeCases,
  tasks: taskCases,
  tickets: ticketCases,
  'contacts and companies': contactCases,
  'settings: trays and categories': trayCases,
  'settings: tags and dispositions': tagSettingCases,
  'settings: order and workspace settings': orderCases,
  'settings: who works a tray': memberCases,
  'settings: admins only': [...adminOnlyCases, ...adminAllowedCases],
};
const ALL = Object.values(GROUPS).flat();

interface Played {
  s: Seed;
  ctx: Ctx;
  result: RunResult;
  before: MemoryStore;
}

function play(c: Case, side: 'client' | 'server'): Played {
  const s = seedStore();
  const ctx: Ctx = {};
  c.setup?.(s, ctx);
  const before = snapshot(s.store);
  const { name, args } = c.call(s, ctx);
  const result = run(s.store, name, args as never, envFor(s, c.as, side));
  return { s, ctx, result, before };
}

const decision = (r: RunResult) => (r.ok ? 'applied' : r.error.messageKey);

for (const [group, cases] of Object.entries(GROUPS)) {
  describe(group, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const { s, ctx, result, before } = play(c, c.side ?? 'client');
      if (c.expect === 'noop' || 'refused' in c.expect) {
        if (c.expect !== 'noop') {
          expect(result.ok ? 'applied' : result.error.messageKey, result.ok ? '' : result.error.message).toBe(
            c.expect.refused,
          );
          if (c.expect.params && !result.ok) expect(result.error.params).toMatchObject(c.expect.params);
          if (!result.ok) expect(result.error.message).toMatch(/\p{L}/u);
        } else expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
        // Nothing written: no row, no history, no effect.
        expect(snapshot(s.store)).toEqual(before);
        return;
      }
      expect(result.ok, result.ok ? '' : `${result.error.messageKey}: ${result.error.message}`).toBe(true);
      const added = s.store.audits.slice(before.audits.length);
      // One action; a contact's or a ticket's change writes it into each conversation's timeline it concerns.
      expect([...new Set(added.map((a) => a.action))]).toEqual([c.expect.audit]);
      for (const a of added)
        expect(a).toMatchObject({ actorId: s.agents[c.as].id, at: s.now, workspaceId: s.workspaceId });
      c.check?.(s, result.ok ? result.value : undefined, ctx);
    });
  });
}

describe('coverage', () => {
  it('every mutation has cases, applied and refused', () => {
    const s = seedStore();
    const seen = new Map<string, Set<string>>();
    for (const c of ALL) {
      const { name } = c.call(s, {});
      const kinds = seen.get(name) ?? new Set();
      kinds.add(c.expect === 'noop' ? 'noop' : 'audit' in c.expect ? 'applied' : 'refused');
      seen.set(name, kinds);
    }
    for (const name of MUTATION_NAMES)
      expect([name, [...(seen.get(name) ?? [])].sort()]).toEqual([
        name,
        expect.arrayContaining(['applied', 'refused']),
      ]);
  });
});

/** The writes of a run, without what legitimately differs by side: server-minted ids and numbers. */
function normalized(s: Seed) {
  const tables = Object.fromEntries(
    [...s.store.tables.entries()].map(([entity, t]) => [
      entity,
      [...t.values()]
        .map((r) => {
          const row = { ...r };
          if (entity === 'conversation_cycles') row.id = `${String(r.conversationId)}#${String(r.number)}`;
          if (entity === 'tickets') delete row.number;
          return row;
        })
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ]),
  );
  const audits = s.store.audits.map((a) => ({ ...a, after: a.after && { ...a.after, number: undefined } }));
  return { tables, audits };
}

describe('the replica and the server decide the same', () => {
  it.each(ALL.filter((c) => !c.side).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const client = play(c, 'client');
    const server = play(c, 'server');
    expect(decision(server.result)).toBe(decision(client.result));
    if (!client.result.ok && !server.result.ok) expect(server.result.error.params).toEqual(client.result.error.params);
    expect(normalized(server.s)).toEqual(normalized(client.s));
  });

  it('only the server performs effects: the reply is queued, the ticket numbered', () => {
    for (const side of ['client', 'server'] as const) {
      const s = seedStore();
      const env = envFor(s, 'ana', side);
      const messageId = s.newId();
      run(s.store, 'sendReply', { conversationId: s.conversations.unanswered, messageId, text: 'Hola' }, env);
      const ticketId = s.newId();
      run(
        s.store,
        'createTicket',
        { ticketId, conversationId: s.conversations.unanswered, subject: 'Falla', priority: 'normal' },
        env,
      );
      const number = rows(s.store, 'tickets').find((t) => t.id === ticketId)!.number;
      if (side === 'client') {
        expect(s.store.effects).toEqual([]);
        expect(number).toBeNull();
      } else {
        expect(s.store.effects).toEqual([
          {
            name: 'enqueueReply',
            messageId,
            conversationId: s.conversations.unanswered,
            channelId: expect.any(String),
          },
          { name: 'nextTicketNumber' },
        ]);
        expect(number).toBe(2);
      }
    }
  });

  it('a past snooze: the replica refuses it, the server applies it (an offline draft still wakes once)', () => {
    const c = reminderCases.find((x) => x.name.startsWith('the server accepts a snooze'))!;
    expect(decision(play(c, 'client').result)).toBe('errors.snoozeInPast');
    expect(decision(play(c, 'server').result)).toBe('applied');
  });
});

describe('the memory store behaves like a database', () => {
  const seeded = () => {
    const s = seedStore();
    return { s, env: envFor(s, 'admin') };
  };

  it('fills the schema defaults the mutators rely on', () => {
    const { s } = seeded();
    const note = insert(s.store, 'notes', {
      id: s.newId(),
      conversationId: s.conversations.unanswered,
      authorAgentId: s.agents.ana.id,
      body: 'x',
      createdAt: 1,
    });
    expect(note).toMatchObject({ kind: 'plain', mentions: [], fields: null, externalChannel: null, occurredAt: null });
    const task = insert(s.store, 'tasks', {
      id: s.newId(),
      workspaceId: s.workspaceId,
      title: 't',
      createdBy: s.agents.ana.id,
      createdAt: 1,
      updatedAt: 1,
    });
    expect(task).toMatchObject({ done: false, doneAt: null, conversationId: null, dueAt: null });
  });

  it('refuses a duplicate primary key, a missing NOT NULL column, a dangling reference and an unknown column', () => {
    const { s } = seeded();
    const tag = { id: s.tags.vip, workspaceId: s.workspaceId, name: 'Otra', color: '#000000' };
    expect(() => insert(s.store, 'tags', tag)).toThrow(StoreError);
    expect(() => insert(s.store, 'tags', { id: s.newId(), workspaceId: s.workspaceId, name: 'Sin color' })).toThrow(
      /NOT NULL/,
    );
    expect(() => insert(s.store, 'tags', { ...tag, id: s.newId(), workspaceId: s.newId() })).toThrow(/FOREIGN KEY/);
    expect(() => insert(s.store, 'tags', { ...tag, id: s.newId(), colour: 'x' } as never)).toThrow(/no column/);
    const fresh = createStore();
    expect(() => insert(fresh, 'workspaces', { id: 'w', name: 'n', timezone: 'UTC', createdAt: 1 })).not.toThrow();
  });

  it('refuses deleting a row still referenced (the merge must move every child first)', () => {
    const { s, env } = seeded();
    expect(() =>
      runTx(
        s.store,
        env,
        (function* () {
          yield { kind: 'delete', entity: 'conversations', key: { id: s.conversations.unanswered } } as const;
        })(),
      ),
    ).toThrow(/FOREIGN KEY/);
  });

  it('rolls back every write of a mutation that throws halfway', () => {
    const { s, env } = seeded();
    const before = snapshot(s.store);
    expect(() =>
      runTx(
        s.store,
        env,
        (function* () {
          yield { kind: 'update', entity: 'tags', key: { id: s.tags.vip }, set: { name: 'Cambiada' } } as const;
          yield {
            kind: 'audit',
            entry: { action: 'x', entity: 'x', entityId: 'x', conversationId: null, before: null, after: null },
          } as const;
          yield { kind: 'insert', entity: 'tags', row: { id: s.tags.vip } } as const;
        })(),
      ),
    ).toThrow(StoreError);
    expect(snapshot(s.store)).toEqual(before);
  });

  it('rolls back a refusal after writes, and reports it as a refusal', () => {
    const { s, env } = seeded();
    const before = snapshot(s.store);
    const r = runTx(
      s.store,
      env,
      (function* () {
        yield { kind: 'update', entity: 'tags', key: { id: s.tags.vip }, set: { name: 'Cambiada' } } as const;
        throw refuse('conflict', 'errors.x', 'No');
      })(),
    );
    expect(r.ok ? null : r.error.messageKey).toBe('errors.x');
    expect(snapshot(s.store)).toEqual(before);
  });

  it('answers a key that is not the primary key with an error (drivers look rows up by key only)', () => {
    const { s, env } = seeded();
    expect(() =>
      runTx(
        s.store,
        env,
        (function* () {
          yield { kind: 'get', entity: 'tags', key: { name: 'VIP' } } as const;
        })(),
      ),
    ).toThrow(/key must be exactly/);
  });

  it('two seeds are identical (ids are deterministic), so runs can be compared', () => {
    expect(snapshot(seedStore().store)).toEqual(snapshot(seedStore().store));
  });
});

// src/shared: the contract table, ids/cursors, errors (sanitized payloads) and mutation schemas.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppError,
  BulkAction,
  contract,
  Cursor,
  ERROR_CODES,
  EVENT_NAMES,
  events,
  Id,
  isEventName,
  isMethodName,
  METHOD_NAMES,
  MUTATION_NAMES,
  MutationArgs,
  MutationEnvelope,
  newId,
  SettableStatus,
  toErrorPayload,
  WsRequest,
  zodIssues,
} from '../../src/shared';

describe('contract', () => {
  it('every method has zod input and output schemas; names are stable', () => {
    expect(METHOD_NAMES).toEqual(
      expect.arrayContaining([
        'session.get',
        'conversations.list',
        'conversations.bulk',
        'drafts.set',
        'attachments.open',
      ]),
    );
    for (const m of METHOD_NAMES) {
      expect(contract[m].input).toBeInstanceOf(z.ZodType);
      expect(contract[m].output).toBeInstanceOf(z.ZodType);
      expect(m).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    }
    for (const e of EVENT_NAMES) expect(events[e]).toBeInstanceOf(z.ZodType);
  });

  it('isMethodName / isEventName accept own keys only', () => {
    expect(isMethodName('session.get')).toBe(true);
    for (const bad of ['__proto__', 'constructor', 'toString', '', 1, null, undefined, {}]) {
      expect(isMethodName(bad)).toBe(false);
      expect(isEventName(bad)).toBe(false);
    }
    expect(isEventName('data.changed')).toBe(true);
  });

  it('defaults: list filters {} and limit 50; search limit 20', () => {
    const parsed = contract['conversations.list'].input.parse({ view: { kind: 'all' } });
    expect(parsed).toEqual({ view: { kind: 'all' }, filters: {}, limit: 50 });
    expect(contract['conversations.search'].input.parse({ query: '  hola ' })).toEqual({ query: 'hola', limit: 20 });
  });

  it('Cursor: "<digits>:<uuid>" only', () => {
    const id = newId();
    expect(Cursor.safeParse(`123:${id}`).success).toBe(true);
    for (const bad of [`:${id}`, `12a:${id}`, `1:${id}x`, '1:abc', `${'9'.repeat(17)}:${id}`, ''])
      expect(Cursor.safeParse(bad).success, bad).toBe(false);
  });

  it('ids: newId is a UUIDv7, time-ordered, accepted by Id', () => {
    const a = newId();
    const b = newId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(Id.safeParse(a).success).toBe(true);
    expect(Id.safeParse('not-a-uuid').success).toBe(false);
  });
});

describe('mutations', () => {
  it('SettableStatus is open | pending (resolve and snooze have their own rules); BulkAction is discriminated', () => {
    expect(SettableStatus.options).toEqual(['open', 'pending']);
    expect(BulkAction.safeParse({ type: 'setStatus', status: 'resolved' }).success).toBe(false);
    expect(BulkAction.safeParse({ type: 'resolve', dispositionId: newId() }).success).toBe(true);
    expect(BulkAction.safeParse({ type: 'setStatus', status: 'snoozed' }).success).toBe(false);
    expect(BulkAction.safeParse({ type: 'delete' }).success).toBe(false);
    expect(BulkAction.safeParse({ type: 'assign', assigneeId: null }).success).toBe(true);
  });

  it('every mutation name has args; envelope validates', () => {
    expect(MUTATION_NAMES.sort()).toEqual(Object.keys(MutationArgs).sort());
    const env = { clientId: newId(), mutationId: 1, name: 'assign', version: 1, args: {}, clientTime: 0 };
    expect(MutationEnvelope.safeParse(env).success).toBe(true);
    expect(MutationEnvelope.safeParse({ ...env, mutationId: 0 }).success).toBe(false);
    expect(MutationEnvelope.safeParse({ ...env, name: 'drop' }).success).toBe(false);
    expect(MutationArgs.addNote.safeParse({ conversationId: newId(), noteId: newId(), body: '  ' }).success).toBe(
      false,
    );
  });
});

describe('errors', () => {
  it('AppError becomes its payload; anything else is a bare internal error (no message/stack leak)', () => {
    expect(toErrorPayload(new AppError('not_found', 'x', 'errors.k'))).toEqual({
      code: 'not_found',
      message: 'x',
      messageKey: 'errors.k',
    });
    expect(toErrorPayload(new Error('SQLITE_CONSTRAINT: secret'))).toEqual({
      code: 'internal',
      message: 'Internal error',
    });
    expect(toErrorPayload('str')).toEqual({ code: 'internal', message: 'Internal error' });
    expect(ERROR_CODES).toContain('invalid_input');
  });

  it('zodIssues flattens paths and caps at 20', () => {
    const r = z.array(z.number()).safeParse(Array(30).fill('x'));
    expect(r.success).toBe(false);
    const issues = zodIssues(r.error!);
    expect(issues).toHaveLength(20);
    expect(issues[0]).toEqual({ path: '0', message: expect.any(String) });
  });

  it('WsRequest frame shape', () => {
    expect(WsRequest.safeParse({ id: 1, method: 'session.get', input: {} }).success).toBe(true);
    expect(WsRequest.safeParse({ id: -1, method: 'x' }).success).toBe(false);
    expect(WsRequest.safeParse({ id: 1, method: 'x'.repeat(101) }).success).toBe(false);
  });
});

// Device-local methods: drafts get/set/clear, prefs get/set (bad values refused), attachments.open allow-list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PREFS } from '../../src/shared';
import { fingerprint, makeTempCore, refs, type Ref, type TempCore } from '../helpers/core';

let t: TempCore;
let r: Ref;
const opened: string[] = [];

beforeAll(() => {
  t = makeTempCore({
    seedDemo: { conversations: 10 },
    openExternal: async (url) => {
      opened.push(url);
      return true;
    },
  });
  r = refs(t);
});
afterAll(() => t.close());

const code = async (method: string, input: unknown) => {
  const res = await t.core.dispatch(method, input);
  return res.ok ? 'ok' : res.error.code;
};

describe('drafts', () => {
  it('empty by default, saves, overwrites, clears with empty text; never touches the outbox', async () => {
    const conversationId = r.conversations[0]!;
    expect(await t.call('drafts.get', { conversationId })).toEqual({ text: '', mode: 'reply' });
    expect(await t.call('drafts.set', { conversationId, text: 'Hola', mode: 'reply' })).toEqual({ saved: true });
    expect(await t.call('drafts.get', { conversationId })).toEqual({ text: 'Hola', mode: 'reply' });
    expect(await t.call('drafts.set', { conversationId, text: 'Nota  ', mode: 'note' })).toEqual({ saved: true });
    expect(await t.call('drafts.get', { conversationId })).toEqual({ text: 'Nota  ', mode: 'note' });
    expect(await t.call('drafts.get', { conversationId: r.conversations[1]! })).toEqual({ text: '', mode: 'reply' });
    await t.call('drafts.set', { conversationId, text: '', mode: 'reply' });
    expect(await t.call('drafts.get', { conversationId })).toEqual({ text: '', mode: 'reply' });
    expect(t.sqlite.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 });
    expect(t.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(await code('drafts.set', { conversationId, text: 'x'.repeat(10_001), mode: 'reply' })).toBe('invalid_input');
    expect(await code('drafts.set', { conversationId, text: 'x', mode: 'email' })).toBe('invalid_input');
  });
});

describe('prefs', () => {
  it('defaults, partial set merges and persists, emits prefs.changed', async () => {
    expect(await t.call('prefs.get')).toEqual(DEFAULT_PREFS);
    const seen: unknown[] = [];
    const off = t.core.subscribe((e, p) => e === 'prefs.changed' && seen.push(p));
    const next = await t.call('prefs.set', { theme: 'dark', columnWidths: [200, 400, 300] });
    off();
    expect(next).toEqual({ ...DEFAULT_PREFS, theme: 'dark', columnWidths: [200, 400, 300] });
    expect(seen).toEqual([next]);
    expect(await t.call('prefs.set', { locale: 'en' })).toEqual({ ...next, locale: 'en' });
    expect(await t.call('prefs.get')).toEqual({ ...next, locale: 'en' });
  });

  it('rejects bad values and writes nothing', async () => {
    const fp = fingerprint(t.sqlite);
    for (const bad of [
      { locale: 'fr' },
      { theme: 'neon' },
      { columnWidths: [10, 400, 300] },
      { columnWidths: [200, 400] },
      { columnWidths: [200, 400, 300.5] },
      { detailsCollapsed: 'yes' },
      'prefs',
    ])
      expect(await code('prefs.set', bad), JSON.stringify(bad)).toBe('invalid_input');
    expect(fingerprint(t.sqlite)).toBe(fp);
  });

  it('falls back per field when stored prefs are stale or broken', async () => {
    t.sqlite.prepare("UPDATE meta SET value = ? WHERE key = 'prefs'").run(JSON.stringify({ theme: 'dark' }));
    expect(await t.call('prefs.get')).toEqual({ ...DEFAULT_PREFS, theme: 'dark' });
    t.sqlite.prepare("UPDATE meta SET value = ? WHERE key = 'prefs'").run(JSON.stringify({ theme: 'sepia' }));
    expect(await t.call('prefs.get')).toEqual(DEFAULT_PREFS);
  });
});

describe('attachments.open', () => {
  it('opens only http(s), mailto, tel and file URLs', async () => {
    for (const url of [
      'https://example.com/a.pdf',
      'http://x.cl',
      'mailto:a@b.cl',
      'tel:+56912345678',
      'file:///tmp/a.pdf',
      'HTTPS://X.CL',
    ]) {
      expect(await t.call('attachments.open', { url })).toEqual({ opened: true });
    }
    const count = opened.length;
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'smb://host/share',
      '',
      ' https://x.cl',
      'chrome://settings',
      'ms-settings:x',
    ]) {
      expect(await code('attachments.open', { url }), url).toBe('forbidden');
    }
    expect(opened).toHaveLength(count);
    expect(await code('attachments.open', { url: 'https://x.cl/' + 'a'.repeat(2048) })).toBe('invalid_input');
  });
});

describe('dispatch', () => {
  it('unknown methods and prototype keys are unknown_method', async () => {
    for (const m of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''])
      expect(await code(m, {})).toBe('unknown_method');
  });
});

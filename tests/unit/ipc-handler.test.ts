// The Electron IPC entry point (src/main/ipc-handler.ts) without Electron: sender frame first, then the
// method name, then the core.
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createIpcHandler, createSenderValidator, type Dispatch } from '../../src/main/ipc-handler';

const INDEX = pathToFileURL('/opt/Bandeja/resources/app.asar/out/renderer/index.html').href;
const trusted = createSenderValidator({ rendererIndexUrl: INDEX });
const ok = (value: unknown) => ({ ok: true as const, value });

function setup(dispatchImpl: Dispatch = async () => ok({ me: 'agent' })) {
  const dispatch = vi.fn(dispatchImpl);
  const handler = createIpcHandler({ dispatch, isTrustedSender: trusted });
  return { dispatch, handler };
}

describe('createIpcHandler', () => {
  it('refuses untrusted or missing sender frames before anything else runs', async () => {
    const { dispatch, handler } = setup();
    for (const senderFrame of [
      null,
      { url: 'https://evil.example/' },
      { url: pathToFileURL('/tmp/other/index.html').href },
      { url: 'file:///opt/Bandeja/resources/app.asar/out/renderer/index.html/../../evil.html' },
      { url: 'not a url' },
      { url: '' },
    ]) {
      // Even an unknown method must be refused as forbidden: the sender check comes first.
      const r = await handler({ senderFrame }, 'no.such.method', { x: 1 });
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers unknown_method for names outside the contract without calling the core', async () => {
    const { dispatch, handler } = setup();
    for (const method of ['nope', 42, null, '__proto__', 'constructor', 'toString']) {
      const r = await handler({ senderFrame: { url: INDEX } }, method, {});
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_method' }) });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes a valid call through to dispatch and returns its result', async () => {
    const { dispatch, handler } = setup();
    const r = await handler({ senderFrame: { url: `${INDEX}#/inbox?x=1` } }, 'session.get', {});
    expect(r).toEqual(ok({ me: 'agent' }));
    expect(dispatch).toHaveBeenCalledWith('session.get', {});
  });

  it('sanitizes a dispatch that throws (no stack or message leaks)', async () => {
    const { handler } = setup(async () => {
      throw new Error('SQLITE_CORRUPT at /home/secret/path');
    });
    const r = await handler({ senderFrame: { url: INDEX } }, 'session.get', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error' } });
  });

  it('throws at registration when no sender validator is given', () => {
    const dispatch: Dispatch = async () => ok(null);
    expect(() => createIpcHandler({ dispatch, isTrustedSender: undefined as never })).toThrow(/sender validator/);
  });
});

describe('createSenderValidator', () => {
  it('trusts the dev server origin only when one is configured', () => {
    const dev = createSenderValidator({ rendererIndexUrl: INDEX, devServerUrl: 'http://localhost:5173/' });
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://evil.localhost:5173/')).toBe(false);
    expect(trusted('http://localhost:5173/')).toBe(false);
  });
});

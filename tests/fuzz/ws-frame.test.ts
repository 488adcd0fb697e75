// handleWsFrame never throws and always answers one well-formed response frame, whatever arrives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleWsFrame, type Dispatch } from '../../src/host/ws-frame';
import { WsResponse } from '../../src/shared/wire';

const echo: Dispatch = async (method, input) => ({ ok: true, value: { method, input } });
const throwing: Dispatch = async () => {
  throw new Error('boom');
};

describe('handleWsFrame', () => {
  it('answers arbitrary strings and JSON with a valid response frame', async () => {
    const frames = fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({ id: fc.anything(), method: fc.anything(), input: fc.anything() }).map((o) => JSON.stringify(o)),
      fc
        .record({ id: fc.nat(), method: fc.string({ maxLength: 120 }), input: fc.jsonValue() })
        .map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(frames, fc.boolean(), async (raw, fail) => {
        const out = await handleWsFrame(raw, fail ? throwing : echo);
        expect(WsResponse.safeParse(JSON.parse(out)).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the id of a well-formed request and reports bad frames as invalid_input', async () => {
    expect(JSON.parse(await handleWsFrame('{"id":5,"method":"a.b","input":1}', echo))).toEqual({
      id: 5,
      ok: true,
      value: { method: 'a.b', input: 1 },
    });
    expect(JSON.parse(await handleWsFrame('{"id":6}', echo))).toMatchObject({
      id: 6,
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(JSON.parse(await handleWsFrame('{', echo))).toMatchObject({ id: 0, error: { code: 'invalid_input' } });
    expect(JSON.parse(await handleWsFrame('{"id":-1,"method":"x"}', echo))).toMatchObject({ id: 0 });
  });

  it('turns an unserializable result into an internal error', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const out = JSON.parse(
      await handleWsFrame('{"id":1,"method":"x","input":null}', async () => ({ ok: true, value: cyclic })),
    );
    expect(out).toEqual({ id: 1, ok: false, error: { code: 'internal', message: 'Internal error' } });
  });
});

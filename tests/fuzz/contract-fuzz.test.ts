// Contract fuzz: every method × 1,000 garbage / near-valid / valid inputs through core.dispatch, the IPC
// handler and the WebSocket frame handler — never a throw, always a contract-shaped result, no partial write.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleWsFrame } from '../../src/host/ws-frame';
import { createIpcHandler, createSenderValidator } from '../../src/main/ipc-handler';
import {
  contract,
  ERROR_CODES,
  ErrorPayload,
  METHOD_NAMES,
  WsResponse,
  type MethodName,
  type Result,
} from '../../src/shared';
import { fuzzPools, inputArbitrary, validArbitraries, type Pools } from '../helpers/arbitraries';
import { makeFingerprinter, makeTempCore, type TempCore } from '../helpers/core';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const TRUSTED = 'file:///opt/bandeja/out/renderer/index.html';
const isTrustedSender = createSenderValidator({ rendererIndexUrl: TRUSTED });
const senders = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ senderFrame: { url: `${TRUSTED}#/inbox` } }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { senderFrame: null },
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'file:///tmp/evil.html' } },
    ),
  },
);

let t: TempCore;
let pools: Pools;
let fp: () => string;

beforeAll(() => {
  t = makeTempCore({ seedDemo: { conversations: 80 } });
  pools = fuzzPools(t);
  fp = makeFingerprinter(t.sqlite);
});
afterAll(() => t.close());

/** Checks one result: contract output on success, a known non-internal code on failure, nothing written on failure. */
function check(method: MethodName, input: unknown, res: Result<unknown>, before: string, expect400: boolean): void {
  if (res.ok) {
    expect(expect400, `accepted invalid input ${safeJson(input)}`).toBe(false);
    const out = contract[method].output.safeParse(res.value);
    expect(out.success, `bad output for ${safeJson(input)}`).toBe(true);
    return;
  }
  expect(ErrorPayload.safeParse(res.error).success).toBe(true);
  expect(ERROR_CODES).toContain(res.error.code);
  expect(res.error.code, `internal error for ${safeJson(input)}`).not.toBe('internal');
  if (expect400) expect(res.error.code).toBe('invalid_input');
  // `unavailable`: sign-in to a server that does not answer (the fuzz never reaches a real one).
  else expect(['not_found', 'rule_violation', 'forbidden', 'conflict', 'unavailable']).toContain(res.error.code);
  expect(fp(), `partial write on failed ${method} ${safeJson(input)}`).toBe(before);
}

function safeJson(x: unknown): string {
  try {
    return (JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? typeof x).slice(0, 300);
  } catch {
    return Object.prototype.toString.call(x);
  }
}

const invalid = (method: MethodName, input: unknown) => !contract[method].input.safeParse(input ?? {}).success;

describe('contract fuzz', () => {
  const ipc = createIpcHandler({ dispatch: (m, i) => t.core.dispatch(m, i), isTrustedSender });

  for (const method of METHOD_NAMES) {
    it(`${method}: ${RUNS} inputs × dispatch / IPC / WS`, async () => {
      const valid = validArbitraries(pools)[method];
      expect(valid, `add a valid-input arbitrary for ${method} in tests/helpers/arbitraries.ts`).toBeDefined();
      const arb = inputArbitrary(valid);
      await fc.assert(
        fc.asyncProperty(arb, senders, async (input, sender) => {
          // (a) dispatch
          let before = fp();
          check(method, input, await t.core.dispatch(method, input), before, invalid(method, input));

          // (b) IPC: the sender frame is checked before anything else.
          before = fp();
          const viaIpc = await ipc(sender, method, input);
          if (sender.senderFrame?.url.startsWith(TRUSTED)) check(method, input, viaIpc, before, invalid(method, input));
          else {
            expect(viaIpc).toMatchObject({ ok: false, error: { code: 'forbidden' } });
            expect(fp()).toBe(before);
          }

          // (c) WebSocket frame: what survives JSON is what the host sees.
          const id = Math.floor(Math.random() * 1e9);
          let raw: string | undefined;
          try {
            raw = JSON.stringify({ id, method, input });
          } catch {
            raw = undefined;
          }
          before = fp();
          const frame = raw ?? `{"id":${id},"method":"${method}","input":`;
          const out = JSON.parse(await handleWsFrame(frame, (m, i) => t.core.dispatch(m, i)));
          expect(WsResponse.safeParse(out).success).toBe(true);
          if (raw === undefined) {
            expect(out).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
            expect(fp()).toBe(before);
          } else {
            expect(out.id).toBe(id);
            const sent = (JSON.parse(raw) as { input?: unknown }).input;
            const { id: _id, ...result } = out;
            check(method, sent, result as Result<unknown>, before, invalid(method, sent));
          }
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('unknown method names are refused by every transport without writing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'session.get ', 'SESSION.GET', 'toString')),
        fc.anything(),
        async (method, input) => {
          fc.pre(!(METHOD_NAMES as string[]).includes(method));
          const before = fp();
          expect(await t.core.dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
          expect(await ipc({ senderFrame: { url: TRUSTED } }, method, input)).toMatchObject({
            ok: false,
            error: { code: 'unknown_method' },
          });
          let raw: string | undefined;
          try {
            raw = JSON.stringify({ id: 1, method, input });
          } catch {
            raw = undefined;
          }
          if (raw) {
            const out = JSON.parse(await handleWsFrame(raw, (m, i) => t.core.dispatch(m, i)));
            expect(out.ok).toBe(false);
            expect(['unknown_method', 'invalid_input']).toContain(out.error.code);
          }
          expect(fp()).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('raw garbage frames always get an invalid_input response, never a throw', async () => {
    const frames = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ id: fc.anything(), method: fc.anything(), input: fc.anything() }, { requiredKeys: [] }).map((v) => {
        try {
          return JSON.stringify(v) ?? 'undefined';
        } catch {
          return '{';
        }
      }),
      fc.constantFrom(
        '',
        '{',
        'null',
        '[]',
        '{"id":1}',
        '{"id":-1,"method":"session.get"}',
        '{"id":1e400,"method":"session.get"}',
        '\uFEFF{}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(frames, async (raw) => {
        const before = fp();
        const out = JSON.parse(await handleWsFrame(raw, (m, i) => t.core.dispatch(m, i)));
        expect(WsResponse.safeParse(out).success).toBe(true);
        if (!out.ok) {
          expect(out.error.code).not.toBe('internal');
          expect(fp()).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

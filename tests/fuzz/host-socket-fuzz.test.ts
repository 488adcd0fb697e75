// Real-socket fuzz pass: fuzzed frames for every method over a live host WebSocket, plus raw garbage;
// each gets one contract-shaped answer, failures write nothing, and the socket stays usable.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, type RunningHost } from '../../src/host/server';
import { contract, ERROR_CODES, METHOD_NAMES, WsResponse } from '../../src/shared';
import { fuzzPools, garbage, inputArbitrary, validArbitraries } from '../helpers/arbitraries';
import type { ErrorPayload } from '../../src/shared';
import { makeFingerprinter, makeTempCore, type TempCore } from '../helpers/core';

const PER_METHOD = Number(process.env.SOCKET_FUZZ_PER_METHOD ?? 30);

/** A response frame as received (validated against WsResponse before use). */
interface Frame {
  id: number;
  ok: boolean;
  value?: unknown;
  error: ErrorPayload;
}

let t: TempCore;
let host: RunningHost;
let ws: WebSocket;
const pending = new Map<number, (frame: Frame) => void>();
const zeroIdFrames: Frame[] = [];

beforeAll(async () => {
  t = makeTempCore({ seedDemo: { conversations: 40 } });
  host = await startHost({
    port: 0,
    dataDir: t.dir,
    rendererDir: t.dir,
    mode: { kind: 'local', seedDemo: false },
    core: t.core,
  });
  ws = new WebSocket(`${host.url.replace('http', 'ws')}ws`, { headers: { Origin: host.url.replace(/\/$/, '') } });
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (!('id' in frame)) return; // events
    if (frame.id === 0) zeroIdFrames.push(frame);
    pending.get(frame.id)?.(frame);
    pending.delete(frame.id);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
});
afterAll(async () => {
  ws?.close();
  await host?.close();
  t.close();
});

let nextId = 1;
function call(method: string, input: unknown): Promise<Frame> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer for ${method}`)), 5000);
    pending.set(id, (f) => {
      clearTimeout(timer);
      resolve(f);
    });
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('host WebSocket fuzz (real socket)', () => {
  it(`${PER_METHOD} fuzzed frames per method get contract-shaped answers; failures write nothing`, async () => {
    const fp = makeFingerprinter(t.sqlite);
    const pools = fuzzPools(t);
    const valid = validArbitraries(pools);
    for (const method of METHOD_NAMES) {
      const inputs = fc.sample(inputArbitrary(valid[method]), { numRuns: PER_METHOD, seed: 1234 });
      for (const raw of inputs) {
        let input: unknown;
        try {
          input = JSON.parse(JSON.stringify(raw) ?? 'null');
        } catch {
          continue; // BigInt etc. cannot be sent; covered by the raw-garbage pass
        }
        const before = fp();
        const frame = await call(method, input);
        expect(WsResponse.safeParse(frame).success).toBe(true);
        const isInvalid = !contract[method].input.safeParse(input ?? {}).success;
        if (frame.ok) {
          expect(isInvalid).toBe(false);
          expect(contract[method].output.safeParse(frame.value).success, method).toBe(true);
        } else {
          expect(ERROR_CODES).toContain(frame.error.code);
          expect(frame.error.code).not.toBe('internal');
          if (isInvalid) expect(frame.error.code).toBe('invalid_input');
          expect(fp()).toBe(before);
        }
      }
    }
  });

  it('raw garbage and binary frames are answered with invalid_input; the socket stays usable', async () => {
    const raws = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        garbage.map((g) => {
          try {
            return JSON.stringify(g) ?? '';
          } catch {
            return '{';
          }
        }),
      ),
      { numRuns: 150, seed: 99 },
    );
    const before = zeroIdFrames.length;
    let expected = 0;
    for (const raw of raws) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      // Skip strings that happen to be a well-formed request with a positive id: those are answered by id.
      if (
        parsed &&
        typeof parsed === 'object' &&
        typeof (parsed as { id?: unknown }).id === 'number' &&
        (parsed as { id: number }).id !== 0
      )
        continue;
      ws.send(raw);
      expected++;
    }
    ws.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    expected++;
    const ok = await call('session.get', {}); // ordered after all of the above
    expect(ok.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    const answers = zeroIdFrames.slice(before);
    expect(answers.length).toBe(expected);
    for (const a of answers) {
      expect(WsResponse.safeParse(a).success).toBe(true);
      if (!a.ok) expect(a.error.code).not.toBe('internal');
    }
    // A huge frame (over the 1 MiB limit) closes that socket but the host keeps serving others.
    const big = new WebSocket(`${host.url.replace('http', 'ws')}ws`, {
      headers: { Origin: host.url.replace(/\/$/, '') },
    });
    await new Promise<void>((resolve) => big.once('open', () => resolve()));
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send(JSON.stringify({ id: 1, method: 'notes.add', input: { body: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    expect((await call('conversations.counts', {})).ok).toBe(true);
  });
});

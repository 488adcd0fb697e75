// Propagation A → server → B on loopback: two real replicas signed in to the listening server with
// realtime pokes on; A adds a note, we wait for B's core to emit `data.changed` naming that conversation.
// Against it, a naive client that polls a REST endpoint every 5 s: its latency is computed, not waited for
// (200 samples × 5 s would take 17 minutes): for each real sample time t, a poller with a uniformly random
// phase sees the change at its next tick after t (assuming, in its favour, that the write committed at t)
// plus one real poll request (GET /api/v1/conversations?limit=25, measured on this server).
import { DEMO_PASSWORD } from '../../src/shared/demo';
import { type Summary, summarize } from './stats';
import type { SyncServer } from './sync-server';
import { loginToken, nextChangeOf, openBenchReplica } from './sync-replica';

export const POLL_INTERVAL_MS = 5_000;

export interface PropagationResult {
  samples: number;
  timeouts: number;
  design: Summary;
  naive: Summary;
  /** The measured REST poll request the naive latency adds. */
  pollRequest: Summary;
  method: string;
  target: { p50: number; p95: number };
}

export async function runPropagationBench(
  server: SyncServer,
  opts: { samples: number; log: (m: string) => void },
): Promise<PropagationResult> {
  const writer = server.live.agents.find((a) => a.role === 'agent')!;
  const reader = server.live.agents.find((a) => a.role === 'supervisor')!;
  const a = openBenchReplica('a');
  const b = openBenchReplica('b');
  try {
    for (const [r, who] of [
      [a, writer],
      [b, reader],
    ] as const)
      await r.call('auth.signIn', {
        serverUrl: server.url,
        email: who.email,
        password: DEMO_PASSWORD,
        workspace: server.live.slug,
      });
    await a.call('sync.now');
    await b.call('sync.now');
    // Conversations A may write to (its trays), which B — a supervisor — also sees.
    const list = await a.call('conversations.list', { view: { kind: 'all' }, limit: 100 });
    const ids = list.items.map((c) => c.id);
    if (!ids.length) throw new Error('the writer sees no conversation');
    // Give both sockets time to say ready (a poke before that is caught up by the ready pull anyway).
    await new Promise((r) => setTimeout(r, 300));

    const warmup = Math.max(10, Math.round(opts.samples / 10));
    const samples: number[] = [];
    const wallTimes: number[] = [];
    let timeouts = 0;
    opts.log(`propagation: ${warmup} warmup + ${opts.samples} samples`);
    for (let i = 0; i < warmup + opts.samples; i++) {
      const conversationId = ids[i % ids.length]!;
      const seen = nextChangeOf(b.core, conversationId, 5_000);
      const wall = Date.now();
      const t0 = performance.now();
      await a.call('notes.add', { conversationId, body: `Nota de benchmark ${i}` });
      const t1 = await seen;
      if (i < warmup) continue;
      if (t1 === null) timeouts++;
      else {
        samples.push(t1 - t0);
        wallTimes.push(wall);
      }
      // Let both engines go idle, so one sample's rounds do not overlap the next one's.
      await new Promise((r) => setTimeout(r, 5));
    }

    const token = await loginToken(server.url, reader.email, DEMO_PASSWORD, server.live.slug);
    const polls: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/conversations?limit=25`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      if (i >= 10) polls.push(performance.now() - t0);
    }
    const naive = wallTimes.map((t, i) => {
      const phase = Math.random() * POLL_INTERVAL_MS;
      const wait = (((phase - t) % POLL_INTERVAL_MS) + POLL_INTERVAL_MS) % POLL_INTERVAL_MS;
      return wait + polls[i % polls.length]!;
    });
    return {
      samples: samples.length,
      timeouts,
      design: summarize(samples),
      naive: summarize(naive),
      pollRequest: summarize(polls),
      method:
        'naive = wait for the next tick of a 5 s poller with random phase after each real sample time ' +
        '(write assumed committed at once, in its favour) + a real measured GET /api/v1/conversations?limit=25',
      target: { p50: 25, p95: 75 },
    };
  } finally {
    await a.dispose();
    await b.dispose();
  }
}

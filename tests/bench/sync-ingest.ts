// Server ingest: signed Standard Webhooks deliveries (the official `standardwebhooks` package, as a real
// channel adapter signs) to POST /api/v1/inbound/messages from N concurrent senders, while 10 replicas are
// signed in to the same workspace with realtime on — each poke makes them pull, as agents' apps would.
// Figures per N: accepted messages/s, request latency p50/p95, and how long the 10 replicas took to catch
// up with the last message once the senders stopped. Server, replicas and senders share this process.
import { Webhook } from 'standardwebhooks';
import { and, eq, max } from 'drizzle-orm';
import { changeLog, channels } from '../../src/server/db/schema';
import { getMeta } from '../../src/core/db/meta';
import { INBOUND_CHANNEL_HEADER, newId } from '../../src/shared';
import { DEMO_PASSWORD } from '../../src/shared/demo';
import { type Summary, summarize } from './stats';
import type { SyncServer } from './sync-server';
import { type BenchReplica, loginToken, openBenchReplica } from './sync-replica';

export interface IngestRun {
  senders: number;
  messages: number;
  failures: number;
  seconds: number;
  perSecond: number;
  latency: Summary;
  /** After the last delivery: until every replica's cursor reached the server's last version. */
  catchUpMs: number;
  /** data.changed events the replicas applied during the run (pull pages). */
  replicaPulls: number;
}

export interface IngestResult {
  agents: number;
  runs: IngestRun[];
  rssMb: number;
}

const AGENTS = 10;

async function channelSecret(server: SyncServer): Promise<{ channelId: string; secret: string }> {
  const [ch] = await server.database.db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, server.live.workspaceId), eq(channels.kind, 'whatsapp')))
    .limit(1);
  if (!ch) throw new Error('no WhatsApp channel in the live workspace');
  const admin = server.live.agents.find((a) => a.role === 'admin')!;
  const token = await loginToken(server.url, admin.email, DEMO_PASSWORD, server.live.slug);
  const res = await fetch(`${server.url}/api/v1/channels/${ch.id}/inbound-secret`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`rotate secret: ${res.status} ${await res.text()}`);
  return { channelId: ch.id, secret: ((await res.json()) as { secret: string }).secret };
}

async function topVersion(server: SyncServer): Promise<number> {
  const [row] = await server.database.db
    .select({ v: max(changeLog.version) })
    .from(changeLog)
    .where(eq(changeLog.workspaceId, server.live.workspaceId));
  return row?.v ?? 0;
}

export async function runIngestBench(
  server: SyncServer,
  opts: { senders: number[]; seconds: number; log: (m: string) => void },
): Promise<IngestResult> {
  const { channelId, secret } = await channelSecret(server);
  const webhook = new Webhook(secret);
  const replicas: BenchReplica[] = [];
  let pulls = 0;
  try {
    const seeing = server.live.agents.filter((a) => a.role !== 'agent');
    for (let i = 0; i < AGENTS; i++) {
      const r = openBenchReplica(`agent${i}`);
      replicas.push(r);
      const who = seeing[i % seeing.length]!;
      await r.call('auth.signIn', {
        serverUrl: server.url,
        email: who.email,
        password: DEMO_PASSWORD,
        workspace: server.live.slug,
      });
      await r.call('sync.now');
      r.core.subscribe((e) => void (e === 'data.changed' && pulls++));
    }
    await new Promise((r) => setTimeout(r, 300)); // sockets ready

    const runs: IngestRun[] = [];
    // Returning customers write again (their conversation grows), new ones open conversations.
    const customers = Array.from({ length: 200 }, (_, i) => `5691${String(i).padStart(7, '0')}`);
    for (const n of opts.senders) {
      const latencies: number[] = [];
      let failures = 0;
      pulls = 0;
      const started = performance.now();
      const deadline = started + opts.seconds * 1000;
      const sender = async () => {
        while (performance.now() < deadline) {
          const returning = Math.random() < 0.7;
          const externalId = returning
            ? customers[Math.floor(Math.random() * customers.length)]!
            : `5699${newId().slice(-8)}`;
          const body = JSON.stringify({
            channelMessageId: `wamid.${newId()}`,
            from: { externalId, name: 'Cliente Bench' },
            text: 'Hola, ¿me ayudan con mi póliza? 🙏',
            sentAt: Date.now(),
          });
          const id = `msg_${newId()}`;
          const now = new Date();
          const t0 = performance.now();
          const res = await fetch(`${server.url}/api/v1/inbound/messages`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              [INBOUND_CHANNEL_HEADER]: channelId,
              'webhook-id': id,
              'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
              'webhook-signature': webhook.sign(id, now, body),
            },
            body,
          });
          await res.arrayBuffer();
          if (res.ok) latencies.push(performance.now() - t0);
          else failures++;
        }
      };
      await Promise.all(Array.from({ length: n }, sender));
      const ended = performance.now();
      const top = await topVersion(server);
      const caughtUp = () => replicas.every((r) => Number(getMeta(r.core.context.db, 'cursor') ?? '0') >= top);
      while (!caughtUp() && performance.now() - ended < 30_000) await new Promise((r) => setTimeout(r, 10));
      const catchUpMs = performance.now() - ended;
      const seconds = (ended - started) / 1000;
      runs.push({
        senders: n,
        messages: latencies.length,
        failures,
        seconds,
        perSecond: latencies.length / seconds,
        latency: summarize(latencies),
        catchUpMs,
        replicaPulls: pulls,
      });
      opts.log(`ingest: ${n} senders → ${(latencies.length / seconds).toFixed(0)} msg/s`);
    }
    return { agents: AGENTS, runs, rssMb: process.memoryUsage().rss / 1e6 };
  } finally {
    for (const r of replicas) await r.dispose();
  }
}

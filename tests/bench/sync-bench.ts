// The sync benchmarks (`npm run bench`, skipped with --no-sync): one server on loopback over a working
// copy of the cached server database, then propagation (sync-propagation.ts), initial sync at scale
// (sync-initial.ts) and inbound ingest with 10 connected replicas (sync-ingest.ts). Figures only: nothing
// here fails on time.
import { type InitialSyncResult, runInitialSyncBench } from './sync-initial';
import { type IngestResult, runIngestBench } from './sync-ingest';
import { type PropagationResult, runPropagationBench } from './sync-propagation';
import { startSyncServer } from './sync-server';

export interface SyncBenchResult {
  backend: 'pglite' | 'postgres';
  conversations: number;
  serverBuilt: boolean;
  serverBuildMs: number;
  propagation: PropagationResult | { skipped: string };
  initial: InitialSyncResult | { skipped: string };
  ingest: IngestResult | { skipped: string };
}

export interface SyncBenchOptions {
  conversations: number;
  fresh: boolean;
  samples: number;
  naiveImport: boolean;
  ingestSeconds: number;
  log: (m: string) => void;
}

/** One part failing (a crash, not a slow figure) is reported without losing the others. */
async function part<T>(name: string, log: (m: string) => void, fn: () => Promise<T>): Promise<T | { skipped: string }> {
  try {
    return await fn();
  } catch (err) {
    log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
    return { skipped: `failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export async function runSyncBench(opts: SyncBenchOptions): Promise<SyncBenchResult> {
  const server = await startSyncServer({ conversations: opts.conversations, fresh: opts.fresh, log: opts.log });
  try {
    const propagation = await part('propagation', opts.log, () =>
      runPropagationBench(server, { samples: opts.samples, log: opts.log }),
    );
    const initial = await part('initial sync', opts.log, () =>
      runInitialSyncBench(server, { naive: opts.naiveImport, log: opts.log }),
    );
    const ingest = await part('ingest', opts.log, () =>
      runIngestBench(server, { senders: [1, 10, 50], seconds: opts.ingestSeconds, log: opts.log }),
    );
    return {
      backend: server.backend,
      conversations: server.big.conversations,
      serverBuilt: server.built,
      serverBuildMs: server.buildMs,
      propagation,
      initial,
      ingest,
    };
  } finally {
    await server.close();
  }
}

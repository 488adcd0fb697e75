// A desktop replica for the sync benchmarks: createCore on its own SQLite file in a temp directory, signed
// in to the bench server over HTTP with realtime pokes on — the same path as the app, minus Electron.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/core';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared';
import { benchPlatform } from './dataset';

export interface BenchReplica {
  core: Core;
  dir: string;
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Size of the SQLite files (db + wal) in MB. */
  sizeMb(): number;
  dispose(): Promise<void>;
}

export function openBenchReplica(label: string, opts: { realtime?: boolean } = {}): BenchReplica {
  const dir = mkdtempSync(join(tmpdir(), `bandeja-bench-${label}-`));
  const dbFile = join(dir, 'bandeja.db');
  const core = createCore({
    platform: benchPlatform(dir),
    dbFile,
    sync: { idlePullMs: 60_000, retryMinMs: 50, retryMaxMs: 500, realtime: opts.realtime ?? true },
  });
  return {
    core,
    dir,
    async call(method, input) {
      const r = await core.dispatch(method, input ?? {});
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as never;
    },
    sizeMb: () =>
      ['', '-wal'].reduce((n, s) => {
        try {
          return n + statSync(dbFile + s).size / 1e6;
        } catch {
          return n;
        }
      }, 0),
    dispose: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with performance.now() at the first `data.changed` that names `conversationId` (or says "all"). */
export function nextChangeOf(core: Core, conversationId: string, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, timeoutMs);
    const off = core.subscribe((event, payload) => {
      if (event !== 'data.changed') return;
      const ids = (payload as { conversationIds: string[] }).conversationIds;
      if (ids.length === 0 || ids.includes(conversationId)) {
        const at = performance.now();
        clearTimeout(timer);
        off();
        resolve(at);
      }
    });
  });
}

/** Samples the process RSS every 50 ms; `stop()` returns the peak in MB. */
export function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1e6;
    },
  };
}

export async function loginToken(url: string, email: string, password: string, workspace: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, workspace }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

// Playwright fixtures: a fresh headless host (real core, real SQLite file, demo workspace) per test
// file, and a `core` client speaking the same WebSocket contract to check the core's state.
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../src/shared';

export interface CoreClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): void;
}

export interface HostHandle {
  url: string;
  dataDir: string;
}

async function startHostProcess(): Promise<{ host: HostHandle; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bandeja-e2e-'));
  // The inbox specs run on the server-less demo replica; sync specs start their own hosts with a server.
  const child = spawn('node', ['--import', 'tsx', 'src/host/cli.ts', '--port', '0', '--data-dir', dataDir, '--local'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${stderr}`)), 30_000);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Bandeja host: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${stderr}`)));
  });
  return { host: { url, dataDir }, child };
}

export async function connectCore(url: string): Promise<CoreClient> {
  const wsUrl = url.replace(/^http/, 'ws').replace(/\/$/, '') + '/ws';
  const ws = new WebSocket(wsUrl, { origin: url.replace(/\/$/, '') });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number } & Result<unknown>;
    if (typeof frame.id === 'number') pending.get(frame.id)?.(frame);
  });
  return {
    call(method, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, (r) => {
          pending.delete(id);
          if (r.ok) resolve(r.value as never);
          else reject(new Error(`${method}: ${r.error.code} ${r.error.message}`));
        });
        ws.send(JSON.stringify({ id, method, input }));
      });
    },
    close: () => ws.close(),
  };
}

/** A fresh host per test: tests never see each other's changes. */
export const test = base.extend<{ core: CoreClient; host: HostHandle }>({
  host: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { host, child } = await startHostProcess();
      await use(host);
      child.kill('SIGTERM');
      rmSync(host.dataDir, { recursive: true, force: true });
    },
    { timeout: 40_000 },
  ],
  core: async ({ host }, use) => {
    const client = await connectCore(host.url);
    await use(client);
    client.close();
  },
  baseURL: async ({ host }, use) => use(host.url),
});

export { expect };

// ---- Helpers shared by the specs ---------------------------------------------------------------

/** Names → ids of the demo workspace, read from the core (never hard-coded). */
export async function lookup(core: CoreClient) {
  const session = await core.call('session.get', {});
  const tray = (name: string) => {
    const t = session.trays.find((x) => x.name === name);
    if (!t) throw new Error(`no tray ${name}`);
    return t;
  };
  const category = (trayName: string, name: string) => {
    const c = tray(trayName).categories.find((x) => x.name === name);
    if (!c) throw new Error(`no category ${trayName} › ${name}`);
    return c;
  };
  const tag = (name: string) => {
    const t = session.tags.find((x) => x.name === name);
    if (!t) throw new Error(`no tag ${name}`);
    return t;
  };
  return { session, me: session.me, tray, category, tag };
}

/** Escapes a string for use inside a RegExp. */
export const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Screenshot kept by CI: always into the test's output dir (tests/artifacts/playwright/…), and, when
 * `keep` names it, also into tests/artifacts/screens/<keep>.png.
 */
export async function shot(page: Page, testInfo: TestInfo, step: string, keep?: string): Promise<void> {
  const png = await page.screenshot({ path: testInfo.outputPath(`${step}.png`) });
  if (keep) {
    mkdirSync(SCREENS_DIR, { recursive: true });
    writeFileSync(join(SCREENS_DIR, `${keep}.png`), png);
  }
}

const SCREENS_DIR = fileURLToPath(new URL('../artifacts/screens', import.meta.url));

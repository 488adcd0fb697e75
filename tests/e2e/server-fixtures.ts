// Fixtures for the sync specs: one real server (PGlite, demo workspace) per worker that a test may stop
// and start again on the same port (to be offline for a while), and per test a fresh host whose replica
// points at it, signed out (`--server URL`: the login screen). `core` speaks to that host's core.
// Multi-agent specs start more hosts themselves (`startServerHost`), optionally behind a TCP proxy they
// can cut (`startTcpProxy`) to take one replica offline without stopping the shared server.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PREFIX } from '../../src/shared/api';
import { DEMO_CREDENTIALS } from '../../src/shared/demo/credentials';
import { connectCore, type CoreClient } from './fixtures';

export { DEMO_CREDENTIALS, expect };

export interface ServerHandle {
  url: string;
  /** Stops the process (the replica sees the server as unreachable). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, if stopped. */
  start(): Promise<void>;
}

/** Spawns a process and resolves with the first stdout match of `ready` (its capture group 1). */
function spawnUntil(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, what: string) {
  const child = spawn('node', ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${stderr}`)), 90_000);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${stderr}`));
    });
  });
  return { child, url };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const test = base.extend<{ host: { url: string; dataDir: string }; core: CoreClient }, { server: ServerHandle }>(
  {
    server: [
      // eslint-disable-next-line no-empty-pattern
      async ({}, use) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'bandeja-e2e-server-'));
        const env = (port: string) => ({ ...process.env, PORT: port, BANDEJA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
        const ready = /Bandeja server: (http:\/\/\S+?)\/?\s/;
        let proc = spawnUntil(['src/server/cli.ts', '--demo'], env('0'), ready, 'server');
        const url = await proc.url;
        const port = new URL(url).port;
        let running = true;
        const handle: ServerHandle = {
          url,
          async stop() {
            if (!running) return;
            running = false;
            await stopChild(proc.child);
          },
          async start() {
            if (running) return;
            proc = spawnUntil(['src/server/cli.ts'], env(port), ready, 'server');
            await proc.url;
            running = true;
          },
        };
        await use(handle);
        await stopChild(proc.child);
        rmSync(dataDir, { recursive: true, force: true });
      },
      { scope: 'worker', timeout: 120_000 },
    ],
    host: [
      async ({ server }, use) => {
        // A test that left the server stopped must not leave the next one offline.
        await server.start();
        const dataDir = mkdtempSync(join(tmpdir(), 'bandeja-e2e-'));
        const { child, url } = spawnUntil(
          ['src/host/cli.ts', '--port', '0', '--data-dir', dataDir, '--server', server.url],
          process.env,
          /Bandeja host: (http:\/\/\S+)/,
          'host',
        );
        await use({ url: await url, dataDir });
        await stopChild(child);
        rmSync(dataDir, { recursive: true, force: true });
      },
      { timeout: 60_000 },
    ],
    core: async ({ host }, use) => {
      const client = await connectCore(host.url);
      await use(client);
      client.close();
    },
    baseURL: async ({ host }, use) => use(host.url),
  },
);

/**
 * Ends the replica's session on the server behind its back (as an administrator revoking it would): the
 * token is the host's own test file (`<data dir>/session.token`, the core's file secret store).
 */
export async function revokeHostSession(host: { dataDir: string }, serverUrl: string): Promise<void> {
  const token = readFileSync(join(host.dataDir, 'session.token'), 'utf8').trim();
  const res = await fetch(`${serverUrl}${API_PREFIX}/auth/logout`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.ok).toBe(true);
}

/** Signs the host's replica in as the demo agent without the login screen (for specs about the inbox). */
export async function signInDemo(core: CoreClient, serverUrl: string): Promise<void> {
  await core.call('auth.signIn', { serverUrl, ...DEMO_CREDENTIALS });
}

export interface HostProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A host whose replica points at `serverUrl` (signed out until its core signs in); stop() cleans up. */
export function startServerHost(serverUrl: string): Promise<HostProcess> {
  return startHostWith(['--server', serverUrl]);
}

/** The quickstart host: its own embedded server with the demo workspace, signed in as the demo agent. */
export function startQuickstartHost(): Promise<HostProcess> {
  return startHostWith([]);
}

async function startHostWith(mode: string[]): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bandeja-e2e-'));
  const { child, url } = spawnUntil(
    ['src/host/cli.ts', '--port', '0', '--data-dir', dataDir, ...mode],
    process.env,
    /Bandeja host: (http:\/\/\S+)/,
    'host',
  );
  try {
    return {
      url: await url,
      dataDir,
      async stop() {
        await stopChild(child);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export interface TcpProxy {
  /** http://127.0.0.1:PORT, forwarding every connection (HTTP and the realtime WebSocket) to the target. */
  url: string;
  /** The network drops: open connections are torn down and new ones are closed as soon as they arrive. */
  cut(): void;
  /** The network is back: new connections go through again. */
  restore(): void;
  close(): Promise<void>;
}

/** A byte-level TCP proxy in front of `target`, so one replica can go offline while the server stays up. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let open = true;
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    const pair = [client, upstream];
    pair.forEach((s) => sockets.add(s));
    const end = () =>
      pair.forEach((s) => {
        s.destroy();
        sockets.delete(s);
      });
    for (const s of pair) {
      s.on('error', end);
      s.on('close', end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      open = false;
      sockets.forEach((s) => s.destroy());
      sockets.clear();
    },
    restore() {
      open = true;
    },
    close() {
      open = false;
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

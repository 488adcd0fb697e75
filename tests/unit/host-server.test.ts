// The headless host for real: HTTP + WebSocket on a free loopback port, over a real core in a temp dir.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, type RunningHost } from '../../src/host/server';

const CSP = "default-src 'none'; script-src 'self'; connect-src 'self'";

let dir: string;
let host: RunningHost;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bandeja-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}" /></head><body></body></html>`,
  );
  writeFileSync(join(rendererDir, 'assets', 'app-abc123.js'), 'console.log(1)');
  host = await startHost({
    port: 0,
    dataDir: join(dir, 'data'),
    rendererDir,
    mode: { kind: 'local', seedDemo: { conversations: 20 } },
  });
  origin = host.url.replace(/\/$/, '');
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Frame = {
  id?: number;
  ok?: boolean;
  value?: unknown;
  error?: { code: string };
  event?: string;
  payload?: unknown;
};

/** A connected client that collects every frame it receives. */
async function connect(headers: Record<string, string> = { Origin: origin }) {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}ws`, { headers });
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async (match: (f: Frame) => boolean): Promise<Frame> => {
    for (;;) {
      const found = frames.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { ws, frames, next };
}

function httpGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(`${host.url.replace(/\/$/, '')}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('host WebSocket', () => {
  it('answers a contract call with the core result', async () => {
    const { ws, next } = await connect();
    ws.send(JSON.stringify({ id: 1, method: 'session.get', input: {} }));
    const res = await next((f) => f.id === 1);
    expect(res.ok).toBe(true);
    expect(res.value).toBeTypeOf('object');
    ws.send(JSON.stringify({ id: 2, method: 'prefs.get', input: {} }));
    expect((await next((f) => f.id === 2)).ok).toBe(true);
    ws.close();
  });

  it('refuses a foreign or missing Origin at the handshake', async () => {
    for (const headers of [{ Origin: 'http://evil.example' }, { Origin: 'null' }, {}]) {
      const ws = new WebSocket(`${host.url.replace('http', 'ws')}ws`, { headers });
      const status = await new Promise<number>((resolve) => {
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
        ws.once('error', () => resolve(-1));
      });
      expect(status).toBe(403);
      ws.terminate();
    }
  });

  it('answers garbage with invalid_input and keeps the socket usable', async () => {
    const { ws, next, frames } = await connect();
    ws.send('not json');
    ws.send(JSON.stringify({ id: 7, method: 42 }));
    ws.send(JSON.stringify([1, 2, 3]));
    ws.send(JSON.stringify({ id: 8, method: 'no.such.method', input: {} }));
    ws.send(JSON.stringify({ id: 9, method: 'conversations.get', input: { id: 'not-an-id' } }));
    ws.send(Buffer.from([0, 1, 2]), { binary: true });
    await next((f) => f.id === 9);
    expect((await next((f) => f.id === 7)).error?.code).toBe('invalid_input');
    expect((await next((f) => f.id === 8)).error?.code).toBe('unknown_method');
    expect((await next((f) => f.id === 9)).error?.code).toBe('invalid_input');
    await new Promise((r) => setTimeout(r, 50));
    expect(frames.filter((f) => f.id === 0 && f.error?.code === 'invalid_input')).toHaveLength(3);

    ws.send(JSON.stringify({ id: 10, method: 'session.get', input: {} }));
    expect((await next((f) => f.id === 10)).ok).toBe(true);
    ws.close();
  });

  it('forwards core events to every socket', async () => {
    const a = await connect();
    const b = await connect();
    a.ws.send(JSON.stringify({ id: 1, method: 'prefs.set', input: { theme: 'dark' } }));
    expect((await a.next((f) => f.id === 1)).ok).toBe(true);
    await a.next((f) => f.event === 'prefs.changed');
    await b.next((f) => f.event === 'prefs.changed');
    a.ws.close();
    b.ws.close();
  });

  it('closes a socket that sends an oversized frame (1009) and stays up', async () => {
    const { ws } = await connect();
    const code = await new Promise<number>((resolve) => {
      ws.once('close', (c) => resolve(c));
      ws.send('x'.repeat(1024 * 1024 + 1));
    });
    expect(code).toBe(1009);
    const again = await connect();
    again.ws.send(JSON.stringify({ id: 1, method: 'session.get', input: {} }));
    expect((await again.next((f) => f.id === 1)).ok).toBe(true);
    again.ws.close();
  });
});

describe('host HTTP', () => {
  it('serves index.html with the CSP of its meta tag, SPA fallback included', async () => {
    for (const path of ['/', '/conversations/123']) {
      const res = await httpGet(path);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<html>');
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('caches hashed assets forever and 404s missing files', async () => {
    const asset = await httpGet('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await httpGet('/assets/missing.js')).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await httpGet('/', { Host: 'evil.example' })).status).toBe(421);
  });
});

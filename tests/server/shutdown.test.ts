// `npm run server` for real: prints its ready line, serves, and on SIGTERM finishes, closes the PGlite
// data directory cleanly (it reopens with the data) and exits 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/server';
import { workspaces } from '../../src/server/db/schema';

const dir = mkdtempSync(join(tmpdir(), 'bandeja-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('starts, serves, and shuts down gracefully on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts'], {
    env: { ...process.env, BANDEJA_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Bandeja server: (http:\/\/\S+?)\/\n/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`server exited early (${code}): ${stderr}`)));
  });

  const res = await fetch(`${base}/api/v1/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workspaceName: 'Shutdown test',
      timezone: 'UTC',
      admin: { name: 'Ana', email: 'ana@example.com', password: 'correct horse battery' },
    }),
  });
  expect(res.status).toBe(201);

  child.kill('SIGTERM');
  expect(await exited, stderr).toBe(0);

  // The directory was closed cleanly: it opens again, with the workspace in it.
  const reopened = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
  try {
    expect((await reopened.db.select().from(workspaces)).map((w) => w.slug)).toEqual(['shutdown-test']);
  } finally {
    await reopened.close();
  }
});

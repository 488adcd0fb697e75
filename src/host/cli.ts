// `npm run host`: starts the headless host and prints exactly one line on stdout when it is ready,
// `Bandeja host: http://127.0.0.1:PORT/` (scripts and Playwright wait for it; logs go to stderr).
//   --port N        default 5173; 0 = a free port
//   --data-dir DIR  default .data/host
//   --fresh         delete the data dir first (a clean demo workspace)
//   (default)       quickstart: embedded server (PGlite in DATA_DIR/server) with the demo workspace,
//                   the replica signed in as the demo agent
//   --server URL    a replica of that server; the login screen signs in
//   --local         the server-less demo replica (no sync; tests and offline demos)
//   --no-demo       with --local: do not generate the demo workspace on an empty database
//   --renderer-dir  default out/renderer
import { rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHost } from './server';

function parse() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      'data-dir': { type: 'string', default: '.data/host' },
      'renderer-dir': { type: 'string', default: resolve(import.meta.dirname, '../../out/renderer') },
      fresh: { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
      local: { type: 'boolean', default: false },
      server: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  return {
    port,
    dataDir: resolve(values['data-dir']),
    rendererDir: resolve(values['renderer-dir']),
    fresh: values.fresh,
    mode: values.local
      ? ({ kind: 'local', seedDemo: !values['no-demo'] } as const)
      : values.server
        ? ({ kind: 'server', serverUrl: values.server } as const)
        : ({ kind: 'quickstart' } as const),
  };
}

async function main(): Promise<void> {
  const args = parse();
  if (args.fresh) {
    // Guard against `--data-dir .` or `--data-dir ~` wiping something that is not a data folder.
    const forbidden = new Set([resolve('/'), resolve('.'), homedir()]);
    if (forbidden.has(args.dataDir)) throw new Error(`--fresh refuses to delete ${args.dataDir}`);
    rmSync(args.dataDir, { recursive: true, force: true });
  }
  const host = await startHost({
    port: args.port,
    host: '127.0.0.1',
    dataDir: args.dataDir,
    rendererDir: args.rendererDir,
    mode: args.mode,
  });
  process.stdout.write(`Bandeja host: ${host.url}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // second Ctrl+C: do not wait any longer
    stopping = true;
    process.stderr.write(`Bandeja host: ${signal}, closing…\n`);
    host.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Bandeja host: close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  const msg = e?.code === 'EADDRINUSE' ? `port in use (${e.message}); try --port 0` : (e?.message ?? String(err));
  process.stderr.write(`Bandeja host failed to start: ${msg}\n`);
  process.exit(1);
});

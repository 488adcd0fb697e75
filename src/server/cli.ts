// `npm run server`: reads the environment, opens (and migrates) the database, listens, and prints one
// line `Bandeja server: http://HOST:PORT/` when ready. SIGINT/SIGTERM: stop accepting, let in-flight
// requests finish, close the database, exit 0. A second signal or a stuck shutdown exits 1.
// `--demo` (or BANDEJA_DEMO=1) first ensures the demo workspace and prints its sign-in after that line.
import { DEMO_CREDENTIALS } from '../shared/demo/credentials';
import { buildServer } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/open';
import { ensureDemoWorkspace } from './services/demo-workspace';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const database = await openDatabase(config.database);
  // Before listening: the first request already finds the workspace (a few seconds, once per database).
  const demo = config.demo ? await timed(() => ensureDemoWorkspace(database.db, { now: Date.now() })) : null;
  const app = await buildServer({
    database,
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    allowSignup: config.allowSignup,
    wake: config.wakeIntervalMs ? { intervalMs: config.wakeIntervalMs } : true,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  app.log.info({ database: database.kind }, 'ready');
  process.stdout.write(`Bandeja server: http://${host}:${port}/\n`);
  if (demo) {
    app.log.info({ workspaceId: demo.value.workspaceId, ms: demo.ms }, 'demo workspace ready');
    const { email, password } = DEMO_CREDENTIALS;
    process.stdout.write(`Demo sign-in: workspace ${demo.value.slug} · ${email} · password ${password}\n`);
  }

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: Math.round(performance.now() - start) };
}

main().catch((err: unknown) => {
  process.stderr.write(`Bandeja server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

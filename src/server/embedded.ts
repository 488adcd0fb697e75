// The embedded server of the quickstart: PGlite in a data folder, the demo workspace, listening on
// loopback only. The desktop app (src/main) and the host (src/host) start it in-process when no server
// is configured, so `npm start` works with nothing installed. The only file of src/server they may
// import (lint-enforced); a real deployment runs `npm run server` instead.
import type { FastifyServerOptions } from 'fastify';
import { buildServer } from './app';
import { openDatabase } from './db/open';
import { ensureDemoWorkspace, type DemoWorkspaceInfo } from './services/demo-workspace';

export interface EmbeddedServerOptions {
  /** PGlite data folder (created if missing). */
  dataDir: string;
  /** 0 (default) = a free port; the replica is told the URL of each run. */
  port?: number;
  /** Create the demo workspace when missing (default true). */
  demo?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** The bundled Electron main ships the server's migrations in its own folder. */
  migrationsFolder?: string;
}

export interface EmbeddedServer {
  url: string;
  demo: DemoWorkspaceInfo | null;
  close(): Promise<void>;
}

export async function startEmbeddedServer(opts: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const database = await openDatabase(
    { kind: 'pglite', dataDir: opts.dataDir },
    opts.migrationsFolder ? { migrationsFolder: opts.migrationsFolder } : {},
  );
  try {
    const demo = opts.demo === false ? null : await ensureDemoWorkspace(database.db, { now: Date.now() });
    // One person on one machine: signup stays closed, the demo workspace is the workspace.
    const app = await buildServer({ database, logger: opts.logger ?? false, allowSignup: false, wake: true });
    await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    return { url: `http://127.0.0.1:${port}`, demo, close: () => app.close() };
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}

// Where a replica's data comes from, for the two shells (Electron main and the host):
//   quickstart — the embedded server (PGlite + demo workspace) in <dataDir>/server, signed in as the demo
//                agent: the README's `npm start` with nothing to set up;
//   server     — a team server; the login screen signs in;
//   local      — the server-less demo replica (tests, offline demos).
// The embedded server is passed in by the shell, so the core never imports src/server.
import { join } from 'node:path';
import { DEMO_CREDENTIALS } from '../shared/demo/credentials';
import { createCore, type Core, type CoreOptions } from './create-core';

export type ReplicaSource =
  { kind: 'local'; seedDemo: CoreOptions['seedDemo'] } | { kind: 'quickstart' } | { kind: 'server'; serverUrl: string };

export interface EmbeddedServerHandle {
  url: string;
  close(): Promise<void>;
}

export interface OpenedReplica {
  core: Core;
  embedded: EmbeddedServerHandle | null;
  /** Stops the core, then the embedded server if there is one. */
  close(): Promise<void>;
}

export async function openReplica(
  source: ReplicaSource,
  options: Omit<CoreOptions, 'seedDemo'>,
  startEmbedded: (dataDir: string) => Promise<EmbeddedServerHandle>,
): Promise<OpenedReplica> {
  if (source.kind === 'local') {
    const core = createCore({ ...options, seedDemo: source.seedDemo });
    return { core, embedded: null, close: () => core.close() };
  }
  const embedded = source.kind === 'quickstart' ? await startEmbedded(join(options.platform.dataDir, 'server')) : null;
  const serverUrl = embedded?.url ?? (source.kind === 'server' ? source.serverUrl : undefined);
  let core: Core;
  try {
    core = createCore({
      ...options,
      sync: {
        ...options.sync,
        ...(serverUrl ? { serverUrl } : {}),
        ...(embedded ? { demoAccount: DEMO_CREDENTIALS } : {}),
      },
    });
  } catch (err) {
    await embedded?.close();
    throw err;
  }
  const close = async () => {
    await core.close();
    await embedded?.close();
  };
  if (embedded) {
    const status = await core.dispatch('auth.status', {});
    if (status.ok && (status.value as { mode: string }).mode !== 'signedIn') {
      const signedIn = await core.dispatch('auth.signIn', { serverUrl: embedded.url, ...DEMO_CREDENTIALS });
      if (!signedIn.ok) {
        await close();
        throw new Error(`demo sign-in failed: ${signedIn.error.message}`);
      }
    }
  }
  return { core, embedded, close };
}

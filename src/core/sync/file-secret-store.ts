// The session token in a file only this OS user can read (mode 0600), for the host and tests. The
// Electron app uses its own store encrypted with safeStorage (src/main/secret-store.ts).
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../platform';

export function fileSecretStore(file: string): SecretStore {
  return {
    get() {
      if (!existsSync(file)) return null;
      const value = readFileSync(file, 'utf8').trim();
      return value || null;
    },
    set(secret) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, secret, { mode: 0o600 });
      // writeFileSync's mode applies only when it creates the file: tighten an older one too.
      chmodSync(file, 0o600);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

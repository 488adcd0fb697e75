// The session token at rest, encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet).
// Where the OS offers no secret service, Electron falls back to a fixed key ('basic_text' on Linux):
// then the token is still kept in a 0600 file, and the log says so rather than pretending.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import type { Logger, SecretStore } from '../core';

export function safeStorageSecretStore(file: string, logger: Logger): SecretStore {
  let warned = false;
  const weakBackend = () => process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  return {
    get() {
      if (!existsSync(file)) return null;
      try {
        return safeStorage.decryptString(readFileSync(file)) || null;
      } catch (err) {
        // Another OS user, a changed keyring: the token is unreadable, the agent signs in again.
        logger.warn('saved session could not be decrypted', { error: String(err) });
        return null;
      }
    },
    set(secret) {
      if (!warned && weakBackend()) {
        warned = true;
        logger.warn('no OS secret service: the session token is protected by file permissions only');
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
      chmodSync(file, 0o600);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

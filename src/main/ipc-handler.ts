// The IPC entry point as a pure function (no electron import) so it is unit-tested without Electron.
// Order matters (VS Code's validatedIpcMain): the sender frame is checked before anything else runs,
// then the method name, then the core validates the input with the shared zod schema.
import { isMethodName } from '../shared/contract';
import { toErrorPayload, type Result } from '../shared/errors';

export interface SenderLike {
  senderFrame: { url: string } | null;
}
export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;
export type SenderValidator = (frameUrl: string) => boolean;
export type IpcHandler = (event: SenderLike, method: unknown, input: unknown) => Promise<Result<unknown>>;

export function createIpcHandler(opts: { dispatch: Dispatch; isTrustedSender: SenderValidator }): IpcHandler {
  const { dispatch, isTrustedSender } = opts;
  // Fail at startup, not at the first call: a handler without sender validation must never be registered.
  if (typeof isTrustedSender !== 'function') throw new Error('IPC handler registered without a sender validator');
  if (typeof dispatch !== 'function') throw new Error('IPC handler registered without a dispatch function');

  return async (event, method, input) => {
    const url = event?.senderFrame?.url;
    if (typeof url !== 'string' || !isTrustedSender(url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } };
    }
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: 'Unknown method' } };
    }
    try {
      return await dispatch(method, input);
    } catch (err) {
      // dispatch never throws by contract; if it does, nothing internal leaks to the renderer.
      return { ok: false, error: toErrorPayload(err) };
    }
  };
}

/**
 * Trusts exactly the app's own renderer: the built index.html (file://, ignoring query and hash) or,
 * in development, any page of the Vite dev server's origin.
 */
export function createSenderValidator(opts: { rendererIndexUrl: string; devServerUrl?: string }): SenderValidator {
  const indexUrl = stripQueryAndHash(opts.rendererIndexUrl);
  const devOrigin = opts.devServerUrl ? safeUrl(opts.devServerUrl)?.origin : undefined;
  return (frameUrl) => {
    const url = safeUrl(frameUrl);
    if (!url) return false;
    if (url.protocol === 'file:') return stripQueryAndHash(frameUrl) === indexUrl;
    return devOrigin !== undefined && devOrigin !== 'null' && url.origin === devOrigin;
  };
}

function safeUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

function stripQueryAndHash(s: string): string {
  const url = safeUrl(s);
  if (!url) return s;
  url.hash = '';
  url.search = '';
  return url.href;
}

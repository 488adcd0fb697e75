// How the sync client reaches the server. The interface is what tests wrap to inject faults (dropped
// requests or responses, duplicates, reordering); the HTTP implementation speaks src/shared/sync.ts and
// validates every response, so a broken proxy can never write garbage into the replica.
import {
  API_PREFIX,
  ErrorResponse,
  type ErrorPayload,
  PullResponse,
  PushResponse,
  type PullBody,
  type PushBody,
} from '../../shared';
import type { z } from 'zod';

export interface SyncTransport {
  push(body: PushBody): Promise<PushResponse>;
  pull(body: PullBody): Promise<PullResponse>;
}

/** Why a request failed, as the sync loop needs to know it. */
export class SyncRequestError extends Error {
  constructor(
    readonly kind: 'offline' | 'unauthenticated' | 'refused' | 'server',
    message: string,
    readonly status?: number,
    /** The server's error body, when it sent one (its messageKey is translatable). */
    readonly payload?: ErrorPayload,
  ) {
    super(message);
    this.name = 'SyncRequestError';
  }
}

const REQUEST_TIMEOUT_MS = 20_000;

export async function requestJson<T extends z.ZodTypeAny>(
  url: string,
  init: { method: string; token?: string | null; body?: unknown },
  schema: T,
): Promise<z.infer<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new SyncRequestError('offline', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: a proxy page or a crash. Treated by status below.
  }
  if (!res.ok) {
    const parsed = ErrorResponse.safeParse(json);
    const payload = parsed.success ? parsed.data.error : undefined;
    const message = payload?.message ?? `HTTP ${res.status}`;
    const kind =
      res.status === 401
        ? 'unauthenticated'
        : res.status >= 500 || res.status === 429 || res.status === 408
          ? 'server'
          : 'refused';
    throw new SyncRequestError(kind, message, res.status, payload);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SyncRequestError('server', `Unexpected response from ${url}`, res.status);
  return parsed.data;
}

export function httpTransport(serverUrl: string, token: () => string | null): SyncTransport {
  return {
    push: (body) =>
      requestJson(`${serverUrl}${API_PREFIX}/sync/push`, { method: 'POST', token: token(), body }, PushResponse),
    pull: (body) =>
      requestJson(`${serverUrl}${API_PREFIX}/sync/pull`, { method: 'POST', token: token(), body }, PullResponse),
  };
}

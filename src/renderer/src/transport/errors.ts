// Errors from the core arrive as a sanitized ErrorPayload; we rethrow them as one typed class so UI
// code can `catch (e)` and translate `e.code` without guessing what shape it got.
import type { ErrorCode, ErrorPayload } from '../../../shared/errors';

export class TransportError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string | undefined;
  readonly payload: ErrorPayload;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'TransportError';
    this.code = payload.code;
    this.messageKey = payload.messageKey;
    this.payload = payload;
  }
}

export function isTransportError(err: unknown): err is TransportError {
  return err instanceof TransportError;
}

/** Anything thrown (network drop, bug) becomes a payload the UI can translate. */
export function toPayload(err: unknown): ErrorPayload {
  if (err instanceof TransportError) return err.payload;
  return { code: 'unavailable', message: err instanceof Error ? err.message : String(err) };
}

/** Envelope from the preload / host: `{ok:true,value}` or `{ok:false,error}`. */
export function unwrapResult(result: unknown): unknown {
  if (result && typeof result === 'object' && 'ok' in result) {
    const r = result as { ok: boolean; value?: unknown; error?: ErrorPayload };
    if (r.ok) return r.value;
    throw new TransportError(r.error ?? { code: 'internal', message: 'Unknown error' });
  }
  // A bridge that hands back bare values is tolerated; the core validates on its side anyway.
  return result;
}

// One error shape on the wire: `{ error: ErrorPayload }`. AppError codes map to HTTP statuses here;
// Fastify's own 4xx (bad JSON, body too large, wrong content type) are reshaped the same way, and
// anything unexpected becomes a 500 whose details stay in the log, never in the response.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_MESSAGE_KEYS, AppError, type ErrorCode, type ErrorPayload, type ErrorResponse } from '../shared';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  unavailable: 503,
  internal: 500,
};

/** An AppError with an explicit status, for the cases one code covers several (401 vs 403, 429 vs 503). */
export class HttpError extends AppError {
  constructor(
    readonly statusCode: number,
    code: ErrorCode,
    message: string,
    messageKey?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, messageKey);
  }
}

export const unauthenticated = (message = 'Sign in again: the session is missing, expired or revoked') =>
  new HttpError(401, 'forbidden', message, API_MESSAGE_KEYS.unauthenticated);

export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(429, 'unavailable', 'Too many attempts; try again later', API_MESSAGE_KEYS.rateLimited, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/** Fastify's own client errors (FST_ERR_*) by status: their messages are safe to show. */
function fromFastifyClientError(err: FastifyError, status: number): ErrorPayload {
  if (status === 413)
    return { code: 'invalid_input', message: 'Request body too large', messageKey: API_MESSAGE_KEYS.bodyTooLarge };
  if (status === 404) return { code: 'not_found', message: 'Not found' };
  if (status === 401) return { code: 'forbidden', message: err.message, messageKey: API_MESSAGE_KEYS.unauthenticated };
  if (status === 403) return { code: 'forbidden', message: err.message };
  if (status === 429) return { code: 'unavailable', message: err.message, messageKey: API_MESSAGE_KEYS.rateLimited };
  return { code: 'invalid_input', message: err.message };
}

/**
 * Errors the router raises before any route or hook runs (malformed URL, over-long path parameter):
 * Fastify answers them itself unless given this option, so they get the shared shape here.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status =
    typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const body: ErrorResponse = { error: { code: 'invalid_input', message: err.message.slice(0, 200) } };
  void reply.status(status).send(body);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    let status: number;
    let payload: ErrorPayload;
    if (err instanceof HttpError) {
      status = err.statusCode;
      payload = err.toPayload();
      reply.headers(err.headers);
    } else if (err instanceof AppError) {
      status = STATUS_BY_CODE[err.code];
      payload = err.toPayload();
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      payload = fromFastifyClientError(err, status);
    } else {
      status = 500;
      payload = { code: 'internal', message: 'Internal error' };
    }
    if (status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: payload.code, status }, payload.message);
    const body: ErrorResponse = { error: payload };
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((_request, reply) => {
    const body: ErrorResponse = { error: { code: 'not_found', message: 'No such route' } };
    return reply.status(404).send(body);
  });
}

// Typed errors that cross every boundary (IPC, WebSocket, HTTP) in one sanitized shape.
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'forbidden',
  'conflict',
  'rule_violation',
  'unavailable',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  /** Human text for logs; the UI translates `code` (+ `messageKey` when present). */
  message: z.string(),
  messageKey: z.string().optional(),
  /** Values the translated message needs (a name, the list of what is missing). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly messageKey?: string,
    readonly issues?: { path: string; message: string }[],
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.messageKey ? { messageKey: this.messageKey } : {}),
      ...(this.params ? { params: this.params } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }
}

/** Turns anything thrown into a payload that is safe to send to a renderer (no stacks, no SQL). */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  return { code: 'internal', message: 'Internal error' };
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

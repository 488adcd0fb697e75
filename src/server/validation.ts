// Parses request parts with the shared zod schemas: a mismatch is a 400 invalid_input with the issues
// (paths and messages only), never a 500 and never an echo of the offending values.
import type { z } from 'zod';
import { AppError, zodIssues } from '../shared';

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'body' | 'params' | 'query',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('invalid_input', `Invalid request ${part}`, undefined, zodIssues(result.error));
}

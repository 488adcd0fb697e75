// Recognizes PostgreSQL errors by SQLSTATE, whichever driver raised them (drizzle wraps them in `cause`).
const UNIQUE_VIOLATION = '23505';

function sqlState(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown): boolean => sqlState(err) === UNIQUE_VIOLATION;

/** Text PostgreSQL cannot store (a NUL in text or jsonb): the client sent something invalid, not a fault. */
export const isInvalidText = (err: unknown): boolean => ['22021', '22P05'].includes(sqlState(err) ?? '');

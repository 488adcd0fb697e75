// Turns any thrown error into a polite, translated sentence (by error code, or messageKey if known).
import type { TFunction } from 'i18next';
import { toPayload } from '../transport';

export function errorText(t: TFunction, err: unknown): string {
  const p = toPayload(err);
  if (p.messageKey) {
    const specific = t(p.messageKey, { defaultValue: '' });
    if (specific) return specific;
  }
  return t(`errors.${p.code}`);
}

/** Codes whose message came from the server in words meant for a person (not a transport failure). */
const SERVER_WORDED = new Set(['invalid_input', 'not_found', 'forbidden', 'conflict', 'rule_violation']);

/**
 * Like `errorText`, but when no translation exists for the messageKey the server's own sentence is
 * preferred over the generic one for its code (sign-in and refusals come with a precise reason).
 */
export function errorTextOrMessage(t: TFunction, err: unknown): string {
  const p = toPayload(err);
  if (p.messageKey) {
    const specific = t(p.messageKey, { defaultValue: '' });
    if (specific) return specific;
  }
  if (p.message && SERVER_WORDED.has(p.code)) return p.message;
  return t(`errors.${p.code}`);
}

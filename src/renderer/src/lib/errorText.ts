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

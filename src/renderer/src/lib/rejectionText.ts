// A refused change in words: which action ("mover a otra bandeja") and why (the server's reason).
import type { TFunction } from 'i18next';
import type { SyncRejectionItem } from '../../../shared/auth';
import { MUTATION_NAMES } from '../../../shared/mutations';

const ACTIONS = new Set<string>(MUTATION_NAMES);

/** The refused action in words: "mover a otra bandeja" (a name this version does not know: "un cambio"). */
export function rejectionAction(t: TFunction, name: string): string {
  return t(ACTIONS.has(name) ? `rejection.action.${name}` : 'rejection.action.other');
}

/**
 * The server's reason. Its sentence is Spanish and names the thing ("No perteneces a la bandeja
 * Soporte"), so a Spanish UI shows it as is; other languages use our translation of its messageKey.
 */
export function rejectionReason(t: TFunction, lng: string, r: SyncRejectionItem): string {
  if (lng.startsWith('es') && r.message) return r.message;
  const translated = r.messageKey ? t(r.messageKey, { defaultValue: '' }) : '';
  return translated || r.message || t(`errors.${r.code}`, { defaultValue: t('errors.rule_violation') });
}

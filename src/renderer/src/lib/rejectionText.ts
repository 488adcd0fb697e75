// A refused change in words: which action ("mover a otra bandeja") and why (the server's reason).
import type { TFunction } from 'i18next';
import type { SyncRejectionItem } from '../../../shared/auth';
import { MUTATION_NAMES } from '../../../shared/mutations';
import { translateParams } from './errorText';

const ACTIONS = new Set<string>(MUTATION_NAMES);

/** The refused action in words: "mover a otra bandeja"; a name this version does not know is "un cambio". */
export function rejectionAction(t: TFunction, name: string): string {
  if (!ACTIONS.has(name)) return t('rejection.action.other');
  return t(`rejection.action.${name}`, { defaultValue: '' }) || t('rejection.action.other');
}

/**
 * The server's reason. Its sentence is Spanish and names the thing ("No perteneces a la bandeja
 * Soporte"), so a Spanish UI shows it as is; other languages use our translation of its messageKey, with
 * its lists of fields and missing conditions translated too ("complete Context, Next steps").
 */
export function rejectionReason(t: TFunction, lng: string, r: SyncRejectionItem): string {
  if (lng.startsWith('es') && r.message) return r.message;
  const translated = r.messageKey ? t(r.messageKey, { ...translateParams(t, r.params), defaultValue: '' }) : '';
  return translated || r.message || t(`errors.${r.code}`, { defaultValue: t('errors.rule_violation') });
}

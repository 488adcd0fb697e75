// Turns any thrown error into a polite, translated sentence (by error code, or messageKey if known). The
// guide's refusals carry `params` with lists of keys ("context,nextSteps", "noJustification"): those are
// said in the agent's language ("Contexto, Próximos pasos") before they fill the sentence.
import type { TFunction } from 'i18next';
import type { ErrorPayload } from '../../../shared/errors';
import { toPayload } from '../transport';

type Params = Record<string, string | number>;

const keysOf = (v: string | number | undefined): string[] =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** A translated word for each key, or the key itself when this version does not know it. */
function words(t: TFunction, prefix: string, keys: string[]): string[] {
  return keys.map((k) => t(`${prefix}.${k}`, { defaultValue: k }));
}

/** "Contexto, Próximos pasos" for "context,nextSteps". */
export function fieldList(t: TFunction, fields: readonly string[]): string {
  return words(t, 'guide.field', [...fields]).join(', ');
}

/** The params of a refusal with their lists of keys put into words (other values pass through). */
export function translateParams(t: TFunction, params: Params | null | undefined): Params {
  if (!params) return {};
  const out: Params = { ...params };
  const fields = keysOf(params.fields);
  if (params.fields !== undefined) out.fields = fieldList(t, fields);
  if (params.reasons !== undefined) out.reasons = words(t, 'guide.reason', keysOf(params.reasons)).join('; ');
  if (params.missing !== undefined)
    out.missing = keysOf(params.missing)
      .map((g) =>
        g === 'descriptiveNoteRequired' && fields.length
          ? t('guide.gap.descriptiveNoteFields', { fields: fieldList(t, fields) })
          : t(`guide.gap.${g}`, { defaultValue: g }),
      )
      .join('; ');
  return out;
}

/** The sentence for an error payload: its messageKey with translated params, else the code's sentence. */
export function payloadText(t: TFunction, p: Pick<ErrorPayload, 'code' | 'messageKey' | 'params'>): string {
  if (p.messageKey) {
    const specific = t(p.messageKey, { ...translateParams(t, p.params), defaultValue: '' });
    if (specific) return specific;
  }
  return t(`errors.${p.code}`, { defaultValue: t('errors.internal') });
}

export function errorText(t: TFunction, err: unknown): string {
  return payloadText(t, toPayload(err));
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
    const specific = t(p.messageKey, { ...translateParams(t, p.params), defaultValue: '' });
    if (specific) return specific;
  }
  if (p.message && SERVER_WORDED.has(p.code)) return p.message;
  return t(`errors.${p.code}`);
}

/** The short reason of a refused resolution, for a bulk report's tally ("sin respuesta"). */
export function shortReason(t: TFunction, p: Pick<ErrorPayload, 'code' | 'messageKey' | 'params'>): string {
  const missing = keysOf(p.params?.missing);
  if (missing.length) return words(t, 'guide.gapShort', missing).join(', ');
  if (p.messageKey === 'errors.descriptiveNoteRequired') return t('guide.gapShort.descriptiveNoteRequired');
  if (p.messageKey === 'errors.alreadyResolved') return t('guide.gapShort.alreadyResolved');
  return payloadText(t, p);
}

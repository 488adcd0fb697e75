// "Registrar contacto externo" (guide §6): where it happened (WhatsApp directo, Llamada, Correo externo,
// Otro), when, and what was said. It shows in the thread and counts as documentation for the closure.
import { format } from 'date-fns';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXTERNAL_CHANNELS, type ExternalChannel } from '../../../../shared/mutations';
import { isMeaningful } from '../../../../shared/rules/descriptive-note';
import { useNow } from '../../hooks/useNow';
import { actions } from '../../lib/actions';
import { modKey } from '../../lib/keyboard';
import { Icon } from '../common/Icon';
import { GuideForm, NoteFormActions, useGuardedSubmit } from './formParts';

/** The value of a datetime-local input for a timestamp, in the agent's time zone. */
export const toLocalInput = (ts: number) => format(ts, "yyyy-MM-dd'T'HH:mm");
/** A datetime-local value as a timestamp (null when empty or unreadable). */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const ts = new Date(value).getTime();
  return Number.isFinite(ts) ? ts : null;
}

/** Five minutes of clock difference are tolerated, as the core does. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

interface Props {
  idPrefix: string;
  conversationId: string;
  onDone(): void;
  onCancel?(): void;
}

export function ExternalContactForm({ idPrefix, conversationId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<ExternalChannel>('whatsappDirect');
  const [when, setWhen] = useState(() => toLocalInput(Date.now()));
  const [summary, setSummary] = useState('');
  const now = useNow(15_000);
  const at = fromLocalInput(when);
  const whenError =
    at === null ? 'guide.external.whenRequired' : at > now + FUTURE_TOLERANCE_MS ? 'guide.external.future' : null;
  const summaryOk = isMeaningful(summary);
  // whenError covers an unreadable time: save() only runs with one.
  const { tried, busy, submit } = useGuardedSubmit(
    whenError ? `${idPrefix}-when` : !summaryOk ? `${idPrefix}-summary` : null,
    () => actions.logExternal(conversationId, channel, at!, summary.trim()),
    onDone,
  );

  return (
    <GuideForm className="ext-form" label={t('guide.external.formLabel')} onSubmit={() => void submit()}>
      <fieldset className="ext-channels">
        <legend className="dnote-label">{t('guide.external.channel')}</legend>
        {EXTERNAL_CHANNELS.map((c) => (
          <label key={c} className={`chip-radio${channel === c ? ' on' : ''}`}>
            <input
              type="radio"
              name={`${idPrefix}-channel`}
              value={c}
              checked={channel === c}
              onChange={() => setChannel(c)}
            />
            {t(`guide.externalChannel.${c}`)}
          </label>
        ))}
      </fieldset>
      <div className="dnote-field">
        <label htmlFor={`${idPrefix}-when`} className="dnote-label">
          {t('guide.external.when')}
        </label>
        <input
          id={`${idPrefix}-when`}
          type="datetime-local"
          className="text-input"
          value={when}
          max={toLocalInput(now + FUTURE_TOLERANCE_MS)}
          aria-invalid={tried && whenError !== null}
          onChange={(e) => setWhen(e.target.value)}
        />
        {tried && whenError ? <p className="dnote-error">{t(whenError)}</p> : null}
      </div>
      <div className={`dnote-field${tried && !summaryOk ? ' invalid' : ''}`}>
        <label htmlFor={`${idPrefix}-summary`} className="dnote-label">
          {t('guide.external.summary')}
        </label>
        <textarea
          id={`${idPrefix}-summary`}
          className="dnote-input"
          rows={3}
          value={summary}
          placeholder={t('guide.external.summaryHint')}
          aria-required
          aria-invalid={tried && !summaryOk}
          aria-describedby={tried && !summaryOk ? `${idPrefix}-summary-err` : undefined}
          onChange={(e) => setSummary(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && modKey(e)) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        {tried && !summaryOk ? (
          <p id={`${idPrefix}-summary-err`} className="dnote-error">
            {t('guide.note.notMeaningful')}
          </p>
        ) : null}
      </div>
      <NoteFormActions busy={busy} onCancel={onCancel}>
        <Icon name="phone" size={13} /> {t('guide.external.save')}
      </NoteFormActions>
    </GuideForm>
  );
}

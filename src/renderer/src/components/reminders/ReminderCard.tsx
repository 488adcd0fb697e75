// The details column's reminder of the open conversation. Snoozed: when it comes back ("Vuelve a Abiertas
// mañana 9:00"), who snoozed it, "Abrir ahora" (back to Abiertas at once) and "Cambiar hora…". Pending: the
// follow-up of seed 001 — "Recordarme si el cliente no responde en…" 4 h, tomorrow morning, 48 h or any
// time; once set, when it fires and a way to remove it. The core cancels it when the customer answers or
// the conversation leaves Pendientes (and the UI says so when that happens here).
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDetail } from '../../../../shared/entities';
import { MORNING_HOUR, epochToWallClock, wallClockToEpoch } from '../../../../shared/rules/snooze-presets';
import { useNow } from '../../hooks/useNow';
import { actions } from '../../lib/actions';
import { openSnooze } from '../../lib/snooze';
import { fullDate } from '../../lib/time';
import { agentTimeZone, clockText, followUpChoices, hourText, wakeText } from '../../lib/wake';
import { useSessionStore } from '../../stores/sessionStore';
import { useUiStore } from '../../stores/uiStore';
import { Icon } from '../common/Icon';

/** A snoozed conversation's state, at the top of the details: when it comes back, and what to do now. */
export function SnoozeCard({ detail }: { detail: ConversationDetail }) {
  return detail.status === 'snoozed' ? <SnoozedCard detail={detail} /> : null;
}

/** A pending conversation's follow-up reminder, under its classification. */
export function FollowUpCard({ detail }: { detail: ConversationDetail }) {
  return detail.status === 'pending' ? <FollowUp key={detail.id} detail={detail} /> : null;
}

function SnoozedCard({ detail }: { detail: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const now = useNow(15_000);
  const titleId = useId();
  const by = useSessionStore((s) => (detail.snoozedBy ? s.agentsById.get(detail.snoozedBy) : undefined));
  const [busy, setBusy] = useState(false);
  const until = detail.snoozedUntil;
  return (
    <section className="card reminder-card reminder-snoozed" aria-labelledby={titleId}>
      <h3 className="card-title" id={titleId}>
        {t('reminders.card.snoozedTitle')}
      </h3>
      {until !== null ? (
        <p className="reminder-when">
          <Icon name="clock" size={14} />
          <time dateTime={new Date(until).toISOString()} title={fullDate(i18n.language, until)}>
            {until > now
              ? t('reminders.card.wakes', { when: wakeText(t, i18n.language, until, now) })
              : t('reminders.card.wakesSoon')}
          </time>
        </p>
      ) : null}
      {by ? <p className="reminder-by muted">{t('reminders.card.snoozedBy', { name: by.name })}</p> : null}
      <div className="reminder-actions">
        <button
          type="button"
          className="btn btn-sm btn-primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await actions.wake(detail.id);
            setBusy(false);
          }}
        >
          <Icon name="inbox" size={13} /> {t('reminders.card.wakeNow')}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          aria-haspopup="dialog"
          onClick={() => openSnooze({ kind: 'one', conversationId: detail.id })}
        >
          <Icon name="clock" size={13} /> {t('reminders.card.change')}
        </button>
      </div>
    </section>
  );
}

function FollowUp({ detail }: { detail: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const now = useNow(15_000);
  const timeZone = useMemo(() => agentTimeZone(), []);
  const titleId = useId();
  const hintId = useId();
  const customId = useId();
  const [mode, setMode] = useState<'view' | 'choose' | 'custom'>('view');
  const [custom, setCustom] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const at = detail.followUpAt;
  const choosing = at === null || mode !== 'view';
  const choices = followUpChoices(now, timeZone);
  const customAt = wallClockToEpoch(custom, timeZone);
  const customBad = customAt === null || customAt <= now;

  const save = async (when: number | null) => {
    if (busy) return;
    setBusy(true);
    const ok = await actions.setFollowUp(detail.id, when);
    setBusy(false);
    if (!ok) return;
    setMode('view');
    setTried(false);
    useUiStore
      .getState()
      .pushInfo(
        when === null
          ? t('reminders.followUp.cleared')
          : t('reminders.followUp.saved', { when: wakeText(t, lng, when, Date.now()), name: detail.contactName }),
      );
  };

  const openCustom = () => {
    setCustom(epochToWallClock(at ?? choices.find((c) => c.key === 'tomorrow')!.at, timeZone));
    setTried(false);
    setMode('custom');
  };

  const label = (key: (typeof choices)[number]['key']) =>
    t(`reminders.followUp.${key}`, key === 'tomorrow' ? { time: hourText(MORNING_HOUR) } : {});

  return (
    <section className="card reminder-card reminder-followup" aria-labelledby={titleId}>
      <h3 className="card-title" id={titleId}>
        {t('reminders.followUp.title')}
      </h3>
      {at !== null ? (
        <p className="reminder-when">
          <Icon name="clock" size={14} />
          <time dateTime={new Date(at).toISOString()} title={fullDate(lng, at)}>
            {t('reminders.followUp.set', { name: detail.contactName, when: wakeText(t, lng, at, now) })}
          </time>
        </p>
      ) : (
        <p className="reminder-ask">{t('reminders.followUp.ask')}</p>
      )}
      {at !== null && mode === 'view' ? (
        <div className="reminder-actions">
          <button type="button" className="btn btn-sm" onClick={() => setMode('choose')}>
            {t('reminders.followUp.change')}
          </button>
          <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void save(null)}>
            <Icon name="x" size={12} /> {t('reminders.followUp.clear')}
          </button>
        </div>
      ) : null}
      {choosing && mode !== 'custom' ? (
        <div className="reminder-choices" role="group" aria-label={t('reminders.followUp.choices')}>
          {choices.map((c) => (
            <button
              key={c.key}
              type="button"
              className="reminder-choice"
              disabled={busy}
              aria-label={t('reminders.preset.optionLabel', {
                label: label(c.key),
                when: clockText(t, lng, c.at, now, timeZone),
              })}
              title={fullDate(lng, c.at)}
              onClick={() => void save(c.at)}
            >
              <span className="reminder-choice-label">{label(c.key)}</span>
              <span className="reminder-choice-when">{clockText(t, lng, c.at, now, timeZone)}</span>
            </button>
          ))}
          <button type="button" className="reminder-choice" disabled={busy} onClick={openCustom}>
            <span className="reminder-choice-label">{t('reminders.followUp.custom')}</span>
          </button>
        </div>
      ) : null}
      {mode === 'custom' ? (
        <form
          className="reminder-custom"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (customBad) return setTried(true);
            void save(customAt);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setMode(at === null ? 'view' : 'choose');
            }
          }}
        >
          <label htmlFor={customId} className="field-label">
            {t('reminders.followUp.customLabel')}
          </label>
          <input
            id={customId}
            type="datetime-local"
            className="text-input text-input-sm"
            value={custom}
            min={epochToWallClock(now, timeZone)}
            autoFocus
            aria-invalid={tried && customBad}
            aria-describedby={tried && customBad ? `${customId}-err` : undefined}
            onChange={(e) => setCustom(e.target.value)}
          />
          {tried && customBad ? (
            <p id={`${customId}-err`} className="dnote-error" role="alert">
              {t('reminders.snooze.customInvalid')}
            </p>
          ) : null}
          <div className="reminder-actions">
            <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
              {t('reminders.followUp.save')}
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setMode(at === null ? 'view' : 'choose')}>
              {t('reminders.followUp.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {at !== null && mode === 'choose' ? (
        <button type="button" className="link-btn" onClick={() => setMode('view')}>
          {t('reminders.followUp.cancel')}
        </button>
      ) : null}
      <p className="reminder-hint muted" id={hintId}>
        {t('reminders.followUp.hint')}
      </p>
    </section>
  );
}

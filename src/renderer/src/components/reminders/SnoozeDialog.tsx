// "Posponer" (s, the clock in the thread header, the bulk bar): the quick choices of the agent's day — in
// one hour, this afternoon, tomorrow 9:00, next Monday 9:00 — each with the wall-clock time it resolves to
// in the agent's zone, or any date and time. Before snoozing it offers the guide's private note ("qué falta
// o qué se acordó"), saved first so it also shows in the notice when the conversation comes back. Number
// keys choose, Enter snoozes, Escape cancels; focus stays inside and goes back where it was.
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AFTERNOON_HOUR,
  MORNING_HOUR,
  epochToWallClock,
  snoozePresets,
  wallClockToEpoch,
  type SnoozePresetKey,
} from '../../../../shared/rules/snooze-presets';
import { useNow } from '../../hooks/useNow';
import { useTraysOf } from '../../hooks/useTraysOf';
import { actions } from '../../lib/actions';
import { isTypingTarget, modKey } from '../../lib/keyboard';
import { mentionedIds } from '../../lib/mentions';
import { fullDate } from '../../lib/time';
import { agentTimeZone, clockText, hourText, wakeText, zoneCity } from '../../lib/wake';
import { useConversationStore } from '../../stores/conversationStore';
import type { GuideTarget } from '../../stores/guideDialogStore';
import { useListStore } from '../../stores/listStore';
import { useUiStore } from '../../stores/uiStore';
import { Icon } from '../common/Icon';
import { DialogFoot, DialogHead, DigitKey, radioMove } from '../guide/dialogParts';
import { GuideModal } from '../guide/GuideModal';
import { MentionTextarea, useMentionableAgents } from '../guide/MentionTextarea';

type Choice = SnoozePresetKey | 'custom';

interface Option {
  key: Choice;
  label: string;
  /** null: the custom field does not hold a readable time yet. */
  at: number | null;
}

export function SnoozeDialog({ target, onClose }: { target: GuideTarget; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const timeZone = useMemo(() => agentTimeZone(), []);
  const now = useNow(30_000);
  const ids = target.kind === 'bulk' ? target.conversationIds : [target.conversationId];
  const bulk = target.kind === 'bulk';
  const detail = useConversationStore((s) => s.detail);
  const row = useListStore((s) => (bulk ? undefined : s.rows.find((r) => r.id === ids[0])));
  const one = bulk ? null : detail?.id === ids[0] ? detail : (row ?? null);
  const trayIds = useTraysOf(ids);
  const agents = useMentionableAgents(trayIds);

  // On a Sunday "El lunes 9:00" is "Mañana 9:00": one choice per time.
  const presets = useMemo(
    () => snoozePresets(now, timeZone).filter((p, i, all) => all.findIndex((q) => q.at === p.at) === i),
    [now, timeZone],
  );
  const [choice, setChoice] = useState<Choice | null>(null);
  const [custom, setCustom] = useState(() =>
    epochToWallClock(snoozePresets(Date.now(), timeZone).find((p) => p.key === 'tomorrowMorning')!.at, timeZone),
  );
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const radios = useRef<(HTMLDivElement | null)[]>([]);
  const customRef = useRef<HTMLInputElement>(null);
  const descId = useId();
  const labelId = useId();
  const customId = useId();
  const noteId = useId();

  const customAt = wallClockToEpoch(custom, timeZone);
  const options: Option[] = [
    ...presets.map((p) => ({
      key: p.key,
      at: p.at,
      label: t(`reminders.preset.${p.key}`, {
        time: hourText(p.key === 'thisAfternoon' ? AFTERNOON_HOUR : MORNING_HOUR),
      }),
    })),
    { key: 'custom', at: customAt, label: t('reminders.preset.custom') },
  ];
  const index = options.findIndex((o) => o.key === choice);
  const chosen = index >= 0 ? options[index]! : null;
  const customBad = customAt === null || customAt <= now;
  const snoozedUntil = one?.status === 'snoozed' ? one.snoozedUntil : null;

  const title = bulk
    ? t('reminders.snooze.titleBulk', { count: ids.length })
    : t('reminders.snooze.title', { name: one?.contactName ?? '' });

  const pick = (i: number, focus = true) => {
    const o = options[(i + options.length) % options.length];
    if (!o) return;
    setChoice(o.key);
    if (!focus) return;
    if (o.key === 'custom') customRef.current?.focus();
    else radios.current[options.indexOf(o)]?.focus();
  };

  const snooze = async (key: Choice | null = choice) => {
    const o = options.find((x) => x.key === key);
    if (!o || busy) return;
    const until = o.at;
    if (until === null || until <= now) {
      setChoice(o.key);
      setTried(true);
      customRef.current?.focus();
      return;
    }
    const body = note.trim();
    const mentions = body ? mentionedIds(body, agents) : [];
    if (target.kind === 'bulk') {
      onClose();
      // The note first on each (a failure is reported and the snooze still goes), then one bulk snooze.
      if (body) for (const id of ids) await actions.addNote(id, body, mentions);
      await actions.bulk(ids, { type: 'snooze', until });
      return;
    }
    setBusy(true);
    // The guide's tip: the private note before snoozing (it is what the notice shows at wake-up).
    if (body && !(await actions.addNote(target.conversationId, body, mentions))) {
      setBusy(false);
      return;
    }
    const ok = await actions.snooze(target.conversationId, until);
    setBusy(false);
    if (!ok) return;
    onClose();
    useUiStore
      .getState()
      .pushInfo(t('reminders.snooze.done', { name: one?.contactName ?? '', when: wakeText(t, lng, until, now) }));
  };

  // Digits choose wherever focus is, except while typing (the note, the date field).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && modKey(e)) {
      e.preventDefault();
      void snooze();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
    const digit = /^[1-9]$/.test(e.key) ? Number(e.key) - 1 : -1;
    if (digit >= 0 && digit < options.length) {
      e.preventDefault();
      pick(digit);
    }
  };

  const onRadioKey = (e: KeyboardEvent<HTMLDivElement>, i: number) => {
    const to = radioMove(e.key, i, options.length);
    if (to !== null) pick(to);
    else if (e.key === 'Enter') void snooze(options[i]!.key);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const confirmLabel =
    chosen && chosen.at !== null && !(chosen.key === 'custom' && customBad)
      ? t(snoozedUntil ? 'reminders.snooze.confirmChange' : 'reminders.snooze.confirm', {
          when: clockText(t, lng, chosen.at, now, timeZone),
        })
      : t('reminders.snooze.confirmEmpty');

  return (
    <GuideModal
      label={title}
      describedBy={descId}
      onClose={onClose}
      className="snooze-dialog"
      initialFocus='[role="radio"][tabindex="0"]'
    >
      <div className="snooze-frame" onKeyDown={onKeyDown}>
        <DialogHead title={title} icon={<Icon name="clock" size={15} />} onClose={onClose} />
        <div className="guide-body">
          <p id={descId} className="guide-lead">
            {bulk ? t('reminders.snooze.leadBulk') : t('reminders.snooze.lead')}
            {snoozedUntil ? (
              <>
                {' '}
                <strong>
                  {t('reminders.snooze.current', { when: wakeText(t, lng, snoozedUntil, now, timeZone) })}
                </strong>
              </>
            ) : null}
          </p>
          <div className="disposition-block">
            <div className="snooze-label-row">
              <span className="dnote-label" id={labelId}>
                {t('reminders.snooze.choices')}
              </span>
              <span className="snooze-zone">{t('reminders.snooze.zone', { zone: zoneCity(timeZone) })}</span>
            </div>
            <div role="radiogroup" aria-labelledby={labelId} aria-required="true" className="disposition-list">
              {options.map((o, i) => {
                const checked = o.key === choice;
                const when =
                  o.at !== null && !(o.key === 'custom' && customBad) ? clockText(t, lng, o.at, now, timeZone) : '';
                return (
                  <div
                    key={o.key}
                    ref={(el) => {
                      radios.current[i] = el;
                    }}
                    role="radio"
                    aria-checked={checked}
                    aria-label={when ? t('reminders.preset.optionLabel', { label: o.label, when }) : o.label}
                    tabIndex={checked || (index < 0 && i === 0) ? 0 : -1}
                    className={`disposition snooze-choice${checked ? ' on' : ''}`}
                    title={o.at !== null ? fullDate(lng, o.at) : undefined}
                    onClick={() => pick(i)}
                    onKeyDown={(e) => onRadioKey(e, i)}
                  >
                    <span className="disposition-radio" aria-hidden="true" />
                    <span className="disposition-name">{o.label}</span>
                    <span className="snooze-when" aria-hidden="true">
                      {when}
                    </span>
                    <DigitKey index={i} />
                  </div>
                );
              })}
            </div>
            <div className={`snooze-custom${choice === 'custom' ? ' on' : ''}`}>
              <label htmlFor={customId} className="dnote-label">
                {t('reminders.snooze.customLabel')}
              </label>
              <input
                ref={customRef}
                id={customId}
                type="datetime-local"
                className="text-input"
                value={custom}
                min={epochToWallClock(now, timeZone)}
                aria-invalid={tried && choice === 'custom' && customBad}
                aria-describedby={tried && choice === 'custom' && customBad ? `${customId}-err` : undefined}
                onFocus={() => setChoice('custom')}
                onChange={(e) => {
                  setCustom(e.target.value);
                  setChoice('custom');
                }}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  e.stopPropagation();
                  void snooze('custom');
                }}
              />
              {tried && choice === 'custom' && customBad ? (
                <p id={`${customId}-err`} className="dnote-error" role="alert">
                  {t('reminders.snooze.customInvalid')}
                </p>
              ) : null}
            </div>
          </div>
          <div className="dnote-field snooze-note">
            <label htmlFor={noteId} className="dnote-label">
              <Icon name="lock" size={11} /> {t('reminders.snooze.noteLabel')}
              <span className="dnote-required"> · {t('reminders.snooze.optional')}</span>
            </label>
            <MentionTextarea
              id={noteId}
              className="dnote-input"
              rows={2}
              value={note}
              trayIds={trayIds}
              placeholder={t('reminders.snooze.notePlaceholder')}
              aria-describedby={`${noteId}-hint`}
              onValue={setNote}
            />
            <p id={`${noteId}-hint`} className="guide-muted">
              {bulk ? t('reminders.snooze.noteBulk', { count: ids.length }) : t('reminders.snooze.noteHint')}
            </p>
          </div>
        </div>
        <DialogFoot
          hint={t('reminders.snooze.keys', { count: Math.min(options.length, 9) })}
          onCancel={onClose}
          confirmDisabled={!chosen || busy}
          onConfirm={() => void snooze()}
        >
          <Icon name="clock" size={14} /> {confirmLabel}
        </DialogFoot>
      </div>
    </GuideModal>
  );
}

// Wake and reminder times in words, on the agent's own wall clock (UI.md "Time is human"): "en 20 min",
// "hoy 15:00", "mañana 9:00", "lun 1 dic 9:00". Calendar days are counted in the agent's time zone (a
// TZDate), so "mañana" is tomorrow where the agent is, whatever zone the machine reports.
import { TZDate } from '@date-fns/tz';
import { addHours, differenceInCalendarDays, format } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import type { TFunction } from 'i18next';
import { snoozePresets } from '../../../shared/rules/snooze-presets';

const dfLocale = (lng: string) => (lng.startsWith('en') ? enUS : es);

/** The agent's time zone (the presets and the custom field are read in it). */
export function agentTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** "America/Santiago" → "Santiago": how the dialogs name the zone the times are in. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** "9:00" for an hour of the day (the presets' landmarks). */
export const hourText = (hour: number) => `${hour}:00`;

/**
 * A calendar time, never relative: "hoy 16:42", "mañana 9:00", "lun 1 dic 9:00" (with the year when it
 * is not this one). What the snooze dialog shows next to each choice.
 */
export function clockText(t: TFunction, lng: string, at: number, now: number, timeZone = agentTimeZone()): string {
  const when = new TZDate(at, timeZone);
  const locale = dfLocale(lng);
  const time = format(when, 'H:mm', { locale });
  const days = differenceInCalendarDays(when, new TZDate(now, timeZone));
  if (days === 0) return t('reminders.when.today', { time });
  if (days === 1) return t('reminders.when.tomorrow', { time });
  const sameYear = when.getFullYear() === new TZDate(now, timeZone).getFullYear();
  const date = format(when, t(sameYear ? 'reminders.when.dayFormat' : 'reminders.when.yearFormat'), { locale });
  return t('reminders.when.date', { date, time });
}

/** When something comes back: "en 20 min" within the hour, else as clockText; "ahora" once it is due. */
export function wakeText(t: TFunction, lng: string, at: number, now: number, timeZone = agentTimeZone()): string {
  if (at <= now) return t('reminders.when.now');
  const mins = Math.ceil((at - now) / 60_000);
  if (mins < 60) return t('reminders.when.inMinutes', { count: mins });
  return clockText(t, lng, at, now, timeZone);
}

/** The follow-up reminder's quick choices: in 4 hours, tomorrow morning, in 48 hours. */
export const FOLLOW_UP_KEYS = ['in4h', 'tomorrow', 'in48h'] as const;
export type FollowUpKey = (typeof FOLLOW_UP_KEYS)[number];

export function followUpChoices(now: number, timeZone = agentTimeZone()): { key: FollowUpKey; at: number }[] {
  const here = new TZDate(now, timeZone);
  // "Mañana 9:00" is the snooze preset's own (always offered): one definition of tomorrow morning.
  const tomorrow = snoozePresets(now, timeZone).find((p) => p.key === 'tomorrowMorning')!.at;
  return [
    { key: 'in4h', at: addHours(here, 4).getTime() },
    { key: 'tomorrow', at: tomorrow },
    { key: 'in48h', at: addHours(here, 48).getTime() },
  ];
}

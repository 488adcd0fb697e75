// Human time in the agent's zone: "hace 2 min", "ayer 18:40", "mañana 9:00" (UI.md "Time is human").
import { differenceInCalendarDays, format } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import type { TFunction } from 'i18next';

const locales = { es, en: enUS } as const;
const dfLocale = (lng: string) => (lng.startsWith('en') ? locales.en : locales.es);

/** Short relative age for lists: ahora / hace 5 min / hace 3 h / hace 2 d. */
export function ago(t: TFunction, ts: number, now: number): string {
  const mins = Math.max(0, Math.floor((now - ts) / 60_000));
  if (mins < 1) return t('time.now');
  if (mins < 60) return t('time.minutesAgo', { count: mins });
  const hours = Math.floor(mins / 60);
  if (hours < 24) return t('time.hoursAgo', { count: hours });
  return t('time.daysAgo', { count: Math.floor(hours / 24) });
}

/** Calendar-ish stamp: "10:02", "ayer 18:40", "mañana 9:00", "12 mar 10:02". */
export function stamp(t: TFunction, lng: string, ts: number, now: number): string {
  const time = format(ts, 'H:mm', { locale: dfLocale(lng) });
  const days = differenceInCalendarDays(ts, now);
  if (days === 0) return time;
  if (days === -1) return t('time.yesterday', { time });
  if (days === 1) return t('time.tomorrow', { time });
  const sameYear = new Date(ts).getFullYear() === new Date(now).getFullYear();
  return format(ts, sameYear ? 'd MMM H:mm' : 'd MMM yyyy', { locale: dfLocale(lng) });
}

/** Compact list timestamp: time today, "ayer", weekday this week, date otherwise. */
export function listStamp(t: TFunction, lng: string, ts: number, now: number): string {
  const days = differenceInCalendarDays(now, ts);
  const locale = dfLocale(lng);
  if (days === 0) return format(ts, 'H:mm', { locale });
  if (days === 1) return t('time.yesterdayShort');
  if (days < 7) return format(ts, 'EEE', { locale });
  return format(ts, 'd MMM', { locale });
}

export function fullDate(lng: string, ts: number): string {
  return format(ts, 'PPPp', { locale: dfLocale(lng) });
}

// Due dates in words (UI.md "Time is human"): "vence mañana 9:00", "vence en 20 min", "vencida hace 2 h".
import { differenceInCalendarDays, format } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import type { TFunction } from 'i18next';
import { ago } from './time';

const dfLocale = (lng: string) => (lng.startsWith('en') ? enUS : es);

export function dueText(t: TFunction, lng: string, dueAt: number | null, now: number): string {
  if (dueAt === null) return t('admin.due.none');
  if (dueAt <= now) return t('admin.due.overdue', { ago: ago(t, dueAt, now) });
  const mins = Math.ceil((dueAt - now) / 60_000);
  if (mins < 60) return t('admin.due.inMinutes', { count: mins });
  const locale = dfLocale(lng);
  const time = format(dueAt, 'H:mm', { locale });
  const days = differenceInCalendarDays(dueAt, now);
  if (days === 0) return t('admin.due.today', { time });
  if (days === 1) return t('admin.due.tomorrow', { time });
  if (days < 7) return t('admin.due.weekday', { day: format(dueAt, 'EEEE', { locale }), time });
  const sameYear = new Date(dueAt).getFullYear() === new Date(now).getFullYear();
  return t('admin.due.date', { date: format(dueAt, sameYear ? 'd MMM' : 'd MMM yyyy', { locale }), time });
}

// The quick choices of "Posponer" (seed 002: agents end the day at inbox zero by snoozing to tomorrow
// morning), computed on the agent's wall clock in their time zone: "mañana 9:00" is 9:00 where the agent
// is, also across a daylight-saving change (date arithmetic on a TZDate, never "+ 24 h").
import { TZDate } from '@date-fns/tz';
import { addDays, addHours, isMonday, nextMonday, set } from 'date-fns';

export const SNOOZE_PRESET_KEYS = ['inOneHour', 'thisAfternoon', 'tomorrowMorning', 'nextMonday'] as const;
export type SnoozePresetKey = (typeof SNOOZE_PRESET_KEYS)[number];

/** The working day's landmarks on the agent's wall clock. */
export const MORNING_HOUR = 9;
export const AFTERNOON_HOUR = 15;

export interface SnoozePreset {
  key: SnoozePresetKey;
  /** Epoch ms of the wake time. */
  at: number;
}

const atHour = (d: TZDate, hour: number) => set(d, { hours: hour, minutes: 0, seconds: 0, milliseconds: 0 });

/**
 * The presets that make sense now: "this afternoon" only while it is still at least an hour away; "next
 * Monday" is the coming Monday (a week ahead on a Monday itself).
 */
export function snoozePresets(now: number, timeZone: string): SnoozePreset[] {
  const here = new TZDate(now, timeZone);
  const presets: SnoozePreset[] = [{ key: 'inOneHour', at: addHours(here, 1).getTime() }];
  const afternoon = atHour(here, AFTERNOON_HOUR);
  if (afternoon.getTime() - now >= 60 * 60 * 1000) presets.push({ key: 'thisAfternoon', at: afternoon.getTime() });
  presets.push({ key: 'tomorrowMorning', at: atHour(addDays(here, 1), MORNING_HOUR).getTime() });
  const monday = isMonday(here) ? addDays(here, 7) : nextMonday(here);
  presets.push({ key: 'nextMonday', at: atHour(monday, MORNING_HOUR).getTime() });
  return presets;
}

/** "YYYY-MM-DDTHH:mm" on the agent's wall clock → epoch ms (the custom date/time field of the dialog). */
export function wallClockToEpoch(local: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const t = new TZDate(y, mo - 1, d, h, mi, 0, 0, timeZone);
  return Number.isNaN(t.getTime()) ? null : t.getTime();
}

/** Epoch ms → "YYYY-MM-DDTHH:mm" on the agent's wall clock (to prefill that field). */
export function epochToWallClock(at: number, timeZone: string): string {
  const d = new TZDate(at, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

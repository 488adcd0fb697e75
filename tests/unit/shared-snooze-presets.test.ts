// Snooze quick choices on the agent's wall clock, in several time zones and across daylight-saving changes:
// "mañana 9:00" must read 9:00 where the agent is, whatever the UTC offset did overnight.
import { describe, expect, it } from 'vitest';
import { epochToWallClock, snoozePresets, wallClockToEpoch } from '../../src/shared';

/** The wall clock in `timeZone` as "YYYY-MM-DD HH:mm" (2026-11-30 and 2026-12-07 are Mondays). */
const wall = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(',', '');

const at = (iso: string) => Date.parse(iso);
const byKey = (now: number, tz: string) => Object.fromEntries(snoozePresets(now, tz).map((p) => [p.key, p.at]));

describe('snooze presets', () => {
  it('a weekday morning in Santiago: in 1 h, this afternoon 15:00, tomorrow 9:00, next Monday 9:00', () => {
    const tz = 'America/Santiago';
    const now = at('2026-11-25T13:30:00Z'); // Wednesday 10:30 in Santiago (UTC-3 in summer)
    const p = byKey(now, tz);
    expect(p.inOneHour).toBe(now + 3_600_000);
    expect(wall(p.thisAfternoon!, tz)).toBe('2026-11-25 15:00');
    expect(wall(p.tomorrowMorning!, tz)).toBe('2026-11-26 09:00');
    expect(wall(p.nextMonday!, tz)).toBe('2026-11-30 09:00');
  });

  it('no "this afternoon" once it is less than an hour away; on a Monday, next Monday is a week ahead', () => {
    const tz = 'Europe/Madrid';
    const now = at('2026-11-30T13:30:00Z'); // Monday 14:30 in Madrid
    const p = byKey(now, tz);
    expect(p.thisAfternoon).toBeUndefined();
    expect(wall(p.nextMonday!, tz)).toBe('2026-12-07 09:00');
  });

  it('tomorrow 9:00 across spring-forward (Madrid, 29 March 2026) is 9:00 local, 23 h away', () => {
    const tz = 'Europe/Madrid';
    const now = at('2026-03-28T09:00:00Z'); // Saturday 10:00 CET
    const p = byKey(now, tz);
    expect(wall(p.tomorrowMorning!, tz)).toBe('2026-03-29 09:00');
    expect(p.tomorrowMorning! - now).toBe(22 * 3_600_000); // 10:00 CET → 09:00 CEST next day
  });

  it('tomorrow 9:00 across the end of daylight time in Santiago (5 April 2026) is 9:00 local', () => {
    const tz = 'America/Santiago';
    const now = at('2026-04-04T20:00:00Z'); // Saturday 17:00 -03; the night of the change
    const p = byKey(now, tz);
    expect(wall(p.tomorrowMorning!, tz)).toBe('2026-04-05 09:00');
    expect(p.tomorrowMorning! - now).toBe(17 * 3_600_000); // 16 h of wall clock + the hour given back
  });

  it('the custom field round-trips on the wall clock, and rejects garbage', () => {
    const tz = 'America/Bogota';
    const t = wallClockToEpoch('2026-12-24T18:45', tz)!;
    expect(new Date(t).toISOString()).toBe('2026-12-24T23:45:00.000Z');
    expect(epochToWallClock(t, tz)).toBe('2026-12-24T18:45');
    expect(wallClockToEpoch('mañana', tz)).toBeNull();
  });
});

// Renderer rules of issue 5, without a DOM: wake times in words on the agent's wall clock ("en 20 min",
// "hoy 15:00", "mañana 9:00", "lun 1 dic 9:00", in Spanish and English, across a daylight-saving change),
// the follow-up reminder's quick choices, and who a note can @mention (supervisors and admins, and the
// agents of the conversation's tray).
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Agent, Tray } from '../../src/shared/entities';
import { snoozePresets } from '../../src/shared/rules/snooze-presets';
import { en } from '../../src/renderer/src/i18n/en';
import { es } from '../../src/renderer/src/i18n/es';
import { canSeeTray, mentionableAgents } from '../../src/renderer/src/lib/mentions';
import { clockText, followUpChoices, wakeText, zoneCity } from '../../src/renderer/src/lib/wake';

const TZ = 'America/Santiago';
let tEs: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  const make = async (lng: 'es' | 'en') => {
    const i = i18next.createInstance();
    await i.init({
      resources: { es: { translation: es }, en: { translation: en } },
      lng,
      fallbackLng: 'es',
      interpolation: { escapeValue: false },
    });
    return i.t.bind(i) as TFunction;
  };
  tEs = await make('es');
  tEn = await make('en');
});

/** 2025-11-27 (Thursday) 10:20 in Santiago (UTC-3 in summer). */
const NOW = Date.UTC(2025, 10, 27, 13, 20);
const at = (day: number, h: number, m = 0) => Date.UTC(2025, 10, day, h + 3, m);

describe('wake times in words', () => {
  it('says minutes within the hour, then today / tomorrow / the date, in the agent zone', () => {
    expect(wakeText(tEs, 'es', NOW + 20 * 60_000, NOW, TZ)).toBe('en 20 min');
    expect(wakeText(tEs, 'es', NOW + 30_000, NOW, TZ)).toBe('en 1 min');
    expect(wakeText(tEs, 'es', NOW - 1, NOW, TZ)).toBe('ahora');
    expect(wakeText(tEs, 'es', at(27, 15), NOW, TZ)).toBe('hoy 15:00');
    expect(wakeText(tEs, 'es', at(28, 9), NOW, TZ)).toBe('mañana 9:00');
    expect(wakeText(tEs, 'es', Date.UTC(2025, 11, 1, 12), NOW, TZ)).toBe('lun 1 dic 9:00');
    expect(wakeText(tEs, 'es', Date.UTC(2026, 0, 5, 12), NOW, TZ)).toBe('5 ene 2026 9:00');
    expect(wakeText(tEn, 'en', Date.UTC(2025, 11, 1, 12), NOW, TZ)).toBe('Mon, Dec 1 9:00');
    expect(wakeText(tEn, 'en', at(28, 9), NOW, TZ)).toBe('tomorrow 9:00');
  });

  it('counts calendar days where the agent is, not where the machine is', () => {
    // 23:30 in Santiago is already the next day in UTC: still "hoy" for the agent.
    expect(clockText(tEs, 'es', at(27, 23, 30), NOW, TZ)).toBe('hoy 23:30');
    // The clock text never goes relative (the dialog shows it next to "En 1 hora").
    expect(clockText(tEs, 'es', NOW + 60 * 60_000, NOW, TZ)).toBe('hoy 11:20');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });

  it('keeps tomorrow 9:00 on the wall clock across a daylight-saving change', () => {
    // Santiago moves its clocks forward on 2025-09-07 (00:00 → 01:00).
    const saturday = Date.UTC(2025, 8, 6, 15);
    const tomorrow = snoozePresets(saturday, TZ).find((p) => p.key === 'tomorrowMorning')!;
    expect(clockText(tEs, 'es', tomorrow.at, saturday, TZ)).toBe('mañana 9:00');
    expect(followUpChoices(saturday, TZ).find((c) => c.key === 'tomorrow')!.at).toBe(tomorrow.at);
  });
});

describe('follow-up quick choices', () => {
  it('are in 4 hours, tomorrow morning and in 48 hours', () => {
    const choices = followUpChoices(NOW, TZ);
    expect(choices.map((c) => c.key)).toEqual(['in4h', 'tomorrow', 'in48h']);
    expect(choices[0]!.at - NOW).toBe(4 * 3_600_000);
    expect(clockText(tEs, 'es', choices[1]!.at, NOW, TZ)).toBe('mañana 9:00');
    expect(choices[2]!.at - NOW).toBe(48 * 3_600_000);
  });
});

describe('who a note can mention', () => {
  const agent = (id: string, role: Agent['role'], active = true): Agent => ({
    id,
    name: id,
    email: `${id}@x.cl`,
    role,
    active,
    color: '#000',
  });
  const tray = (id: string, memberIds: string[]): Tray => ({
    id,
    key: id,
    name: id,
    team: 'sales',
    position: 0,
    active: true,
    categories: [],
    memberIds,
  });
  const me = agent('me', 'agent');
  const agents = [
    me,
    agent('ana', 'agent'),
    agent('beto', 'agent'),
    agent('sup', 'supervisor'),
    agent('adm', 'admin'),
    agent('off', 'agent', false),
  ];
  const trays = new Map([
    ['ventas', tray('ventas', ['me', 'ana', 'off'])],
    ['soporte', tray('soporte', ['beto'])],
  ]);

  it('supervisors and admins always, agents only as members of the tray, never me or inactive ones', () => {
    expect(canSeeTray(agent('sup', 'supervisor'), trays.get('soporte')!)).toBe(true);
    expect(canSeeTray(agent('ana', 'agent'), trays.get('soporte')!)).toBe(false);
    const ids = (trayIds: string[]) => mentionableAgents({ me, agents }, trays, trayIds).map((a) => a.id);
    expect(ids(['ventas'])).toEqual(['ana', 'sup', 'adm']);
    expect(ids(['soporte'])).toEqual(['beto', 'sup', 'adm']);
    // A note on several conversations (bulk): only who sees all of them.
    expect(ids(['ventas', 'soporte'])).toEqual(['sup', 'adm']);
    // A tray the session does not know is left to the core.
    expect(ids(['unknown'])).toEqual(['ana', 'beto', 'sup', 'adm']);
    expect(mentionableAgents(null, trays, ['ventas'])).toEqual([]);
  });
});

// Presence in the renderer without a DOM: the activity policy (idle after 5 minutes or when hidden,
// active on the next input, one call per change, a keep-alive the server's 5-minute rule needs), and
// presence in words and order (labels, "desde hace 5 min", online → away → offline) in both languages.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityState, AgentPresence } from '../../src/shared/realtime';
import { en } from '../../src/renderer/src/i18n/en';
import { es } from '../../src/renderer/src/i18n/es';
import { ActivityReporter, IDLE_AFTER_MS, REFRESH_MS, RETRY_MS } from '../../src/renderer/src/lib/activity';
import { byPresence, presenceOf, presenceTitle } from '../../src/renderer/src/lib/presence';

/** A hand-driven clock: timers fire only when `advance` passes them. */
function fakeClock() {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h: unknown) => void timers.delete(h as number),
    pending: () => timers.size,
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

function setup(fail = false) {
  const clock = fakeClock();
  const calls: ActivityState[] = [];
  const reporter = new ActivityReporter((s) => {
    calls.push(s);
    return fail ? Promise.reject(new Error('link down')) : Promise.resolve();
  }, clock);
  return { clock, calls, reporter };
}

describe('ActivityReporter', () => {
  it('declares active at start, idle after 5 minutes without input, active again on the next input', () => {
    const { clock, calls, reporter } = setup();
    reporter.start(false);
    expect(calls).toEqual(['active']);
    clock.advance(IDLE_AFTER_MS - 1);
    expect(calls).toEqual(['active']);
    clock.advance(1);
    expect(calls).toEqual(['active', 'idle']);
    // A burst of input is one state change: one call.
    for (let i = 0; i < 50; i++) reporter.input();
    expect(calls).toEqual(['active', 'idle', 'active']);
    reporter.stop();
    expect(clock.pending()).toBe(0);
  });

  it('input keeps the person active: the idle timer moves without a timer per event', () => {
    const { clock, calls, reporter } = setup();
    reporter.start(false);
    for (let i = 0; i < 10; i++) {
      clock.advance(IDLE_AFTER_MS / 2);
      reporter.input();
      expect(clock.pending()).toBe(1);
    }
    expect(calls.filter((c) => c === 'idle')).toEqual([]);
  });

  it('while active, repeats active at most every REFRESH_MS, and only when there was input', () => {
    const { clock, calls, reporter } = setup();
    reporter.start(false);
    // Twenty minutes of work, input every 10 s: one keep-alive per REFRESH_MS, no idle.
    for (let t = 0; t < 20 * 60_000; t += 10_000) {
      clock.advance(10_000);
      reporter.input();
    }
    expect(calls.every((c) => c === 'active')).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(1 + Math.ceil((20 * 60_000) / REFRESH_MS));
    expect(calls.length).toBeGreaterThanOrEqual((20 * 60_000) / REFRESH_MS);
    // A keep-alive leaves a margin before the server's own 5-minute away rule.
    expect(REFRESH_MS).toBeLessThan(IDLE_AFTER_MS / 2);
  });

  it('a hidden window is idle at once; showing it again is activity; no idle timer while hidden', () => {
    const { clock, calls, reporter } = setup();
    reporter.start(false);
    reporter.visibility(true);
    reporter.visibility(true);
    expect(calls).toEqual(['active', 'idle']);
    expect(clock.pending()).toBe(0);
    reporter.input(); // events a hidden window might still get do not wake it
    clock.advance(IDLE_AFTER_MS * 2);
    expect(calls).toEqual(['active', 'idle']);
    reporter.visibility(false);
    expect(calls).toEqual(['active', 'idle', 'active']);
  });

  it('starting hidden says idle, not active', () => {
    const { calls, reporter } = setup();
    reporter.start(true);
    expect(calls).toEqual(['idle']);
  });

  it('a failed active is retried on a later input, not on every event', async () => {
    const { clock, calls, reporter } = setup(true);
    reporter.start(false);
    await Promise.resolve();
    await Promise.resolve();
    for (let i = 0; i < 20; i++) reporter.input();
    expect(calls).toEqual(['active']);
    clock.advance(RETRY_MS);
    reporter.input();
    expect(calls).toEqual(['active', 'active']);
  });
});

describe('presence words and order', () => {
  let tEs: TFunction;
  let tEn: TFunction;
  beforeAll(async () => {
    const make = async (lng: 'es' | 'en') => {
      const i = i18next.createInstance();
      await i.init({ resources: { es: { translation: es }, en: { translation: en } }, lng, fallbackLng: 'es' });
      return i.t;
    };
    tEs = await make('es');
    tEn = await make('en');
  });

  const now = 10_000_000;
  const p = (agentId: string, status: AgentPresence['status'], minsAgo: number): AgentPresence => ({
    agentId,
    status,
    since: now - minsAgo * 60_000,
  });

  it('labels and tooltips in both languages', () => {
    expect(presenceTitle(tEs, { status: 'online', since: now - 5 * 60_000 }, now)).toBe('En línea · desde hace 5 min');
    expect(presenceTitle(tEs, { status: 'away', since: now - 3 * 3_600_000 }, now)).toBe('Ausente · desde hace 3 h');
    expect(presenceTitle(tEs, { status: 'offline', since: null }, now)).toBe('Desconectado');
    expect(presenceTitle(tEs, { status: 'online', since: now + 60_000 }, now)).toBe('En línea · desde hace un momento');
    expect(presenceTitle(tEn, { status: 'online', since: now - 5 * 60_000 }, now)).toBe('Online · for 5 min');
    expect(presenceTitle(tEn, { status: 'offline', since: null }, now)).toBe('Offline');
    expect(tEs('presence.showOffline', { count: 1 })).toBe('Mostrar 1 desconectado');
    expect(tEs('presence.showOffline', { count: 5 })).toBe('Mostrar 5 desconectados');
  });

  it('absent agents are offline; lists go online → away → offline, by name within each', () => {
    const byAgent = new Map([p('b', 'away', 1), p('c', 'online', 2), p('e', 'online', 0)].map((x) => [x.agentId, x]));
    expect(presenceOf(byAgent, 'zz')).toEqual({ status: 'offline', since: null });
    expect(presenceOf(byAgent, 'b')).toEqual({ status: 'away', since: now - 60_000 });
    const agents = [
      { id: 'a', name: 'Álvaro' },
      { id: 'b', name: 'Beatriz' },
      { id: 'c', name: 'Camila' },
      { id: 'd', name: 'Diego' },
      { id: 'e', name: 'Ana' },
    ];
    expect(byPresence(agents, byAgent, 'es').map((a) => a.name)).toEqual([
      'Ana',
      'Camila',
      'Beatriz',
      'Álvaro',
      'Diego',
    ]);
    // The input is not reordered in place (it is the session's own array).
    expect(agents[0]!.name).toBe('Álvaro');
  });
});

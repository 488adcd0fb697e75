// Presence in words and order, without React or stores (unit-tested): the label of a status, the
// "desde hace 5 min" of its tooltip, and the online → away → offline order of agent lists.
import type { TFunction } from 'i18next';
import type { AgentPresence, PresenceStatus } from '../../../shared/realtime';

/** What a dot shows: `since` is null for agents the server does not list (offline for an unknown time). */
export interface PresenceView {
  status: PresenceStatus;
  since: number | null;
}

const RANK: Record<PresenceStatus, number> = { online: 0, away: 1, offline: 2 };

/** The server lists online and away agents only; everyone else is offline. */
export function presenceOf(byAgent: ReadonlyMap<string, AgentPresence>, agentId: string): PresenceView {
  const p = byAgent.get(agentId);
  return p ? { status: p.status, since: p.since } : { status: 'offline', since: null };
}

export function presenceLabel(t: TFunction, status: PresenceStatus): string {
  return t(`presence.status.${status}`);
}

/** "desde hace 5 min" (hours, days); a clock skewed into the future reads as "just now". */
export function presenceSince(t: TFunction, since: number, now: number): string {
  const mins = Math.max(0, Math.floor((now - since) / 60_000));
  if (mins < 1) return t('presence.sinceNow');
  if (mins < 60) return t('presence.sinceMinutes', { count: mins });
  const hours = Math.floor(mins / 60);
  if (hours < 24) return t('presence.sinceHours', { count: hours });
  return t('presence.sinceDays', { count: Math.floor(hours / 24) });
}

/** Tooltip of a dot: "En línea · desde hace 5 min", or the bare label when the start is unknown. */
export function presenceTitle(t: TFunction, view: PresenceView, now: number): string {
  const label = presenceLabel(t, view.status);
  return view.since === null ? label : `${label} · ${presenceSince(t, view.since, now)}`;
}

/** Stable order for agent lists: online, then away, then offline; by name within each (locale-aware). */
export function byPresence<T extends { id: string; name: string }>(
  agents: readonly T[],
  byAgent: ReadonlyMap<string, AgentPresence>,
  locale: string,
): T[] {
  const rank = (a: T) => RANK[presenceOf(byAgent, a.id).status];
  return [...agents].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, locale));
}

// @mentions in private notes, without React: where the agent is typing a mention, who a text mentions,
// and a note body cut into plain and highlighted parts. A mention is written "@Nombre Apellido" (the
// agent's full name), so the text reads naturally and the ids are found again from it when sending.
import type { Agent, Session, Tray } from '../../../shared/entities';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The "@query" right before the caret (start = index of "@"), or null when not typing a mention. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\p{L}\p{N}._-]{0,30})$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

/** Agents whose name matches what follows the "@" (first name, last name or email). */
export function mentionCandidates(agents: readonly Agent[], query: string, limit = 8): Agent[] {
  const q = fold(query);
  const hits = agents.filter((a) => {
    if (!q) return true;
    const name = fold(a.name);
    return name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q)) || fold(a.email).startsWith(q);
  });
  return hits.slice(0, limit);
}

/** Replaces the "@query" at `start` with "@Full Name " and says where the caret goes. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  agent: Pick<Agent, 'name'>,
): { text: string; caret: number } {
  const inserted = `@${agent.name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** Ids of the agents the text mentions ("@Nombre Apellido", any case), in the order of `agents`. */
export function mentionedIds(text: string, agents: readonly Pick<Agent, 'id' | 'name'>[]): string[] {
  const folded = fold(text);
  return agents.filter((a) => folded.includes(`@${fold(a.name)}`)).map((a) => a.id);
}

export interface BodyPart {
  text: string;
  mention: boolean;
}

/** The body cut into plain text and "@Name" parts for the given names (longest names first). */
export function splitMentions(body: string, names: readonly string[]): BodyPart[] {
  const usable = [...new Set(names.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return [{ text: body, mention: false }];
  const escaped = usable.map((n) => `@${n}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(${escaped.join('|')})`, 'giu');
  return body
    .split(re)
    .filter((p) => p !== '')
    .map((p) => ({ text: p, mention: usable.some((n) => `@${n}`.toLowerCase() === p.toLowerCase()) }));
}

/** Can this agent see conversations of this tray? Supervisors and admins see every tray. */
export function canSeeTray(agent: Pick<Agent, 'id' | 'role'>, tray: Pick<Tray, 'memberIds'>): boolean {
  return agent.role !== 'agent' || tray.memberIds.includes(agent.id);
}

/**
 * Who can be mentioned in a note on conversations of these trays: active teammates other than me who see
 * every one of them (the core refuses a mention of someone who could not read the note). A tray the
 * session does not know is left to the core.
 */
export function mentionableAgents(
  session: Pick<Session, 'me' | 'agents'> | null,
  traysById: ReadonlyMap<string, Tray>,
  trayIds: readonly string[],
): Agent[] {
  if (!session) return [];
  const trays = trayIds.flatMap((id) => {
    const tray = traysById.get(id);
    return tray ? [tray] : [];
  });
  return session.agents.filter((a) => a.active && a.id !== session.me.id && trays.every((tray) => canSeeTray(a, tray)));
}

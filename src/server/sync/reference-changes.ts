// Reference data in the change log: agents (never their password hash) and tray memberships, written by
// the admin routes in the same transaction as the change, visible to the whole workspace (trayId null).
// Without these a replica would learn about a new, renamed or disabled agent only at its next sign-in.
import type { AgentRow } from '../auth/sessions';
import type { trayMembers } from '../db/schema';
import { toApiAgent } from '../services/serialize';
import type { Change } from './changes';

/** The columns a replica keeps of an agent (src/core/db/schema.ts): the API shape minus its tray list. */
export function agentData(a: AgentRow): Record<string, unknown> {
  const { trayIds: _trayIds, ...data } = toApiAgent(a, []);
  return data;
}

export const agentChange = (a: AgentRow): Change => ({
  entity: 'agents',
  entityId: a.id,
  trayId: null,
  op: 'put',
  data: agentData(a),
});

type Member = typeof trayMembers.$inferSelect;

/** Membership before → after of one agent: a put per tray joined, a del per tray left. */
export function membershipChanges(agentId: string, before: string[], after: string[]): Change[] {
  const link = (trayId: string, op: 'put' | 'del'): Change => {
    const data: Member = { trayId, agentId };
    return { entity: 'tray_members', entityId: `${trayId}/${agentId}`, trayId: null, op, data: { ...data } };
  };
  return [
    ...after.filter((t) => !before.includes(t)).map((t) => link(t, 'put')),
    ...before.filter((t) => !after.includes(t)).map((t) => link(t, 'del')),
  ];
}

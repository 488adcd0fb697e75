// Database rows → the shared API shapes. Password hashes and other server-only columns stop here.
import type { ApiAgent, ApiWorkspace } from '../../shared';
import type { AgentRow, WorkspaceRow } from '../auth/sessions';

export function toApiWorkspace(w: WorkspaceRow): ApiWorkspace {
  return { id: w.id, slug: w.slug, name: w.name, timezone: w.timezone, settings: w.settings, createdAt: w.createdAt };
}

export function toApiAgent(a: AgentRow, trayIds: string[]): ApiAgent {
  return {
    id: a.id,
    workspaceId: a.workspaceId,
    name: a.name,
    email: a.email,
    role: a.role,
    active: a.active,
    color: a.color,
    trayIds,
    createdAt: a.createdAt,
  };
}

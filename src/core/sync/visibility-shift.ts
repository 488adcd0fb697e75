// When what this agent may see changes — a tray membership of theirs added or removed, or their role
// changed — the change log cannot fill the gap: rows of a newly visible tray were skipped by earlier
// pulls. The replica then drops what it may no longer see at once and re-downloads from a fresh snapshot
// (cursor 0), which upserts over what it already has, so the inbox never empties meanwhile.
import type { SyncChange } from '../../shared';
import type { CoreContext } from '../context';
import { getMeta, setMeta } from '../db/meta';
import { dropConversations } from './apply-changes';

/** Applies the shift inside the pull's transaction; returns whether a fresh snapshot is needed. */
export function applyVisibilityShift(ctx: CoreContext, changes: SyncChange[]): boolean {
  const me = ctx.meId;
  let resync = false;
  for (const c of changes) {
    if (c.version === 0) continue; // snapshot / reference rows describe the present, not a change
    if (c.entity === 'tray_members' && c.entityId.endsWith(`/${me}`)) {
      resync = true;
      if (c.op === 'del' && (getMeta(ctx.db, 'role') ?? 'agent') === 'agent')
        // The server sends no del for them: the tray simply left this agent's sight.
        dropConversations(ctx.statements, 'tray_id', c.entityId.split('/')[0]!);
    }
    if (c.entity === 'agents' && c.entityId === me && c.op === 'put') {
      const role = c.data?.role;
      if (typeof role === 'string' && role !== getMeta(ctx.db, 'role')) {
        setMeta(ctx.db, 'role', role);
        resync = true;
      }
    }
  }
  return resync;
}

// Due snoozes and follow-ups coming back to Abiertas on this replica. The server-less demo replica is its
// own authority: it wakes every due conversation, with a history entry, as the server's job would. A
// synced replica only *anticipates* the server for the agent's own conversations — the status flips at
// the due time even offline, without history or outbox (the server's wake, with its history entry, arrives
// with the next pull and says the same). Same owner either way.
import type { CoreContext } from '../context';
import { newId } from '../../shared';

interface Woken {
  id: string;
  kind: 'snooze' | 'followUp';
  due: number;
}

const DUE_SNOOZES = `SELECT id, snoozed_until AS due FROM conversations WHERE status = 'snoozed' AND snoozed_until <= @now`;
const DUE_FOLLOW_UPS = `SELECT id, follow_up_at AS due FROM conversations WHERE status = 'pending' AND follow_up_at <= @now`;
const MINE = `AND (assignee_id = @me OR (assignee_id IS NULL AND coalesce(snoozed_by, follow_up_by) = @me))`;

/** Wakes what is due at `now`; returns the conversations that changed. */
export function wakeDue(ctx: CoreContext, now: number): string[] {
  if (ctx.replica.mode === 'none') return [];
  const authority = ctx.replica.mode === 'local';
  const scope = authority ? '' : MINE;
  const params = { now, me: ctx.meId };
  return ctx.sqlite.transaction(() => {
    const due: Woken[] = [
      ...(ctx.statements.get(`${DUE_SNOOZES} ${scope}`).all(params) as { id: string; due: number }[]).map((r) => ({
        ...r,
        kind: 'snooze' as const,
      })),
      ...(ctx.statements.get(`${DUE_FOLLOW_UPS} ${scope}`).all(params) as { id: string; due: number }[]).map((r) => ({
        ...r,
        kind: 'followUp' as const,
      })),
    ];
    for (const w of due) {
      ctx.statements
        .get(
          `UPDATE conversations SET status = 'open', snoozed_until = NULL, snoozed_by = NULL, follow_up_at = NULL,
             follow_up_by = NULL, updated_at = ? WHERE id = ?`,
        )
        .run(now, w.id);
      if (authority)
        ctx.statements
          .get(
            `INSERT INTO audit_log (id, workspace_id, actor_id, actor_kind, action, entity, entity_id, conversation_id,
               "before", "after", at) VALUES (?, ?, NULL, 'system', ?, 'conversation', ?, ?, ?, ?, ?)`,
          )
          .run(
            newId(),
            ctx.workspaceId,
            w.kind === 'snooze' ? 'conversation.snoozeWoke' : 'conversation.followUpDue',
            w.id,
            w.id,
            JSON.stringify(
              w.kind === 'snooze' ? { status: 'snoozed', until: w.due } : { status: 'pending', followUpAt: w.due },
            ),
            JSON.stringify({ status: 'open' }),
            now,
          );
    }
    return due.map((w) => w.id);
  })();
}

// One user action = one transaction: the change (run by the shared mutator), its audit events and its
// outbox row. A synced replica also captures the before-images the rebase needs.
import { AppError, MutationArgs, type MutationArgsOf, type MutationName, zodIssues } from '../../shared';
import type { CoreContext } from '../context';
import { runMutator } from './driver';
import { enqueueMutation, nextMutationId } from './outbox';

export interface AppliedMutation<T = unknown> {
  mutationId: number | null;
  changed: boolean;
  /** Conversations whose rows changed (for the UI to re-read). */
  conversationIds: string[];
  /** What the mutator answered (e.g. the justification a resolution used). */
  value: T;
}

export function applyMutation<N extends MutationName>(
  ctx: CoreContext,
  name: N,
  rawArgs: MutationArgsOf<N>,
): AppliedMutation {
  const parsed = MutationArgs[name].safeParse(rawArgs);
  if (!parsed.success)
    throw new AppError('invalid_input', `Invalid ${name} arguments`, 'errors.invalidInput', zodIssues(parsed.error));
  const args = withExpectations(ctx, name, parsed.data as MutationArgsOf<N>);
  const at = ctx.clock.now();
  const run = ctx.sqlite.transaction(() => {
    // Synced replicas record before-images under the id this mutation will get, for the rebase.
    const nextId = nextMutationId(ctx);
    const exec = () => runMutator(ctx, name, args, at);
    const outcome = ctx.replica.mode === 'server' ? ctx.undo.capture(nextId, exec) : exec();
    if (!outcome.changed && ctx.replica.mode === 'server') ctx.undo.forget(nextId);
    const mutationId = outcome.changed ? enqueueMutation(ctx, name, args, at) : null;
    return { outcome, mutationId };
  });
  const { outcome, mutationId } = run.immediate();
  if (outcome.changed) {
    ctx.emit('data.changed', {
      // Reference data (trays, tags, settings…) changes what every screen shows: re-read everything.
      conversationIds: outcome.reference ? [] : outcome.conversationIds,
      counts: true,
      reason: outcome.reference ? 'reference' : name,
    });
    ctx.onMutated();
  }
  return { mutationId, changed: outcome.changed, conversationIds: outcome.conversationIds, value: outcome.value };
}

/**
 * What the agent saw when acting travels with the mutation, so the server can refuse a claim that lost a
 * race (src/shared/rules/assignment.ts) instead of letting the later one win silently.
 */
function withExpectations<N extends MutationName>(
  ctx: CoreContext,
  name: N,
  args: MutationArgsOf<N>,
): MutationArgsOf<N> {
  if (name !== 'assign') return args;
  const a = args as MutationArgsOf<'assign'>;
  if (a.expectedAssigneeId !== undefined) return args;
  const row = ctx.statements
    .get('SELECT assignee_id AS assigneeId FROM conversations WHERE id = ?')
    .get(a.conversationId) as { assigneeId: string | null } | undefined;
  return (row ? { ...a, expectedAssigneeId: row.assigneeId } : a) as MutationArgsOf<N>;
}

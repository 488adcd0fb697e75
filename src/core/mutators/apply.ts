// One user action = one transaction: the change, its audit events and its outbox row.
import { MutationArgs, type MutationArgsOf, type MutationName } from '../../shared';
import { AppError, zodIssues } from '../../shared';
import type { CoreContext } from '../context';
import { mutators, type MutatorOutcome } from './conversation-mutators';
import { enqueueMutation, nextMutationId } from './outbox';

export interface AppliedMutation {
  mutationId: number | null;
  changed: boolean;
  conversationId: string;
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
  const run = ctx.sqlite.transaction((): AppliedMutation => {
    const mutator = mutators[name] as unknown as (c: CoreContext, a: MutationArgsOf<N>, t: number) => MutatorOutcome;
    // Synced replicas record before-images under the id this mutation will get, for the rebase.
    const nextId = nextMutationId(ctx);
    const outcome =
      ctx.replica.mode === 'server' ? ctx.undo.capture(nextId, () => mutator(ctx, args, at)) : mutator(ctx, args, at);
    if (!outcome.changed && ctx.replica.mode === 'server') ctx.undo.forget(nextId);
    const mutationId = outcome.changed ? enqueueMutation(ctx, name, args, at) : null;
    return {
      mutationId,
      changed: outcome.changed,
      conversationId: outcome.conversationId,
    };
  });
  const applied = run.immediate();
  if (applied.changed) {
    ctx.emit('data.changed', {
      conversationIds: [applied.conversationId],
      counts: true,
      reason: name,
    });
    ctx.onMutated();
  }
  return applied;
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
  const row = ctx.sqlite
    .prepare<[string], { assigneeId: string | null }>(
      'SELECT assignee_id AS assigneeId FROM conversations WHERE id = ?',
    )
    .get(a.conversationId);
  return (row ? { ...a, expectedAssigneeId: row.assigneeId } : a) as MutationArgsOf<N>;
}

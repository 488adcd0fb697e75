// Who owns a conversation when two agents claim it at once: the server applies mutations in its own
// order, and each `assign` carries the assignee its agent saw (`expectedAssigneeId`). If the owner
// changed in between, the later claim is refused — explicitly, with who got it — instead of silently
// overwriting the first. Client and server both decide with this one function.

export type AssignDecision =
  | { kind: 'unchanged' }
  | { kind: 'apply' }
  /** Someone else changed the owner since the agent looked: `current` is who has it now. */
  | { kind: 'conflict'; current: string | null };

export function decideAssign(input: {
  current: string | null;
  requested: string | null;
  /** undefined = the caller did not say (an old client): last writer wins, as before. */
  expected: string | null | undefined;
}): AssignDecision {
  if (input.current === input.requested) return { kind: 'unchanged' };
  if (input.expected !== undefined && input.expected !== input.current)
    return { kind: 'conflict', current: input.current };
  return { kind: 'apply' };
}

// Named, versioned mutations: what a user action *is*. The core applies them optimistically and queues
// them in the outbox; the server (issue 3) re-validates and applies the same names with the same args.
import { z } from 'zod';
import { Status } from './domain';
import { Id } from './ids';

export const MUTATION_VERSION = 1;

/** Statuses an agent may set directly here; `snoozed` needs a wake time (snooze issue). */
export const SettableStatus = Status.exclude(['snoozed']);
export type SettableStatus = z.infer<typeof SettableStatus>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const MutationArgs = {
  /**
   * `expectedAssigneeId`: the owner the agent saw when acting (the core fills it in). The server refuses
   * the claim if the owner changed meanwhile (src/shared/rules/assignment.ts).
   */
  assign: z.object({ conversationId: Id, assigneeId: Id.nullable(), expectedAssigneeId: Id.nullable().optional() }),
  move: z.object({ conversationId: Id, trayId: Id, categoryId: Id.nullable() }),
  setStatus: z.object({ conversationId: Id, status: SettableStatus }),
  addTag: z.object({ conversationId: Id, tagId: Id }),
  removeTag: z.object({ conversationId: Id, tagId: Id }),
  addNote: z.object({ conversationId: Id, noteId: Id, body: text(10_000) }),
  sendReply: z.object({
    conversationId: Id,
    messageId: Id,
    text: text(10_000),
  }),
} as const;

export type MutationName = keyof typeof MutationArgs;
export const MUTATION_NAMES = Object.keys(MutationArgs) as MutationName[];
export type MutationArgsOf<N extends MutationName> = z.infer<(typeof MutationArgs)[N]>;

/** The envelope stored in the outbox and pushed to the server. */
export const MutationEnvelope = z.object({
  clientId: Id,
  mutationId: z.number().int().positive(),
  name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]]),
  version: z.number().int().positive(),
  args: z.unknown(),
  /** Client time of the action: informative only, the server orders by its own clock. */
  clientTime: z.number().int().nonnegative(),
});
export type MutationEnvelope = z.infer<typeof MutationEnvelope>;

/** Bulk actions of column 2 (multi-select). Each item is applied and reported separately. */
export const BulkAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign'), assigneeId: Id.nullable() }),
  z.object({ type: z.literal('move'), trayId: Id, categoryId: Id.nullable() }),
  z.object({ type: z.literal('setStatus'), status: SettableStatus }),
  z.object({ type: z.literal('addTag'), tagId: Id }),
  z.object({ type: z.literal('removeTag'), tagId: Id }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

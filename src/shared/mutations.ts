// Named, versioned mutations: what a user action *is*. The core applies them optimistically and queues
// them in the outbox; the server re-validates and applies the same names with the same args — both through
// the one implementation in src/shared/mutators.
import { z } from 'zod';
import { Priority, Status } from './domain';
import { Id, Timestamp } from './ids';
import { DESCRIPTIVE_FIELDS, type DescriptiveField } from './rules/descriptive-note';
import { SettingsPatch } from './settings';

export const MUTATION_VERSION = 1;

/**
 * Statuses an agent sets directly. Resolving has its own mutation (`resolve`: disposition + closing policy)
 * and snoozing too (`snooze`: a wake time), so neither can be reached by a bare status change.
 */
export const SettableStatus = Status.extract(['open', 'pending']);
export type SettableStatus = z.infer<typeof SettableStatus>;

/** PostgreSQL stores no NUL in text or jsonb: refused here, on both sides, as invalid input. */
// eslint-disable-next-line no-control-regex -- matching the one control character PostgreSQL refuses is the point
const NO_NUL = /^[^\u0000]*$/;
/** Free text (notes, replies, summaries): any line breaks, no NUL. */
export const FreeText = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, 'No NUL characters');
/** One line (names, titles, values): no control characters at all. */
export const OneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^\P{Cc}*$/u, 'No control characters');

/** The guide's descriptive note: every field optional here; which ones must say something depends on why. */
export const DescriptiveFields = z
  .object(
    Object.fromEntries(
      DESCRIPTIVE_FIELDS.map((f) => [f, z.string().trim().max(2_000).regex(NO_NUL, 'No NUL characters').optional()]),
    ) as Record<DescriptiveField, z.ZodOptional<z.ZodString>>,
  )
  .strict();
export type DescriptiveFields = z.infer<typeof DescriptiveFields>;

/** Where a contact outside the CRM happened (guide §6). */
export const EXTERNAL_CHANNELS = ['whatsappDirect', 'phone', 'externalEmail', 'other'] as const;
export const ExternalChannel = z.enum(EXTERNAL_CHANNELS);
export type ExternalChannel = z.infer<typeof ExternalChannel>;

export const TICKET_STATUSES = ['open', 'inProgress', 'waiting', 'closed'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Agents notified by a private note (@mentions); at most a handful, each must see the conversation. */
const Mentions = z.array(Id).max(20);
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const Name = OneLine(80);

export const MutationArgs = {
  /**
   * `expectedAssigneeId`: the owner the agent saw when acting (the core fills it in). The server refuses
   * the claim if the owner changed meanwhile (src/shared/rules/assignment.ts).
   */
  assign: z.object({ conversationId: Id, assigneeId: Id.nullable(), expectedAssigneeId: Id.nullable().optional() }),
  move: z.object({ conversationId: Id, trayId: Id, categoryId: Id.nullable() }),
  setStatus: z.object({ conversationId: Id, status: SettableStatus }),
  /** Closing: a disposition is mandatory; the justification a)–d) is found by the closing policy itself. */
  resolve: z.object({ conversationId: Id, dispositionId: Id }),
  /** Pospuestas: leaves the inbox until `until` (server time decides when it is due). */
  snooze: z.object({ conversationId: Id, until: Timestamp }),
  /** Follow-up reminder on a pending conversation: back to Abiertas at `at` unless the customer answers; null clears. */
  setFollowUp: z.object({ conversationId: Id, at: Timestamp.nullable() }),
  addTag: z.object({ conversationId: Id, tagId: Id }),
  removeTag: z.object({ conversationId: Id, tagId: Id }),
  addNote: z.object({ conversationId: Id, noteId: Id, body: FreeText(10_000), mentions: Mentions.optional() }),
  /** The guide's structured note (Contexto, Acciones realizadas, Próximos pasos, Datos faltantes, Canal externo). */
  addDescriptiveNote: z.object({
    conversationId: Id,
    noteId: Id,
    fields: DescriptiveFields,
    mentions: Mentions.optional(),
  }),
  /** A contact that happened outside the CRM (direct WhatsApp, a call, an external email): documentation. */
  logExternalContact: z.object({
    conversationId: Id,
    noteId: Id,
    channel: ExternalChannel,
    occurredAt: Timestamp,
    summary: FreeText(4_000),
  }),
  sendReply: z.object({
    conversationId: Id,
    messageId: Id,
    text: FreeText(10_000),
  }),
  /** d) the agent marks the customer message that says they need nothing else (null unmarks). */
  markCustomerConfirmed: z.object({ conversationId: Id, messageId: Id.nullable() }),
  /** Moves messages, notes, tasks, tickets and tags of `sourceId` into `targetId`; the source is removed. */
  mergeConversations: z.object({ targetId: Id, sourceId: Id }),

  createTask: z.object({
    taskId: Id,
    conversationId: Id.nullable(),
    title: OneLine(200),
    dueAt: Timestamp.nullable(),
    assigneeId: Id.nullable(),
  }),
  updateTask: z.object({
    taskId: Id,
    title: OneLine(200).optional(),
    dueAt: Timestamp.nullable().optional(),
    assigneeId: Id.nullable().optional(),
    done: z.boolean().optional(),
  }),
  createTicket: z.object({ ticketId: Id, conversationId: Id, subject: OneLine(200), priority: Priority }),
  updateTicket: z.object({
    ticketId: Id,
    subject: OneLine(200).optional(),
    status: TicketStatus.optional(),
    priority: Priority.optional(),
  }),
  linkTicket: z.object({ conversationId: Id, ticketId: Id }),
  unlinkTicket: z.object({ conversationId: Id, ticketId: Id }),
  createCompany: z.object({
    companyId: Id,
    name: OneLine(120),
    domain: z
      .string()
      .trim()
      .max(120)
      .regex(/^\P{Cc}*$/u, 'No control characters')
      .nullable(),
  }),
  setContactCompany: z.object({ contactId: Id, companyId: Id.nullable() }),
  updateContact: z.object({ contactId: Id, name: OneLine(120) }),
  addContactIdentity: z.object({
    contactId: Id,
    identityId: Id,
    kind: z.enum(['phone', 'email']),
    value: OneLine(200),
  }),

  // ── Settings (admins only; the server enforces it) ─────────────────────────────────────────────
  /** Creates the tray when the id is new, otherwise renames / re-teams / (de)activates it. */
  saveTray: z.object({ trayId: Id, name: Name, team: OneLine(40), active: z.boolean() }),
  saveCategory: z.object({ categoryId: Id, trayId: Id, name: Name, active: z.boolean() }),
  saveTag: z.object({ tagId: Id, name: Name, color: Color }),
  saveDisposition: z.object({ dispositionId: Id, name: Name, needsFollowUp: z.boolean(), active: z.boolean() }),
  /** Who works a tray: its agents see and receive its conversations (supervisors and admins see every tray). */
  setTrayMembers: z.object({ trayId: Id, agentIds: z.array(Id).max(500) }),
  /** The new order of trays, of one tray's categories, or of dispositions: every id of the set, in order. */
  reorder: z.object({
    entity: z.enum(['trays', 'categories', 'dispositions']),
    ids: z.array(Id).min(1).max(200),
  }),
  saveSettings: z.object({ patch: SettingsPatch }),
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
  /** The closing policy runs per conversation: "para limpiar la bandeja" is refused item by item. */
  z.object({ type: z.literal('resolve'), dispositionId: Id }),
  z.object({ type: z.literal('snooze'), until: Timestamp }),
  z.object({ type: z.literal('addTag'), tagId: Id }),
  z.object({ type: z.literal('removeTag'), tagId: Id }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

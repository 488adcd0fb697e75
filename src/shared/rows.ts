// The rows of every synced table in the client's shape (src/core/db/schema.ts, camelCase drizzle keys):
// what the change log carries, what the shared mutators (src/shared/mutators) read and write on both sides.
// The server's tables hold the same columns (plus a few of its own, e.g. workspace_id on categories);
// tests/unit/shared-rows.test.ts checks both drizzle schemas against these types.
import type { AuthorKind, ChannelKind, DeliveryStatus, Direction, Priority, Role, Status } from './domain';
import type { SyncEntity } from './sync';

export interface WorkspaceRow {
  id: string;
  name: string;
  timezone: string;
  createdAt: number;
  settings: Record<string, unknown>;
}
export interface AgentRow {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  color: string;
  createdAt: number;
}
export interface TrayRow {
  id: string;
  workspaceId: string;
  key: string;
  name: string;
  team: string;
  position: number;
  active: boolean;
}
export interface CategoryRow {
  id: string;
  trayId: string;
  key: string;
  name: string;
  position: number;
  active: boolean;
}
export interface TrayMemberRow {
  trayId: string;
  agentId: string;
}
export interface ChannelRow {
  id: string;
  workspaceId: string;
  kind: ChannelKind;
  name: string;
  address: string;
}
export interface TagRow {
  id: string;
  workspaceId: string;
  name: string;
  color: string;
}
export interface CompanyRow {
  id: string;
  workspaceId: string;
  name: string;
  domain: string | null;
}
export interface ContactRow {
  id: string;
  workspaceId: string;
  name: string;
  companyId: string | null;
  createdAt: number;
}
export interface ContactIdentityRow {
  id: string;
  contactId: string;
  kind: 'phone' | 'email' | 'external';
  value: string;
  channelKind: string;
}
export interface ConversationRow {
  id: string;
  workspaceId: string;
  contactId: string;
  channelId: string;
  channelKind: string;
  trayId: string;
  categoryId: string | null;
  status: Status;
  assigneeId: string | null;
  priority: Priority;
  subject: string | null;
  snippet: string;
  snoozedUntil: number | null;
  lastActivityAt: number;
  waitingSince: number | null;
  firstResponseAt: number | null;
  cycle: number;
  cycleStartedAt: number;
  createdAt: number;
  updatedAt: number;
  version: number;
  lastCustomerMessageAt: number | null;
  lastHumanReplyAt: number | null;
  linkedFromId: string | null;
  snoozedBy: string | null;
  followUpAt: number | null;
  followUpBy: string | null;
}
export interface ConversationTagRow {
  conversationId: string;
  tagId: string;
  createdAt: number;
}
export interface ConversationCycleRow {
  id: string;
  conversationId: string;
  number: number;
  startedAt: number;
  firstHumanReplyAt: number | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
  dispositionId: string | null;
  justification: string | null;
  resolvedTrayId: string | null;
  confirmedMessageId: string | null;
}
export interface MessageRow {
  id: string;
  conversationId: string;
  direction: Direction;
  authorKind: AuthorKind;
  authorAgentId: string | null;
  text: string;
  attachments: string;
  channelMessageId: string | null;
  deliveryStatus: DeliveryStatus | null;
  deliveryError: string | null;
  createdAt: number;
}
export interface NoteRow {
  id: string;
  conversationId: string;
  authorAgentId: string;
  body: string;
  createdAt: number;
  kind: 'plain' | 'descriptive' | 'external';
  fields: Record<string, string> | null;
  externalChannel: string | null;
  occurredAt: number | null;
  mentions: string[];
}
export interface DispositionRow {
  id: string;
  workspaceId: string;
  name: string;
  needsFollowUp: boolean;
  position: number;
  active: boolean;
}
export interface TaskRow {
  id: string;
  workspaceId: string;
  conversationId: string | null;
  title: string;
  dueAt: number | null;
  assigneeId: string | null;
  done: boolean;
  doneAt: number | null;
  doneBy: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}
export interface TicketRow {
  id: string;
  workspaceId: string;
  number: number | null;
  subject: string;
  status: 'open' | 'inProgress' | 'waiting' | 'closed';
  priority: Priority;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}
export interface ConversationTicketRow {
  conversationId: string;
  ticketId: string;
  createdAt: number;
}
/** History rows are written through the mutators' `audit` op, never as rows; reads see this shape. */
export interface AuditLogRow {
  id: string;
  workspaceId: string;
  actorId: string | null;
  actorKind: string;
  action: string;
  entity: string;
  entityId: string;
  conversationId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: number;
}

export interface RowOfEntity {
  workspaces: WorkspaceRow;
  agents: AgentRow;
  trays: TrayRow;
  categories: CategoryRow;
  tray_members: TrayMemberRow;
  channels: ChannelRow;
  tags: TagRow;
  companies: CompanyRow;
  contacts: ContactRow;
  contact_identities: ContactIdentityRow;
  conversations: ConversationRow;
  conversation_tags: ConversationTagRow;
  conversation_cycles: ConversationCycleRow;
  messages: MessageRow;
  notes: NoteRow;
  audit_log: AuditLogRow;
  dispositions: DispositionRow;
  tasks: TaskRow;
  tickets: TicketRow;
  conversation_tickets: ConversationTicketRow;
}
export type RowOf<E extends SyncEntity> = RowOfEntity[E];

/** Primary-key property names of each entity (composite ones travel as `a/b` entity ids, in this order). */
export const ENTITY_KEYS: { [E in SyncEntity]: readonly (keyof RowOf<E> & string)[] } = {
  workspaces: ['id'],
  agents: ['id'],
  trays: ['id'],
  categories: ['id'],
  tray_members: ['trayId', 'agentId'],
  channels: ['id'],
  tags: ['id'],
  companies: ['id'],
  contacts: ['id'],
  contact_identities: ['id'],
  conversations: ['id'],
  conversation_tags: ['conversationId', 'tagId'],
  conversation_cycles: ['id'],
  messages: ['id'],
  notes: ['id'],
  audit_log: ['id'],
  dispositions: ['id'],
  tasks: ['id'],
  tickets: ['id'],
  conversation_tickets: ['conversationId', 'ticketId'],
};

/** The change log's entity id of a row: its id, or `a/b` for composite keys. */
export function entityIdOf<E extends SyncEntity>(entity: E, row: Partial<RowOf<E>>): string {
  return ENTITY_KEYS[entity].map((k) => String(row[k as keyof RowOf<E>])).join('/');
}

/** Rows that belong to one conversation (and follow it: its tray decides who sees them). */
export const CONVERSATION_CHILD_ENTITIES = [
  'conversation_tags',
  'conversation_cycles',
  'messages',
  'notes',
  'audit_log',
  'tasks',
  'conversation_tickets',
] as const satisfies readonly SyncEntity[];

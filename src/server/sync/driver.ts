// The server's driver of the shared mutators (src/shared/mutators): answers their reads and writes with
// drizzle inside the push transaction and turns every write into change-log entries in the client's row
// shape, each with the tray that decides who sees it (a conversation's rows follow its tray; reference data
// is workspace-wide). A conversation moved to another tray is re-emitted with all its children, so agents
// of the new tray receive what they never pulled. History rows are collected for push to log them.
import { and, eq, isNull, max, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { getTableColumns } from 'drizzle-orm';
import {
  AppError,
  CONVERSATION_CHILD_ENTITIES,
  entityIdOf,
  type MutationArgsOf,
  type MutationName,
  newId,
  type SyncEntity,
} from '../../shared';
import { MUTATORS, type MutatorEnv, type Op, type Row, runAsync, type Tx } from '../../shared/mutators';
import type { Db } from '../db/open';
import * as schema from '../db/schema';
import { enqueueReply } from '../outbound/queue';
import { type AuditRow, recordAudit } from '../services/audit';
import type { Change } from './changes';
import { clientData, conversationChange } from './rows';
import { reemitConversation } from './visibility';

const TABLES: Record<SyncEntity, PgTable> = {
  workspaces: schema.workspaces,
  agents: schema.agents,
  trays: schema.trays,
  categories: schema.categories,
  tray_members: schema.trayMembers,
  channels: schema.channels,
  tags: schema.tags,
  companies: schema.companies,
  contacts: schema.contacts,
  contact_identities: schema.contactIdentities,
  conversations: schema.conversations,
  conversation_tags: schema.conversationTags,
  conversation_cycles: schema.conversationCycles,
  messages: schema.messages,
  notes: schema.notes,
  audit_log: schema.auditLog,
  dispositions: schema.dispositions,
  tasks: schema.tasks,
  tickets: schema.tickets,
  conversation_tickets: schema.conversationTickets,
};

const CHILDREN: ReadonlySet<SyncEntity> = new Set(CONVERSATION_CHILD_ENTITIES);

const columnsOf = (entity: SyncEntity) => getTableColumns(TABLES[entity]) as Record<string, PgColumn>;

function whereOf(entity: SyncEntity, key: Row): SQL | undefined {
  const cols = columnsOf(entity);
  return and(
    ...Object.entries(key).map(([k, v]) => {
      const col = cols[k];
      if (!col) throw new AppError('internal', `${entity} has no column ${k}`);
      return v === null ? isNull(col) : eq(col, v);
    }),
  );
}

export interface ServerRun<T = unknown> {
  value: T;
  changes: Change[];
  audits: AuditRow[];
}

/** Runs one named mutation on the server inside `tx` (which holds the workspace's change-log lock). */
export async function runServerMutation<N extends MutationName>(
  tx: Db,
  env: MutatorEnv,
  name: N,
  args: MutationArgsOf<N>,
): Promise<ServerRun> {
  const changes: Change[] = [];
  const audits: AuditRow[] = [];
  /** Tray of every conversation this mutation read or wrote: where its children's changes are visible. */
  const trayOf = new Map<string, string>();

  async function conversationTray(id: string): Promise<string | null> {
    const known = trayOf.get(id);
    if (known) return known;
    const [row] = await tx
      .select({ trayId: schema.conversations.trayId })
      .from(schema.conversations)
      .where(eq(schema.conversations.id, id));
    if (row) trayOf.set(id, row.trayId);
    return row?.trayId ?? null;
  }

  async function visibility(entity: SyncEntity, row: Row): Promise<string | null> {
    if (entity === 'conversations') return String(row.trayId);
    if (CHILDREN.has(entity) && typeof row.conversationId === 'string') return conversationTray(row.conversationId);
    return null;
  }

  const remember = (entity: SyncEntity, rows: Row[]) => {
    if (entity === 'conversations') for (const r of rows) trayOf.set(String(r.id), String(r.trayId));
  };

  async function put(entity: SyncEntity, row: Row): Promise<void> {
    changes.push({
      entity,
      entityId: entityIdOf(entity, row),
      trayId: await visibility(entity, row),
      op: 'put',
      data: clientData(entity, row),
    });
  }

  async function answer(op: Op): Promise<unknown> {
    switch (op.kind) {
      case 'get': {
        const [row] = await tx.select().from(TABLES[op.entity]).where(whereOf(op.entity, op.key));
        if (row) remember(op.entity, [row]);
        return row;
      }
      case 'find': {
        const rows = await tx.select().from(TABLES[op.entity]).where(whereOf(op.entity, op.where));
        remember(op.entity, rows);
        return rows;
      }
      case 'insert': {
        // The server keeps the workspace on rows the client's shape leaves it out of (categories, identities).
        const values = 'workspaceId' in columnsOf(op.entity) ? { workspaceId: env.workspaceId, ...op.row } : op.row;
        const [row] = await tx.insert(TABLES[op.entity]).values(values).returning();
        remember(op.entity, [row!]);
        await put(op.entity, row!);
        return row;
      }
      case 'update': {
        const movedFrom =
          op.entity === 'conversations' && typeof op.set.trayId === 'string'
            ? await conversationTray(String(op.key.id))
            : null;
        const [row] = await tx.update(TABLES[op.entity]).set(op.set).where(whereOf(op.entity, op.key)).returning();
        if (!row) return undefined;
        remember(op.entity, [row]);
        if (movedFrom && movedFrom !== row.trayId) {
          // Agents of the old tray drop it, agents of the new one receive it whole (visibility.ts).
          const moved = conversationChange(row as typeof schema.conversations.$inferSelect);
          changes.push(...(await reemitConversation(tx, movedFrom, moved)));
        } else await put(op.entity, row);
        return row;
      }
      case 'delete': {
        const trayId = op.entity === 'conversations' ? await conversationTray(String(op.key.id)) : null;
        const [row] = await tx.delete(TABLES[op.entity]).where(whereOf(op.entity, op.key)).returning();
        if (!row) return undefined;
        changes.push({
          entity: op.entity,
          entityId: entityIdOf(op.entity, row),
          trayId: op.entity === 'conversations' ? trayId : await visibility(op.entity, row),
          op: 'del',
          data: Object.fromEntries(Object.entries(op.key)),
        });
        return row;
      }
      case 'audit':
        audits.push(
          await recordAudit(tx, { ...op.entry, workspaceId: env.workspaceId, actorId: env.actor.id, at: env.at }),
        );
        return undefined;
      case 'server':
        switch (op.effect.name) {
          case 'enqueueReply': {
            const { messageId, conversationId, channelId } = op.effect;
            await enqueueReply(tx, {
              id: newId(),
              workspaceId: env.workspaceId,
              messageId,
              conversationId,
              channelId,
              at: env.at,
            });
            return null;
          }
          case 'nextTicketNumber': {
            // Safe without a sequence: every writer of this workspace holds its change-log lock.
            const [top] = await tx
              .select({ n: max(schema.tickets.number) })
              .from(schema.tickets)
              .where(eq(schema.tickets.workspaceId, env.workspaceId));
            return (top?.n ?? 0) + 1;
          }
        }
    }
  }

  const mutator = MUTATORS[name] as (e: MutatorEnv, a: MutationArgsOf<N>) => Tx<unknown>;
  const value = await runAsync(mutator(env, args), answer);
  return { value, changes, audits };
}

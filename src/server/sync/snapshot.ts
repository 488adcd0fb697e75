// The snapshot of a pull from cursor 0: instead of replaying the whole change log (hundreds of thousands
// of rows, 1,000 per page), stream the rows the agent may see straight from the tables, in large pages:
//   1. reference data (dispositions and the workspace's settings included), companies, every ticket and the
//      tasks of no conversation (all workspace-wide), with the first (small) page of conversations, newest
//      activity first
//   2. conversations by (last_activity_at, id) descending, each page with its messages, notes, cycles, tags,
//      history, tasks and ticket links (and the tickets they link), and contacts (+ identities), so the
//      inbox is usable after the first page
//   3. contacts no visible conversation brought (the log sends every contact to everyone, so do we)
//   4. the sweep: conversations written after the snapshot began (version > at), again with their children
// then hand over to the change log at `at`, the workspace's highest version read before the first page.
//
// Why nothing is lost: every row committed at or before `at` is in the tables when a page reads them
// (or was removed later, and that removal is in the log after `at`), and every write after `at` is in the
// log, which the client replays next — puts carry whole rows, so replaying over newer snapshot data ends
// at the same state. The one row a keyset page can miss is a conversation whose sort key moved up past the
// keyset while we paged; that write stamped it with a version > at, so the sweep sends it with its older
// children (which the log, holding only the new ones, would not). The continuation token is stateless:
// the client keeps it, and a token from another client, agent or format restarts the snapshot.
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  getTableName,
  gt,
  isNull,
  max,
  notExists,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { SyncChange } from '../../shared';
import type { AuthContext } from '../auth/sessions';
import type { ServerContext } from '../context';
import type { Db } from '../db/open';
import {
  changeLog,
  companies,
  contactIdentities,
  contacts,
  auditLog,
  conversationCycles,
  conversations,
  conversationTags,
  conversationTickets,
  messages,
  notes,
  tasks,
  tickets,
} from '../db/schema';
import { visibleConversations } from './conversation-list';
import { put, referenceSnapshot } from './reference';
import { resultRows } from '../db/open';

/** Conversations in the first page: enough for the first screen, small enough to arrive at once. */
export const SNAPSHOT_FIRST_PAGE = 200;
/** Conversations per later page (≈ 10 rows each with children): a few MB of JSON, one client transaction. */
export const SNAPSHOT_PAGE = 2_000;
const CONTACTS_PAGE = 5_000;

const Token = z.object({
  v: z.literal(1),
  /** Client and agent the snapshot belongs to: a token that outlived its replica restarts. */
  client: z.string(),
  agent: z.string(),
  /** The change-log version read before the first page: the handover cursor. */
  at: z.number().int().nonnegative(),
  phase: z.enum(['conversations', 'contacts', 'sweep']),
  /** Keyset: [lastActivityAt, id] in the conversations phase, [id] in the others; null = from the start. */
  after: z
    .tuple([z.number(), z.string()])
    .or(z.tuple([z.string()]))
    .nullable(),
});
type Token = z.infer<typeof Token>;

const encode = (t: Token) => Buffer.from(JSON.stringify(t)).toString('base64url');

function decode(raw: string, clientId: string, agentId: string): Token | null {
  if (!raw) return null;
  try {
    const parsed = Token.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.client !== clientId || parsed.data.agent !== agentId) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** What paging needs of a conversation; its row travels as JSON built by the database (jsonPuts). */
const keyOf = {
  id: conversations.id,
  contactId: conversations.contactId,
  lastActivityAt: conversations.lastActivityAt,
};

export interface SnapshotPage {
  changes: SyncChange[];
  /** 0 while the snapshot goes on; `at` on its last page. */
  cursor: number;
  hasMore: boolean;
  snapshot?: string;
}

export async function snapshotPull(
  ctx: ServerContext,
  auth: AuthContext,
  clientId: string,
  raw: string,
  limit: number | undefined,
): Promise<SnapshotPage> {
  const db = ctx.db;
  const workspaceId = auth.workspace.id;
  let token = decode(raw, clientId, auth.agent.id);
  const changes: SyncChange[] = [];
  if (!token) {
    const [top] = await db
      .select({ version: max(changeLog.version) })
      .from(changeLog)
      .where(eq(changeLog.workspaceId, workspaceId));
    token = {
      v: 1,
      client: clientId,
      agent: auth.agent.id,
      at: top?.version ?? 0,
      phase: 'conversations',
      after: null,
    };
    changes.push(...(await referenceSnapshot(db, workspaceId)));
    const companyRows = await db.select().from(companies).where(eq(companies.workspaceId, workspaceId));
    changes.push(...companyRows.map((c) => put('companies', c.id, { ...c })));
    // Workspace-wide work: tickets (a ticket may span conversations of several trays) and standalone tasks.
    // Tasks of a conversation follow its tray, so they come with its page.
    const ticketRows = await db.select().from(tickets).where(eq(tickets.workspaceId, workspaceId));
    changes.push(...ticketRows.map((t) => put('tickets', t.id, { ...t })));
    const standalone = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.workspaceId, workspaceId), isNull(tasks.conversationId)));
    changes.push(...standalone.map((t) => put('tasks', t.id, { ...t })));
  }
  const visible = visibleConversations(db, auth);
  const first = token.phase === 'conversations' && token.after === null;
  const pageSize = limit ?? (first ? SNAPSHOT_FIRST_PAGE : SNAPSHOT_PAGE);
  const next = (t: Partial<Token>): SnapshotPage => ({
    changes,
    cursor: 0,
    hasMore: true,
    snapshot: encode({ ...token, ...t }),
  });

  if (token.phase === 'conversations') {
    const after = token.after?.length === 2 ? token.after : null;
    const rows = await db
      .select(keyOf)
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, workspaceId),
          visible,
          after
            ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${after[0]}, ${after[1]}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
      .limit(pageSize + 1);
    const page = rows.slice(0, pageSize);
    changes.push(...(await withChildren(db, page)));
    if (rows.length > pageSize) {
      const last = page[page.length - 1]!;
      return next({ after: [last.lastActivityAt, last.id] });
    }
    return next({ phase: 'contacts', after: null });
  }

  if (token.phase === 'contacts') {
    const afterId = token.after?.length === 1 ? token.after[0] : null;
    // Contacts of visible conversations unchanged since `at` came with their page (see the header).
    const brought = db
      .select({ one: sql`1` })
      .from(conversations)
      .where(and(eq(conversations.contactId, contacts.id), sql`${conversations.version} <= ${token.at}`, visible));
    const rows = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(eq(contacts.workspaceId, workspaceId), afterId ? gt(contacts.id, afterId) : undefined, notExists(brought)),
      )
      .orderBy(asc(contacts.id))
      .limit(CONTACTS_PAGE + 1);
    const page = rows.slice(0, CONTACTS_PAGE);
    changes.push(
      ...(await contactRows(
        db,
        page.map((c) => c.id),
      )),
    );
    if (rows.length > CONTACTS_PAGE) return next({ after: [page[page.length - 1]!.id] });
    return next({ phase: 'sweep', after: null });
  }

  const afterId = token.after?.length === 1 ? token.after[0] : null;
  const rows = await db
    .select(keyOf)
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        visible,
        gt(conversations.version, token.at),
        afterId ? gt(conversations.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(conversations.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  changes.push(...(await withChildren(db, page)));
  if (rows.length > pageSize) return next({ after: [page[page.length - 1]!.id] });
  // Handover: the log from `at` on. With an empty log there is nothing to hand over to (cursor stays 0).
  return { changes, cursor: token.at, hasMore: token.at > 0 };
}

/**
 * Rows of `table` matching `where` as SyncChange `put`s, built by the database as one JSON text: a page is
 * tens of thousands of rows, and decoding them column by column into objects (then re-encoding them) cost
 * more than the queries. `data` holds every column under its drizzle property name — the shape rows.ts
 * gives the change log — minus `omit` (server-only columns).
 */
async function jsonPuts(
  db: Db,
  table: PgTable,
  where: SQL,
  opts: { entityId?: SQL; omit?: string[]; orderBy?: SQL } = {},
): Promise<SyncChange[]> {
  const name = getTableName(table);
  const fields = Object.entries(getTableColumns(table))
    .filter(([key]) => !opts.omit?.includes(key))
    .map(([key, col]) => sql`${sql.raw(`'${key}'`)}, t.${sql.identifier(col.name)}`);
  const entityId = opts.entityId ?? sql`t.id::text`;
  const res = await db.execute(sql`select coalesce(json_agg(json_build_object(
      'version', 0, 'entity', ${sql.raw(`'${name}'`)}, 'entityId', ${entityId}, 'op', 'put',
      'data', json_build_object(${sql.join(fields, sql`, `)}))${opts.orderBy ? sql` order by ${opts.orderBy}` : sql``}), '[]')::text as j
    from ${table} t where ${where}`);
  return JSON.parse(resultRows<{ j: string }>(res)[0]!.j) as SyncChange[];
}

/** Conversations by id with their contacts and children (parents first for readability; keys are checked at commit). */
async function withChildren(db: Db, page: { id: string; contactId: string }[]): Promise<SyncChange[]> {
  if (!page.length) return [];
  const idList = sql.join(
    page.map((c) => sql`${c.id}::uuid`),
    sql`, `,
  );
  const contactList = [...new Set(page.map((c) => c.contactId))];
  const of = (column: string) => sql`t.${sql.identifier(column)} in (${idList})`;
  // One after another: pg deprecates overlapping queries on one connection, PGlite has one anyway.
  return [
    ...(await contactRows(db, contactList)),
    ...(await jsonPuts(db, conversations, of('id'))),
    ...(await jsonPuts(db, conversationCycles, of('conversation_id'))),
    ...(await jsonPuts(db, messages, of('conversation_id'), {
      orderBy: sql`t.conversation_id, t.created_at, t.id`,
    })),
    ...(await jsonPuts(db, notes, of('conversation_id'))),
    ...(await jsonPuts(db, conversationTags, of('conversation_id'), {
      entityId: sql`t.conversation_id::text || '/' || t.tag_id::text`,
    })),
    // The conversation's history (who assigned, moved, noted…), as the log sends it.
    ...(await jsonPuts(db, auditLog, of('conversation_id'))),
    ...(await jsonPuts(db, tasks, of('conversation_id'))),
    // The linked tickets again (the first page sent them all): a ticket created after that page is then
    // never missing when its link arrives. A put of a row the replica has is an upsert, harmless.
    ...(await jsonPuts(
      db,
      tickets,
      sql`t.id in (select l.ticket_id from ${conversationTickets} l where l.conversation_id in (${idList}))`,
    )),
    ...(await jsonPuts(db, conversationTickets, of('conversation_id'), {
      entityId: sql`t.conversation_id::text || '/' || t.ticket_id::text`,
    })),
  ];
}

async function contactRows(db: Db, contactIds: string[]): Promise<SyncChange[]> {
  if (!contactIds.length) return [];
  const idList = sql.join(
    contactIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return [
    ...(await jsonPuts(db, contacts, sql`t.id in (${idList})`)),
    ...(await jsonPuts(db, contactIdentities, sql`t.contact_id in (${idList})`, { omit: ['workspaceId'] })),
  ];
}

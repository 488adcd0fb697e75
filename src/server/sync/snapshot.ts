// The snapshot of a pull from cursor 0: instead of replaying the whole change log (hundreds of thousands
// of rows, 1,000 per page), stream the rows the agent may see straight from the tables, in large pages:
//   1. reference data and companies, with the first (small) page of conversations, newest activity first
//   2. conversations by (last_activity_at, id) descending, each page with its messages, notes, cycles, tags
//      and contacts (+ identities), so the inbox is usable after the first page
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
import { and, asc, desc, eq, gt, inArray, max, notExists, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SyncChange, SyncEntity } from '../../shared';
import type { AuthContext } from '../auth/sessions';
import type { ServerContext } from '../context';
import type { Db } from '../db/open';
import {
  changeLog,
  companies,
  contactIdentities,
  contacts,
  conversationCycles,
  conversations,
  conversationTags,
  messages,
  notes,
} from '../db/schema';
import { visibleConversations } from './conversation-list';
import { referenceSnapshot } from './reference';
import { conversationChange, cycleChange, messageChange, noteChange, tagLinkChange } from './rows';
import type { Change } from './changes';

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

export interface SnapshotPage {
  changes: SyncChange[];
  /** 0 while the snapshot goes on; `at` on its last page. */
  cursor: number;
  hasMore: boolean;
  snapshot?: string;
}

const put = (entity: SyncEntity, entityId: string, data: Record<string, unknown>): SyncChange => ({
  version: 0,
  entity,
  entityId,
  op: 'put',
  data,
});
const fromChange = (c: Change): SyncChange => put(c.entity, c.entityId, c.data!);

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
      .select()
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
      .select()
      .from(contacts)
      .where(
        and(eq(contacts.workspaceId, workspaceId), afterId ? gt(contacts.id, afterId) : undefined, notExists(brought)),
      )
      .orderBy(asc(contacts.id))
      .limit(CONTACTS_PAGE + 1);
    const page = rows.slice(0, CONTACTS_PAGE);
    changes.push(...(await contactRows(db, page)));
    if (rows.length > CONTACTS_PAGE) return next({ after: [page[page.length - 1]!.id] });
    return next({ phase: 'sweep', after: null });
  }

  const afterId = token.after?.length === 1 ? token.after[0] : null;
  const rows = await db
    .select()
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

type ConversationRow = typeof conversations.$inferSelect;

/** Conversations with their contacts (parents first, for readability: the client checks keys at commit). */
async function withChildren(db: Db, page: ConversationRow[]): Promise<SyncChange[]> {
  if (!page.length) return [];
  const ids = page.map((c) => c.id);
  const trayOf = new Map(page.map((c) => [c.id, c.trayId]));
  const contactIds = [...new Set(page.map((c) => c.contactId))];
  // One after another: pg deprecates overlapping queries on one connection, PGlite has one anyway.
  const contactList = await db.select().from(contacts).where(inArray(contacts.id, contactIds));
  const messageRows = await db
    .select()
    .from(messages)
    .where(inArray(messages.conversationId, ids))
    .orderBy(asc(messages.conversationId), asc(messages.createdAt), asc(messages.id));
  const cycleRows = await db.select().from(conversationCycles).where(inArray(conversationCycles.conversationId, ids));
  const noteRows = await db.select().from(notes).where(inArray(notes.conversationId, ids));
  const tagRows = await db.select().from(conversationTags).where(inArray(conversationTags.conversationId, ids));
  const tray = (conversationId: string) => trayOf.get(conversationId)!;
  return [
    ...(await contactRows(db, contactList)),
    ...page.map((c) => {
      const change = fromChange(conversationChange(c));
      // A conversation row's version is the change that last wrote it, as in the log.
      return { ...change, data: { ...change.data, version: c.version } };
    }),
    ...cycleRows.map((c) => fromChange(cycleChange(c, tray(c.conversationId)))),
    ...messageRows.map((m) => fromChange(messageChange(m, tray(m.conversationId)))),
    ...noteRows.map((n) => fromChange(noteChange(n, tray(n.conversationId)))),
    ...tagRows.map((t) => fromChange(tagLinkChange(t, tray(t.conversationId)))),
  ];
}

async function contactRows(db: Db, rows: (typeof contacts.$inferSelect)[]): Promise<SyncChange[]> {
  if (!rows.length) return [];
  const identities = await db
    .select()
    .from(contactIdentities)
    .where(
      inArray(
        contactIdentities.contactId,
        rows.map((c) => c.id),
      ),
    );
  return [
    ...rows.map((c) => put('contacts', c.id, { ...c })),
    ...identities.map(({ workspaceId: _ws, ...i }) => put('contact_identities', i.id, i)),
  ];
}

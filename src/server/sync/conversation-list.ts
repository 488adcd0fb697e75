// The REST list of conversations (GET /api/v1/conversations) for integrations: the conversations the agent
// may see — the same rule as pull: agents their trays' rows, supervisors and admins the whole workspace —
// paged by id, with the contact's name and the tag ids. Keyset by id is stable while rows change, so an
// export that pages to the end sees every conversation that existed throughout, exactly once.
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { ApiConversation, ChannelKind, ConversationListQuery, ConversationListResponse } from '../../shared';
import type { AuthContext } from '../auth/sessions';
import type { Db } from '../db/open';
import { contacts, conversations, conversationTags, trayMembers } from '../db/schema';

/** Conversations of the trays this agent may see (undefined = every tray of the workspace). */
export function visibleConversations(db: Db, auth: AuthContext): SQL | undefined {
  if (auth.agent.role !== 'agent') return undefined;
  // A subquery, so membership is read in the same statement as the rows it filters.
  const myTrays = db
    .select({ trayId: trayMembers.trayId })
    .from(trayMembers)
    .where(eq(trayMembers.agentId, auth.agent.id));
  return inArray(conversations.trayId, myTrays);
}

export async function listConversations(
  db: Db,
  auth: AuthContext,
  query: ConversationListQuery,
): Promise<ConversationListResponse> {
  const rows = await db
    .select({ c: conversations, contactName: contacts.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(
      and(
        eq(conversations.workspaceId, auth.workspace.id),
        query.cursor ? gt(conversations.id, query.cursor) : undefined,
        visibleConversations(db, auth),
      ),
    )
    .orderBy(asc(conversations.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const ids = page.map((r) => r.c.id);
  const tagRows = ids.length
    ? await db
        .select({ conversationId: conversationTags.conversationId, tagId: conversationTags.tagId })
        .from(conversationTags)
        .where(inArray(conversationTags.conversationId, ids))
        .orderBy(asc(conversationTags.createdAt), asc(conversationTags.tagId))
    : [];
  const tagsOf = new Map<string, string[]>();
  for (const t of tagRows) tagsOf.set(t.conversationId, [...(tagsOf.get(t.conversationId) ?? []), t.tagId]);
  return {
    conversations: page.map(({ c, contactName }): ApiConversation => {
      const { workspaceId: _ws, ...rest } = c;
      // channel_kind is free text in the schema; the channel adapters only ever write these kinds.
      return { ...rest, channelKind: rest.channelKind as ChannelKind, contactName, tagIds: tagsOf.get(c.id) ?? [] };
    }),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.c.id : null,
  };
}

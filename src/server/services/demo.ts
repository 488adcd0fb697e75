// Demo data on the server: a channel, tags and a few customer conversations in chosen trays, each with
// its contact, first cycle and inbound messages — written with their change-log rows, so clients pull them
// exactly like conversations that arrive through the inbound webhook. A small fixture for tests; the
// quickstart's full "Seguros Andes" workspace is demo-workspace.ts. Trays are chosen by their key in
// src/shared/trays.ts.
import { and, eq, inArray } from 'drizzle-orm';
import { DEFAULT_TRAYS, newId } from '../../shared';
import type { Db } from '../db/open';
import {
  channels,
  companies,
  contactIdentities,
  contacts,
  conversationCycles,
  conversations,
  messages,
  tags,
  trays,
} from '../db/schema';
import { appendChanges, type Change } from '../sync/changes';
import { conversationChange, cycleChange, messageChange } from '../sync/rows';

export interface DemoOptions {
  /** Keys of DEFAULT_TRAYS; default: every default tray. */
  trayKeys?: string[];
  perTray?: number;
  messagesPerConversation?: number;
  now: number;
}

export interface DemoData {
  channelId: string;
  tagIds: string[];
  /** Conversations by tray key, in creation order. */
  conversations: Record<string, { id: string; trayId: string; messageIds: string[] }[]>;
}

const TAGS = [
  { name: 'VIP', color: '#b45309' },
  { name: 'Urgente', color: '#dc2626' },
  { name: 'Reclamo', color: '#7c3aed' },
];

export async function seedDemoConversations(db: Db, workspaceId: string, opts: DemoOptions): Promise<DemoData> {
  const trayKeys = opts.trayKeys ?? DEFAULT_TRAYS.map((t) => t.key);
  const { now } = opts;
  return db.transaction(async (tx) => {
    const trayRows = await tx
      .select()
      .from(trays)
      .where(and(eq(trays.workspaceId, workspaceId), inArray(trays.key, trayKeys)));
    const channelId = newId();
    await tx
      .insert(channels)
      .values({ id: channelId, workspaceId, kind: 'whatsapp', name: 'WhatsApp', address: '+57 300 000 0000' });
    const tagIds = TAGS.map(() => newId());
    await tx.insert(tags).values(TAGS.map((t, i) => ({ id: tagIds[i]!, workspaceId, ...t })));
    const [company] = await tx
      .insert(companies)
      .values({ id: newId(), workspaceId, name: 'Ferretería Ñandú', domain: 'nandu.example' })
      .returning();
    const changes: Change[] = [
      { entity: 'companies', entityId: company!.id, trayId: null, op: 'put', data: { ...company! } },
    ];

    const data: DemoData = { channelId, tagIds, conversations: {} };
    let n = 0;
    for (const key of trayKeys) {
      const tray = trayRows.find((t) => t.key === key);
      if (!tray) continue;
      data.conversations[key] = [];
      for (let i = 0; i < (opts.perTray ?? 3); i++, n++) {
        const at = now - (n + 1) * 60_000;
        const [contact] = await tx
          .insert(contacts)
          .values({ id: newId(), workspaceId, name: `Cliente ${n + 1}`, companyId: company!.id, createdAt: at })
          .returning();
        const [identity] = await tx
          .insert(contactIdentities)
          .values({
            id: newId(),
            workspaceId,
            contactId: contact!.id,
            kind: 'phone',
            value: `+57300${String(n).padStart(7, '0')}`,
          })
          .returning();
        const { workspaceId: _ws, ...identityData } = identity!;
        const messageCount = opts.messagesPerConversation ?? 2;
        const [conv] = await tx
          .insert(conversations)
          .values({
            id: newId(),
            workspaceId,
            contactId: contact!.id,
            channelId,
            channelKind: 'whatsapp',
            trayId: tray.id,
            status: 'open',
            subject: `Consulta ${n + 1}`,
            lastActivityAt: at,
            waitingSince: at,
            // The newest customer message (the closing policy reads it): they are timed at + 0, + 1…
            lastCustomerMessageAt: messageCount ? at + messageCount - 1 : null,
            cycleStartedAt: at,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        const [cycle] = await tx
          .insert(conversationCycles)
          .values({ id: newId(), conversationId: conv!.id, number: 1, startedAt: at })
          .returning();
        const messageRows = await tx
          .insert(messages)
          .values(
            Array.from({ length: messageCount }, (_, j) => ({
              id: newId(),
              conversationId: conv!.id,
              direction: 'inbound' as const,
              authorKind: 'contact' as const,
              text: `Hola, mensaje ${j + 1} sobre la consulta ${n + 1} ¿me ayudan? 🙂`,
              createdAt: at + j,
            })),
          )
          .returning();
        changes.push(
          { entity: 'contacts', entityId: contact!.id, trayId: null, op: 'put', data: { ...contact! } },
          { entity: 'contact_identities', entityId: identity!.id, trayId: null, op: 'put', data: identityData },
          conversationChange(conv!),
          cycleChange(cycle!, tray.id),
          ...messageRows.map((m) => messageChange(m, tray.id)),
        );
        data.conversations[key].push({ id: conv!.id, trayId: tray.id, messageIds: messageRows.map((m) => m.id) });
      }
    }
    const versions = await appendChanges(tx, workspaceId, changes, now);
    // Each conversation's version is the change that created it.
    for (const [i, c] of changes.entries()) {
      if (c.entity === 'conversations')
        await tx.update(conversations).set({ version: versions[i]! }).where(eq(conversations.id, c.entityId));
    }
    return data;
  });
}

// The demo workspace "Seguros Andes" on the server, for the quickstart and `npm run server -- --demo`:
// the rows of src/shared/demo's generator (the same the desktop seeds locally, ids included) with real
// agents who sign in with DEMO_PASSWORD, and every customer row in the change log with its tray, so a
// client fills its replica by pulling from cursor 0 exactly as for conversations that came in live.
// Idempotent by slug: a second call, or a racing process, finds the workspace and only reports it.
import { eq, sql } from 'drizzle-orm';
import {
  DEMO_AGENTS,
  DEMO_PASSWORD,
  DEMO_WORKSPACE_SLUG,
  generateDemoWorkspace,
  type DemoGenerateOptions,
  type DemoRow,
  type DemoTable,
} from '../../shared/demo';
import type { Role } from '../../shared';
import { hashPassword } from '../auth/password';
import type { Db } from '../db/open';
import { isUniqueViolation } from '../db/errors';
import * as schema from '../db/schema';
import { appendChanges, type Change } from '../sync/changes';
import { conversationChange, cycleChange, messageChange, noteChange, tagLinkChange } from '../sync/rows';
import { recordAudit } from './audit';

export interface DemoWorkspaceOptions {
  now: number;
  /** Default 2026. Ids derive from seed + clock: two demo workspaces in one database need distinct seeds. */
  seed?: number;
  /** Default 2,000 (the desktop's local demo); tests use fewer. */
  conversations?: number;
  /** Default DEMO_WORKSPACE_SLUG. */
  slug?: string;
}

export interface DemoWorkspaceInfo {
  workspaceId: string;
  slug: string;
  /** The one password of every demo agent (documented, not a secret). */
  password: string;
  /** In DEMO_AGENTS order. */
  agents: { id: string; email: string; name: string; role: Role }[];
}

/** Rows per multi-row INSERT: ≤ 27 columns × 1,000 stays below PostgreSQL's 65,535 parameters. */
const CHUNK_ROWS = 1_000;

/** Creates the demo workspace unless a workspace with its slug exists; returns how to sign in either way. */
export async function ensureDemoWorkspace(db: Db, opts: DemoWorkspaceOptions): Promise<DemoWorkspaceInfo> {
  const slug = opts.slug ?? DEMO_WORKSPACE_SLUG;
  const existing = await describe(db, slug);
  if (existing) return existing;
  // Hashing is CPU on libuv's pool, not database work: before the transaction, all at once.
  const hashes = await Promise.all(DEMO_AGENTS.map(() => hashPassword(DEMO_PASSWORD)));
  const generate: DemoGenerateOptions = { seed: opts.seed, conversations: opts.conversations };
  try {
    await db.transaction((tx) => writeDemo(tx, slug, hashes, opts.now, generate));
  } catch (err) {
    // Another process created it between our check and our insert (unique slug): report theirs.
    const raced = isUniqueViolation(err) ? await describe(db, slug) : null;
    if (raced) return raced;
    throw err;
  }
  return (await describe(db, slug))!;
}

async function describe(db: Db, slug: string): Promise<DemoWorkspaceInfo | null> {
  const [workspace] = await db.select().from(schema.workspaces).where(eq(schema.workspaces.slug, slug)).limit(1);
  if (!workspace) return null;
  const rows = await db.select().from(schema.agents).where(eq(schema.agents.workspaceId, workspace.id));
  const byEmail = new Map(rows.map((a) => [a.email.toLowerCase(), a]));
  const agents = DEMO_AGENTS.flatMap((d) => {
    const a = byEmail.get(d.email.toLowerCase());
    return a ? [{ id: a.id, email: a.email, name: a.name, role: a.role }] : [];
  });
  if (!agents.length) throw new Error(`The workspace "${slug}" exists but is not the demo workspace`);
  return { workspaceId: workspace.id, slug, password: DEMO_PASSWORD, agents };
}

type Buffers = { [T in DemoTable]: Extract<DemoRow, { table: T }>['row'][] };
const emptyBuffers = (): Buffers => ({
  workspaces: [],
  agents: [],
  trays: [],
  categories: [],
  tray_members: [],
  channels: [],
  tags: [],
  dispositions: [],
  companies: [],
  contacts: [],
  contact_identities: [],
  conversations: [],
  messages: [],
  conversation_cycles: [],
  conversation_tags: [],
  audit_log: [],
  notes: [],
  tickets: [],
  conversation_tickets: [],
  tasks: [],
});

async function writeDemo(
  tx: Db,
  slug: string,
  hashes: string[],
  now: number,
  options: DemoGenerateOptions,
): Promise<void> {
  const rows = generateDemoWorkspace(now, options);
  let workspaceId = '';
  let agentIndex = 0;
  /** Conversation → tray, for the visibility of its children's change-log rows. */
  const trayOf = new Map<string, string>();
  let buf = emptyBuffers();
  let buffered = 0;

  // Tables in foreign-key order: the generator yields parents first, so everything a buffered row
  // points to is either in an earlier flush or in an earlier table of this one.
  const flush = async () => {
    const b = buf;
    buf = emptyBuffers();
    buffered = 0;
    const changes: Change[] = [];
    const put = (entity: Change['entity'], id: string, data: Record<string, unknown>): Change => ({
      entity,
      entityId: id,
      trayId: null,
      op: 'put',
      data,
    });
    if (b.workspaces.length) {
      workspaceId = b.workspaces[0]!.id;
      await tx.insert(schema.workspaces).values(b.workspaces.map((w) => ({ ...w, slug })));
    }
    if (b.agents.length) {
      await tx
        .insert(schema.agents)
        .values(b.agents.map((a) => ({ ...a, passwordHash: hashes[agentIndex++]!, updatedAt: a.createdAt })));
    }
    if (b.trays.length) await tx.insert(schema.trays).values(b.trays);
    if (b.categories.length)
      await tx.insert(schema.categories).values(b.categories.map((c) => ({ ...c, workspaceId })));
    if (b.tray_members.length) await tx.insert(schema.trayMembers).values(b.tray_members);
    if (b.channels.length) await tx.insert(schema.channels).values(b.channels);
    if (b.tags.length) await tx.insert(schema.tags).values(b.tags);
    // Reference data like trays and tags: every pull from cursor 0 sends them (sync/reference.ts).
    if (b.dispositions.length) await tx.insert(schema.dispositions).values(b.dispositions);
    // Contacts and companies are workspace-wide (trayId null): every agent may meet any customer.
    if (b.companies.length) {
      const out = await tx.insert(schema.companies).values(b.companies).returning();
      changes.push(...out.map((c) => put('companies', c.id, { ...c })));
    }
    if (b.contacts.length) {
      const out = await tx.insert(schema.contacts).values(b.contacts).returning();
      changes.push(...out.map((c) => put('contacts', c.id, { ...c })));
    }
    if (b.contact_identities.length) {
      const values = b.contact_identities.map((i) => ({ ...i, workspaceId }));
      const out = await tx.insert(schema.contactIdentities).values(values).returning();
      changes.push(...out.map(({ workspaceId: _ws, ...i }) => put('contact_identities', i.id, i)));
    }
    // `.returning()` hands rows.ts the server's own rows, so the change log holds exactly what a live
    // write would put there, server-side defaults included.
    if (b.conversations.length) {
      const out = await tx.insert(schema.conversations).values(b.conversations).returning();
      changes.push(...out.map((c) => conversationChange(c)));
    }
    if (b.messages.length) {
      const out = await tx.insert(schema.messages).values(b.messages).returning();
      changes.push(...out.map((m) => messageChange(m, trayOf.get(m.conversationId)!)));
    }
    if (b.conversation_cycles.length) {
      const out = await tx.insert(schema.conversationCycles).values(b.conversation_cycles).returning();
      changes.push(...out.map((c) => cycleChange(c, trayOf.get(c.conversationId)!)));
    }
    if (b.conversation_tags.length) {
      const out = await tx.insert(schema.conversationTags).values(b.conversation_tags).returning();
      changes.push(...out.map((t) => tagLinkChange(t, trayOf.get(t.conversationId)!)));
    }
    if (b.notes.length) {
      const out = await tx.insert(schema.notes).values(b.notes).returning();
      changes.push(...out.map((n) => noteChange(n, trayOf.get(n.conversationId)!)));
    }
    if (b.audit_log.length) await tx.insert(schema.auditLog).values(b.audit_log);
    // Tickets are workspace-wide; their links and the tasks of a conversation follow its tray, standalone
    // tasks are workspace-wide (trayId null).
    const inTray = (change: Change, conversationId: string | null): Change =>
      conversationId ? { ...change, trayId: trayOf.get(conversationId)! } : change;
    if (b.tickets.length) {
      const out = await tx.insert(schema.tickets).values(b.tickets).returning();
      changes.push(...out.map((t) => put('tickets', t.id, { ...t })));
    }
    if (b.conversation_tickets.length) {
      const out = await tx.insert(schema.conversationTickets).values(b.conversation_tickets).returning();
      changes.push(
        ...out.map((l) =>
          inTray(put('conversation_tickets', `${l.conversationId}/${l.ticketId}`, { ...l }), l.conversationId),
        ),
      );
    }
    if (b.tasks.length) {
      const out = await tx.insert(schema.tasks).values(b.tasks).returning();
      changes.push(...out.map((t) => inTray(put('tasks', t.id, { ...t }), t.conversationId)));
    }
    const versions = await appendChanges(tx, workspaceId, changes, now); // ≤ one change per buffered row
    // conversations.version = the change that wrote the row, as sync/push.ts stamps it (versions follow
    // the order of `changes`): one UPDATE per flush, by primary key.
    const stamps = changes.flatMap((c, i) =>
      c.entity === 'conversations' ? [sql`(${c.entityId}::uuid, ${versions[i]!}::bigint)`] : [],
    );
    if (stamps.length) {
      await tx.execute(sql`update ${schema.conversations} set version = v.version
        from (values ${sql.join(stamps, sql`, `)}) as v(id, version) where ${schema.conversations.id} = v.id`);
    }
  };

  let step = rows.next();
  for (; !step.done; step = rows.next()) {
    const { table, row } = step.value;
    if (table === 'conversations') trayOf.set(row.id, row.trayId);
    (buf[table] as (typeof row)[]).push(row);
    if (++buffered >= CHUNK_ROWS) await flush();
  }
  await flush();

  await recordAudit(tx, {
    workspaceId,
    actorId: null,
    action: 'workspace.create',
    entity: 'workspace',
    entityId: workspaceId,
    after: { slug, demo: true, seed: step.value.seed, conversations: trayOf.size },
    at: now,
  });
}

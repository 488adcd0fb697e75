// The server's demo workspace "Seguros Andes": idempotent (also when two callers race), its agents sign
// in with the documented password, a pull from cursor 0 fills a replica with exactly what the shared
// generator produced (an agent only with its trays), and the rows are those the desktop seeds locally.
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase as openCoreDatabase } from '../../src/core/db/open';
import { seedDemoWorkspace } from '../../src/core/demo/seed';
import { conversationCycles, conversations, tasks, tickets, workspaces } from '../../src/server/db/schema';
import { ensureDemoWorkspace, type DemoWorkspaceInfo } from '../../src/server/services/demo-workspace';
import { DEFAULT_DISPOSITIONS, LoginResponse, type SyncChange } from '../../src/shared';
import {
  DEMO_AGENTS,
  DEMO_CREDENTIALS,
  DEMO_PASSWORD,
  DEMO_WORKSPACE_SLUG,
  generateDemoWorkspace,
  type DemoConversationRow,
  type DemoMessageRow,
  type DemoTaskRow,
  type DemoTicketRow,
} from '../../src/shared/demo';
import { FIXED_NOW, tempDir } from '../helpers/core';
import { backends, login, serverPerFile } from './helpers';
import { idsOf, TestClient } from './sync-helpers';

const SMALL = 120;

/** What the generator yields for these options: conversations and messages, in order. */
function generated(seed: number, conversationCount: number) {
  const convs: DemoConversationRow[] = [];
  const msgs: DemoMessageRow[] = [];
  const taskRows: DemoTaskRow[] = [];
  const ticketRows: DemoTicketRow[] = [];
  const links: string[] = [];
  for (const { table, row } of generateDemoWorkspace(FIXED_NOW, { seed, conversations: conversationCount })) {
    if (table === 'conversations') convs.push(row);
    if (table === 'messages') msgs.push(row);
    if (table === 'tasks') taskRows.push(row);
    if (table === 'tickets') ticketRows.push(row);
    if (table === 'conversation_tickets') links.push(`${row.conversationId}/${row.ticketId}`);
  }
  return { convs, msgs, tasks: taskRows, tickets: ticketRows, links };
}

const countBy = <T>(items: T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

for (const backend of backends) {
  describe(`demo workspace (${backend})`, () => {
    const ctx = serverPerFile(backend);
    const db = () => ctx.tdb.database.db;

    async function signIn(info: DemoWorkspaceInfo, email: string): Promise<TestClient> {
      const res = await login(ctx.s.app, email, DEMO_PASSWORD, info.slug);
      expect(res.statusCode, res.body).toBe(200);
      return new TestClient(ctx.s.app, LoginResponse.parse(res.json()).token);
    }

    const put = (changes: SyncChange[], entity: string) =>
      changes.filter((c) => c.entity === entity && c.op === 'put').map((c) => c.data as Record<string, unknown>);

    it('is created once: a second call and two racing calls report the same workspace', async () => {
      const opts = { now: FIXED_NOW, seed: 11, conversations: 30, slug: 'demo-idempotent' };
      const first = await ensureDemoWorkspace(db(), opts);
      expect(await ensureDemoWorkspace(db(), opts)).toEqual(first);
      expect(first).toMatchObject({ slug: 'demo-idempotent', password: DEMO_PASSWORD });
      expect(first.agents.map((a) => [a.email, a.role])).toEqual(DEMO_AGENTS.map((a) => [a.email, a.role]));

      const race = { now: FIXED_NOW, seed: 12, conversations: 30, slug: 'demo-race' };
      const [a, b] = await Promise.all([ensureDemoWorkspace(db(), race), ensureDemoWorkspace(db(), race)]);
      expect(a).toEqual(b);
      const [{ n }] = (await db()
        .select({ n: count() })
        .from(conversations)
        .where(eq(conversations.workspaceId, a!.workspaceId))) as [{ n: number }];
      expect(n).toBe(30);
      expect(await db().select().from(workspaces).where(eq(workspaces.slug, 'demo-race'))).toHaveLength(1);
    });

    it('agents sign in with the demo password; an admin pulls every conversation with its messages', async () => {
      const info = await ensureDemoWorkspace(db(), { now: FIXED_NOW, seed: 21, conversations: SMALL, slug: 'demo-a' });
      const admin = info.agents.find((a) => a.role === 'admin')!;
      expect(info.agents.filter((a) => a.role === 'supervisor')).not.toHaveLength(0);
      expect((await login(ctx.s.app, DEMO_CREDENTIALS.email, 'wrong password', info.slug)).statusCode).toBe(401);

      const { changes } = await (await signIn(info, admin.email)).pullAll(0, 1000);
      const want = generated(21, SMALL);
      const convs = put(changes, 'conversations');
      expect(convs.map((c) => c.id).sort()).toEqual(want.convs.map((c) => c.id).sort());
      expect(countBy(convs, (c) => String(c.trayId))).toEqual(countBy(want.convs, (c) => c.trayId));
      expect(countBy(put(changes, 'messages'), (m) => String(m.conversationId))).toEqual(
        countBy(want.msgs, (m) => m.conversationId),
      );
      // A conversation row's version is the change that wrote it, like every live write.
      for (const c of changes.filter((x) => x.entity === 'conversations')) expect(c.data!.version).toBe(c.version);
      // Customers are workspace-wide; reference rows (agents, trays…) come with a pull from 0.
      expect(put(changes, 'contacts').length).toBeGreaterThan(SMALL / 2);
      expect(put(changes, 'contact_identities').length).toBeGreaterThan(SMALL);
      expect(put(changes, 'agents')).toHaveLength(DEMO_AGENTS.length);
      expect(put(changes, 'agents').some((a) => 'passwordHash' in a)).toBe(false);
      expect(put(changes, 'notes').length + put(changes, 'conversation_tags').length).toBeGreaterThan(0);
      // The guide's records: dispositions (reference data), tasks, tickets and their links, as generated.
      expect(put(changes, 'dispositions').map((d) => d.name)).toEqual(DEFAULT_DISPOSITIONS.map((d) => d.name));
      expect(
        put(changes, 'tasks')
          .map((t) => t.id)
          .sort(),
      ).toEqual(want.tasks.map((t) => t.id).sort());
      expect(
        put(changes, 'tickets')
          .map((t) => t.number)
          .sort((a, b) => Number(a) - Number(b)),
      ).toEqual(want.tickets.map((_, i) => i + 1));
      expect([...idsOf(changes, 'conversation_tickets')].sort()).toEqual([...want.links].sort());
      expect(want.tasks.length).toBeGreaterThan(0);
      expect(want.tickets.length).toBeGreaterThan(0);
      const closed = put(changes, 'conversation_cycles').filter((c) => c.resolvedAt !== null);
      expect(closed.length).toBe(want.convs.filter((c) => c.status === 'resolved').length);
      for (const c of closed)
        expect(c).toMatchObject({ dispositionId: expect.any(String), justification: expect.any(String) });
      // Parents first: a replica applying changes in order never meets a message before its conversation.
      const seen = new Set<string>();
      for (const c of changes) {
        if (c.entity === 'conversations') seen.add(c.entityId);
        if (c.entity === 'messages') expect(seen.has(String(c.data!.conversationId))).toBe(true);
      }
    });

    it('an agent-role demo agent pulls only the conversations of its trays', async () => {
      const info = await ensureDemoWorkspace(db(), { now: FIXED_NOW, seed: 21, conversations: SMALL, slug: 'demo-a' });
      const me = info.agents.find((a) => a.email === DEMO_CREDENTIALS.email)!;
      expect(me.role).toBe('agent');
      const { changes } = await (await signIn(info, me.email)).pullAll(0, 1000);
      const myTrays = new Set(
        put(changes, 'tray_members')
          .filter((m) => m.agentId === me.id)
          .map((m) => String(m.trayId)),
      );
      const trays = put(changes, 'trays');
      expect(trays.filter((t) => myTrays.has(String(t.id))).map((t) => t.key)).toEqual([
        'global',
        'marketing',
        'sales',
      ]);

      const want = generated(21, SMALL).convs.filter((c) => myTrays.has(c.trayId));
      const convs = put(changes, 'conversations');
      expect(want.length).toBeLessThan(SMALL); // Servicio y Soporte is not hers
      expect(convs.map((c) => c.id).sort()).toEqual(want.map((c) => c.id).sort());
      const visible = new Set(want.map((c) => c.id));
      for (const entity of ['messages', 'notes', 'conversation_cycles', 'conversation_tags', 'conversation_tickets']) {
        for (const row of put(changes, entity)) expect(visible.has(String(row.conversationId))).toBe(true);
      }
      // Tasks follow their conversation's tray; tasks of no conversation and tickets are workspace-wide.
      const generatedAll = generated(21, SMALL);
      const wantTasks = generatedAll.tasks.filter((t) => t.conversationId === null || visible.has(t.conversationId));
      expect(
        put(changes, 'tasks')
          .map((t) => t.id)
          .sort(),
      ).toEqual(wantTasks.map((t) => t.id).sort());
      expect(put(changes, 'tickets')).toHaveLength(generatedAll.tickets.length);
      expect(put(changes, 'dispositions')).toHaveLength(DEFAULT_DISPOSITIONS.length);
    });

    it('holds the same rows as the desktop’s local demo for the same seed and clock', async () => {
      const info = await ensureDemoWorkspace(db(), { now: FIXED_NOW, seed: 31, conversations: 80, slug: 'demo-b' });
      const tmp = tempDir();
      const local = openCoreDatabase({ file: join(tmp.dir, 'local.db') });
      try {
        seedDemoWorkspace(local.db, local.sqlite, FIXED_NOW, { seed: 31, conversations: 80 });
        const localRows = local.sqlite
          .prepare('SELECT id, subject, snippet, status, tray_id AS trayId FROM conversations ORDER BY id')
          .all();
        const serverRows = await db()
          .select({
            id: conversations.id,
            subject: conversations.subject,
            snippet: conversations.snippet,
            status: conversations.status,
            trayId: conversations.trayId,
          })
          .from(conversations)
          .where(eq(conversations.workspaceId, info.workspaceId))
          .orderBy(conversations.id);
        expect(serverRows).toEqual(localRows);
        const localWorkspace = local.sqlite.prepare('SELECT id FROM workspaces').get() as { id: string };
        expect(info.workspaceId).toBe(localWorkspace.id);
        // The guide's records too: closures, tasks, tickets.
        const localClosures = local.sqlite
          .prepare(
            `SELECT id, resolved_at AS resolvedAt, disposition_id AS dispositionId, justification,
             resolved_tray_id AS resolvedTrayId FROM conversation_cycles ORDER BY id`,
          )
          .all();
        const serverClosures = await db()
          .select({
            id: conversationCycles.id,
            resolvedAt: conversationCycles.resolvedAt,
            dispositionId: conversationCycles.dispositionId,
            justification: conversationCycles.justification,
            resolvedTrayId: conversationCycles.resolvedTrayId,
          })
          .from(conversationCycles)
          .innerJoin(conversations, eq(conversations.id, conversationCycles.conversationId))
          .where(eq(conversations.workspaceId, info.workspaceId))
          .orderBy(conversationCycles.id);
        expect(serverClosures).toEqual(localClosures);
        const localTasks = local.sqlite
          .prepare('SELECT id, title, due_at AS dueAt, assignee_id AS assigneeId FROM tasks ORDER BY id')
          .all();
        const serverTasks = await db()
          .select({ id: tasks.id, title: tasks.title, dueAt: tasks.dueAt, assigneeId: tasks.assigneeId })
          .from(tasks)
          .where(eq(tasks.workspaceId, info.workspaceId))
          .orderBy(tasks.id);
        expect(serverTasks).toEqual(localTasks);
        const localTickets = local.sqlite.prepare('SELECT id, number, subject FROM tickets ORDER BY id').all();
        const serverTickets = await db()
          .select({ id: tickets.id, number: tickets.number, subject: tickets.subject })
          .from(tickets)
          .where(eq(tickets.workspaceId, info.workspaceId))
          .orderBy(tickets.id);
        expect(serverTickets).toEqual(localTickets);
      } finally {
        local.sqlite.close();
        tmp.cleanup();
      }
    });

    it('creates the full-size workspace under its default slug in a few seconds', { timeout: 60_000 }, async () => {
      const started = performance.now();
      const info = await ensureDemoWorkspace(db(), { now: FIXED_NOW });
      const ms = performance.now() - started;
      console.info(`[${backend}] full demo workspace (2,000 conversations): ${(ms / 1000).toFixed(1)} s`);
      expect(info.slug).toBe(DEMO_WORKSPACE_SLUG);
      const [{ n }] = (await db()
        .select({ n: count() })
        .from(conversations)
        .where(eq(conversations.workspaceId, info.workspaceId))) as [{ n: number }];
      expect(n).toBe(2000);
      const res = await login(ctx.s.app, DEMO_CREDENTIALS.email, DEMO_CREDENTIALS.password, DEMO_CREDENTIALS.workspace);
      expect(res.statusCode, res.body).toBe(200);
    });
  });
}

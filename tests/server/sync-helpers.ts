// Shared set-up of the sync suites: a workspace with demo conversations in Global, Ventas and Soporte,
// agents of each role and tray, and shortcuts for push / pull with well-formed envelopes.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../src/server';
import { seedDemoConversations, type DemoData } from '../../src/server/services/demo';
import {
  MUTATION_VERSION,
  type MutationName,
  newId,
  PullResponse,
  PushResponse,
  type SyncChange,
  TrayListResponse,
} from '../../src/shared';
import { bearer, createAgent, createWorkspace } from './helpers';

export interface SyncWorld {
  workspaceId: string;
  admin: { id: string; token: string };
  trays: Record<'global' | 'sales' | 'support' | 'marketing', string>;
  categories: Record<string, string>;
  /** Agent in Ventas; a second one in Ventas; one in Soporte only; a supervisor in no tray. */
  sales: { id: string; token: string };
  sales2: { id: string; token: string };
  support: { id: string; token: string };
  supervisor: { id: string; token: string };
  demo: DemoData;
}

export async function makeWorld(
  app: FastifyInstance,
  database: Database,
  label = 'Sync',
  opts: { perTray?: number } = {},
): Promise<SyncWorld> {
  const ws = await createWorkspace(app, label);
  const trayList = TrayListResponse.parse(
    (await app.inject({ method: 'GET', url: '/api/v1/trays', headers: bearer(ws.token) })).json(),
  ).trays;
  const trays = Object.fromEntries(trayList.map((t) => [t.key, t.id])) as SyncWorld['trays'];
  const categories = Object.fromEntries(trayList.flatMap((t) => t.categories.map((c) => [c.key, c.id])));
  const sales = await createAgent(app, ws.token, { trayIds: [trays.sales] });
  const sales2 = await createAgent(app, ws.token, { trayIds: [trays.sales] });
  const support = await createAgent(app, ws.token, { trayIds: [trays.support] });
  const supervisor = await createAgent(app, ws.token, { role: 'supervisor' });
  const demo = await seedDemoConversations(database.db, ws.workspace.id, {
    trayKeys: ['global', 'sales', 'support'],
    perTray: opts.perTray ?? 2,
    now: Date.now(),
  });
  return {
    workspaceId: ws.workspace.id,
    admin: { id: ws.admin.id, token: ws.token },
    trays,
    categories,
    sales,
    sales2,
    support,
    supervisor,
    demo,
  };
}

/** A client of one agent: numbers its mutations 1, 2, 3… like the core's outbox. */
export class TestClient {
  readonly clientId = newId();
  next = 1;
  constructor(
    readonly app: FastifyInstance,
    public token: string,
  ) {}

  envelope(name: MutationName, args: unknown, mutationId = this.next++) {
    return { clientId: this.clientId, mutationId, name, version: MUTATION_VERSION, args, clientTime: 0 };
  }

  pushRaw(mutations: unknown[], clientId = this.clientId): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: bearer(this.token),
      payload: { clientId, mutations },
    });
  }

  async push(mutations: unknown[]): Promise<PushResponse> {
    const res = await this.pushRaw(mutations);
    expect(res.statusCode, res.body).toBe(200);
    return PushResponse.parse(res.json());
  }

  /** Pushes one mutation and returns its result. */
  async run(name: MutationName, args: unknown) {
    const res = await this.push([this.envelope(name, args)]);
    return res.results[0]!;
  }

  async pull(cursor: number, limit?: number): Promise<PullResponse> {
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/v1/sync/pull',
      headers: bearer(this.token),
      payload: { clientId: this.clientId, cursor, ...(limit ? { limit } : {}) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return PullResponse.parse(res.json());
  }

  /** Pages until hasMore is false; returns every change and the final cursor. */
  async pullAll(cursor = 0, limit?: number): Promise<{ changes: SyncChange[]; cursor: number }> {
    const changes: SyncChange[] = [];
    for (;;) {
      const page = await this.pull(cursor, limit);
      changes.push(...page.changes);
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.cursor;
      if (!page.hasMore) return { changes, cursor };
    }
  }
}

export const idsOf = (changes: SyncChange[], entity: string) =>
  new Set(changes.filter((c) => c.entity === entity).map((c) => c.entityId));

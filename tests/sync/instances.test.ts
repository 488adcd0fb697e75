// Two server instances on one PostgreSQL database, each with its own pool and LISTEN connection (as two
// processes behind a load balancer would have): a replica signed in through instance A and one through
// instance B see each other's changes, pushed by the poke that crossed over LISTEN/NOTIFY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../server/helpers';
import { listen as listenInstance, type ListeningServer } from '../server/realtime-helpers';
import { makeWorld, type SyncWorld } from '../server/sync-helpers';
import { replicaView, serverView, signedInReplica, type Replica } from './clients';

const PG_URL = process.env.TEST_DATABASE_URL;

describe('replicas on two server instances (PostgreSQL)', () => {
  if (!PG_URL) {
    it.skip('needs TEST_DATABASE_URL: instances share changes through PostgreSQL LISTEN/NOTIFY', () => undefined);
    return;
  }
  let tdb: TestDatabase;
  let a: ListeningServer;
  let b: ListeningServer;
  let world: SyncWorld;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    tdb = await openTestDatabase('postgres');
    a = await listenInstance(tdb.database);
    b = await listenInstance(await tdb.reopen());
    world = await makeWorld(a.app, tdb.database, 'TwoInstances');
  });
  afterAll(async () => {
    for (const r of replicas) await r.cleanup();
    await a?.app.close();
    await b?.app.close();
    await tdb?.dispose();
  });

  const emailOf = async (token: string) =>
    (await a.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).json<{
      agent: { email: string };
    }>().agent.email;

  it('a note written through A reaches the replica on B by itself, and the other way round', async () => {
    const onA = await signedInReplica(a.base, await emailOf(world.sales.token));
    const onB = await signedInReplica(b.base, await emailOf(world.sales2.token));
    replicas.push(onA, onB);
    const conversationId = world.demo.conversations.sales![0]!.id;
    const arrives = (r: Replica) =>
      new Promise<void>((resolve) =>
        r.core.subscribe((event, payload) => {
          if (
            event === 'data.changed' &&
            (payload as { conversationIds: string[] }).conversationIds.includes(conversationId)
          )
            resolve();
        }),
      );
    const onBSees = arrives(onB);
    const { note } = await onA.call('notes.add', { conversationId, body: 'Escrita en la instancia A' });
    await onBSees;
    expect((await onB.call('thread.page', { conversationId })).items.some((i) => i.id === note.id)).toBe(true);

    // Poll (A's own confirmations also fire data.changed); well under the engine's 60 s safety pull, so
    // only the poke that crossed from B's instance can bring it.
    await onB.call('conversations.assign', { conversationId, assigneeId: world.sales2.id });
    await expect
      .poll(async () => (await onA.call('conversations.get', { id: conversationId })).assigneeId, { timeout: 5000 })
      .toBe(world.sales2.id);
    await onA.call('sync.now');
    await onB.call('sync.now');
    expect(replicaView(onA)).toEqual(await serverView(tdb.database, world.workspaceId, world.sales.id));
    expect(replicaView(onB)).toEqual(await serverView(tdb.database, world.workspaceId, world.sales2.id));
  });
});

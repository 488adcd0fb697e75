// Crash-test child: opens the core on <dbfile>, then applies random mutations forever, printing
// "ACK <mutationId> <kind> <entityId>" only after each one has committed. The parent SIGKILLs it.
// Usage: node --import tsx tests/crash/worker.ts <dbfile> <seed> [migrationsFolder]
// (the parent may run an esbuild bundle of this file instead, which then needs the migrations folder).
import { writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createCore, nullNotifier, silentLogger, systemClock } from '../../src/core';
import { prng } from '../helpers/core';

const [dbFile, seedArg, migrationsFolder] = process.argv.slice(2);
if (!dbFile) throw new Error('usage: worker.ts <dbfile> <seed>');
const rnd = prng(Number(seedArg ?? 1));
const out = (line: string) => writeSync(1, `${line}\n`);

const core = createCore({
  platform: {
    dataDir: dirname(dbFile),
    clock: systemClock,
    logger: silentLogger,
    notifier: nullNotifier,
    openExternal: async () => false,
  },
  dbFile,
  migrationsFolder,
  seedDemo: { conversations: 50 },
});
const s = core.context.sqlite;
const ids = (sql: string) => (s.prepare(sql).all() as { id: string }[]).map((r) => r.id);
const conversations = ids('SELECT id FROM conversations');
const agents = ids('SELECT id FROM agents');
const tags = ids('SELECT id FROM tags');
const trays = ids('SELECT id FROM trays').map((id) => ({
  id,
  categories: ids(`SELECT id FROM categories WHERE tray_id = '${id}'`),
}));
out('READY');

type Step = [kind: string, method: string, input: Record<string, unknown>];
function step(): Step {
  const conversationId = rnd.pick(conversations);
  const tray = rnd.pick(trays);
  switch (rnd.int(7)) {
    case 0:
      return [
        'assign',
        'conversations.assign',
        { conversationId, assigneeId: rnd.next() < 0.2 ? null : rnd.pick(agents) },
      ];
    case 1:
      return [
        'move',
        'conversations.move',
        { conversationId, trayId: tray.id, categoryId: tray.categories.length ? rnd.pick(tray.categories) : null },
      ];
    case 2:
      return [
        'setStatus',
        'conversations.setStatus',
        { conversationId, status: rnd.pick(['open', 'pending', 'resolved']) },
      ];
    case 3:
      return ['addTag', 'conversations.addTag', { conversationId, tagId: rnd.pick(tags) }];
    case 4:
      return ['removeTag', 'conversations.removeTag', { conversationId, tagId: rnd.pick(tags) }];
    case 5:
      return ['addNote', 'notes.add', { conversationId, body: `nota ${rnd.int(1e9)}` }];
    default:
      return ['sendReply', 'messages.sendReply', { conversationId, text: `respuesta ${rnd.int(1e9)}` }];
  }
}

for (;;) {
  const [kind, method, input] = step();
  const res = await core.dispatch(method, input);
  if (!res.ok) {
    out(`ERR ${method} ${res.error.code}`);
    continue;
  }
  const v = res.value as { mutationId: number | null; note?: { id: string }; message?: { id: string } };
  if (v.mutationId === null) continue;
  const entityId = v.note?.id ?? v.message?.id ?? (input.conversationId as string);
  out(`ACK ${v.mutationId} ${kind} ${entityId}`);
}

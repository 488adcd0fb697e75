// Crash-test child: opens the core on <dbfile>, then applies random mutations forever — the guide's too:
// descriptive notes, resolutions with a disposition, snoozes, tasks, tickets — printing
// "ACK <mutationId> <kind> <entityId>" only after each one has committed (a refusal of the rules prints
// "ERR <method> <code>"). The parent SIGKILLs it.
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
const dispositions = ids('SELECT id FROM dispositions WHERE active = 1');
const trays = ids('SELECT id FROM trays').map((id) => ({
  id,
  categories: ids(`SELECT id FROM categories WHERE tray_id = '${id}'`),
}));
out('READY');

type Step = [kind: string, method: string, input: Record<string, unknown>];
/** Conversations this run answered: the closing policy's a) lets them be resolved. */
const answered: string[] = [];
const DAY = 24 * 60 * 60 * 1000;
function step(): Step {
  const conversationId = rnd.pick(conversations);
  const tray = rnd.pick(trays);
  switch (rnd.int(13)) {
    case 0:
      return [
        'assign',
        'conversations.assign',
        { conversationId, assigneeId: rnd.next() < 0.2 ? null : rnd.pick(agents) },
      ];
    case 1:
      // Across teams it needs the descriptive note (refused, ERR, when the cycle has none).
      return [
        'move',
        'conversations.move',
        { conversationId, trayId: tray.id, categoryId: tray.categories.length ? rnd.pick(tray.categories) : null },
      ];
    case 2:
      // Reopening a resolved one by hand starts a new cycle.
      return ['setStatus', 'conversations.setStatus', { conversationId, status: rnd.pick(['open', 'pending']) }];
    case 3:
      return ['addTag', 'conversations.addTag', { conversationId, tagId: rnd.pick(tags) }];
    case 4:
      return ['removeTag', 'conversations.removeTag', { conversationId, tagId: rnd.pick(tags) }];
    case 5:
      return ['addNote', 'notes.add', { conversationId, body: `nota ${rnd.int(1e9)}` }];
    case 6:
      return [
        'addDescriptiveNote',
        'notes.addDescriptive',
        {
          conversationId,
          fields: {
            context: `caída ${rnd.int(1e9)} del servicio del cliente`,
            actions: 'Revisé la cuenta y reinicié el acceso',
            nextSteps: 'Soporte confirma mañana con el cliente',
          },
        },
      ];
    case 7: {
      // The closing policy decides (an unanswered one is refused: ERR); mostly ones this run answered.
      const target = answered.length && rnd.next() < 0.8 ? rnd.pick(answered) : conversationId;
      return ['resolve', 'conversations.resolve', { conversationId: target, dispositionId: rnd.pick(dispositions) }];
    }
    case 8:
      return ['snooze', 'conversations.snooze', { conversationId, until: Date.now() + (1 + rnd.int(72)) * 3_600_000 }];
    case 9:
      return [
        'createTask',
        'tasks.create',
        { conversationId, title: `tarea ${rnd.int(1e9)}`, dueAt: Date.now() + DAY, assigneeId: null },
      ];
    case 10:
      return [
        'createTicket',
        'tickets.create',
        { conversationId, subject: `ticket ${rnd.int(1e9)}`, priority: 'high' },
      ];
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
  const v = res.value as {
    mutationId: number | null;
    note?: { id: string };
    message?: { id: string };
    task?: { id: string };
    ticket?: { id: string };
  };
  if (v.mutationId === null) continue;
  if (kind === 'sendReply') answered.push(input.conversationId as string);
  const entityId = v.note?.id ?? v.message?.id ?? v.task?.id ?? v.ticket?.id ?? (input.conversationId as string);
  out(`ACK ${v.mutationId} ${kind} ${entityId}`);
}

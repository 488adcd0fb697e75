// Builds (once) and caches the benchmark database: the demo workspace at 100k conversations and ~1M
// messages, plus one conversation of exactly 1,000 messages for the "open a conversation" figures.
// The cache key covers the generator (this file's GENERATOR_VERSION), the seeder's sources and the
// migrations, so editing any of them rebuilds; `--fresh` rebuilds regardless.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, nullNotifier, silentLogger, type Platform } from '../../src/core';
import { newId } from '../../src/shared';

/** Bump when the way this file shapes the data changes (the seeder's own sources are hashed). */
const GENERATOR_VERSION = 1;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = join(ROOT, '.data/bench');

/** A fixed "now" for generation: the same options always give the same database, ids included. */
const GENERATED_AT = Date.UTC(2026, 2, 2, 12, 0, 0);
const MINUTE = 60_000;

export interface DatasetOptions {
  conversations: number;
  extraMessagesPerConversation: number;
  bigThreadMessages: number;
  seed: number;
}

export const DEFAULT_DATASET: DatasetOptions = {
  conversations: 100_000,
  // Scripted threads are 2–5 turns (≈3.1 on average): 3.1 + 7 ≈ 10 messages per conversation ≈ 1M.
  extraMessagesPerConversation: 7,
  bigThreadMessages: 1_000,
  seed: 2026,
};

export interface DatasetInfo {
  key: string;
  file: string;
  conversations: number;
  messages: number;
  notes: number;
  auditEvents: number;
  /** The conversation with `bigThreadMessages` messages. */
  bigConversationId: string;
  bigConversationMessages: number;
  buildMs: number;
  builtAt: string;
}

export interface PreparedDataset {
  info: DatasetInfo;
  /** True when this run generated the database (false = served from the cache). */
  built: boolean;
}

export function benchPlatform(dataDir: string): Platform {
  return {
    dataDir,
    clock: { now: () => Date.now() },
    logger: silentLogger,
    notifier: nullNotifier,
    openExternal: async () => false,
  };
}

function sourceHash(): string {
  const h = createHash('sha256');
  const files = [
    'src/core/demo/seed.ts',
    'src/shared/demo/generate.ts',
    'src/shared/demo/scripts.ts',
    'src/shared/demo/random.ts',
    'src/shared/trays.ts',
    ...readdirSync(join(ROOT, 'src/core/db/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => `src/core/db/migrations/${f}`),
  ];
  for (const f of files) {
    h.update(f);
    h.update(readFileSync(join(ROOT, f)));
  }
  return h.digest('hex').slice(0, 10);
}

export function datasetKey(opts: DatasetOptions): string {
  const size = `${opts.conversations}c-${opts.extraMessagesPerConversation}x-${opts.bigThreadMessages}big-s${opts.seed}`;
  return `${size}-v${GENERATOR_VERSION}-${sourceHash()}`;
}

/** Returns the cached database for `opts`, generating it first when missing (or when `fresh`). */
export function prepareDataset(opts: DatasetOptions, fresh: boolean, log: (msg: string) => void): PreparedDataset {
  mkdirSync(BENCH_DIR, { recursive: true });
  const key = datasetKey(opts);
  const file = join(BENCH_DIR, `${key}.db`);
  const infoFile = join(BENCH_DIR, `${key}.json`);
  if (!fresh && existsSync(file) && existsSync(infoFile)) {
    return { info: JSON.parse(readFileSync(infoFile, 'utf8')) as DatasetInfo, built: false };
  }
  // Caches of the same size from older generators are big (hundreds of MB) and useless: drop them.
  const size = key.slice(0, key.indexOf('-v'));
  for (const f of readdirSync(BENCH_DIR))
    if (f.startsWith(`${size}-v`) && !f.startsWith(`${key}.`)) rmSync(join(BENCH_DIR, f));

  log(
    `generating ${opts.conversations.toLocaleString('en')} conversations (+${opts.extraMessagesPerConversation} extra messages each) → ${file}`,
  );
  const t0 = performance.now();
  const tmp = join(BENCH_DIR, `building-${process.pid}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  const core = createCore({
    platform: { ...benchPlatform(BENCH_DIR), clock: { now: () => GENERATED_AT } },
    dbFile: tmp,
    seedDemo: {
      seed: opts.seed,
      conversations: opts.conversations,
      extraMessagesPerConversation: opts.extraMessagesPerConversation,
    },
  });
  let info: DatasetInfo;
  try {
    const seededMs = performance.now() - t0;
    log(`  seeded in ${(seededMs / 1000).toFixed(1)} s; adding the ${opts.bigThreadMessages}-message conversation`);
    const big = addBigConversation(core.context.sqlite, core.context.workspaceId, core.context.meId, opts);
    const sqlite = core.context.sqlite;
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    info = {
      key,
      file,
      conversations: count('SELECT count(*) AS n FROM conversations'),
      messages: count('SELECT count(*) AS n FROM messages'),
      notes: count('SELECT count(*) AS n FROM notes'),
      auditEvents: count('SELECT count(*) AS n FROM audit_log'),
      bigConversationId: big,
      bigConversationMessages: (
        sqlite.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(big) as { n: number }
      ).n,
      buildMs: 0,
      builtAt: new Date().toISOString(),
    };
    // One self-contained file: fold the WAL back in before closing.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    core.close();
  }
  info.buildMs = performance.now() - t0;
  for (const suffix of ['-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  renameSync(tmp, file);
  writeFileSync(infoFile, JSON.stringify(info, null, 2));
  log(
    `  done in ${(info.buildMs / 1000).toFixed(1)} s: ${info.conversations.toLocaleString('en')} conversations, ${info.messages.toLocaleString('en')} messages`,
  );
  return { info, built: true };
}

/**
 * Grows the most recently active conversation to exactly `bigThreadMessages` messages (older history
 * before its scripted turns), with a few private notes and enough audit events for several timeline pages.
 * Raw inserts: the benchmark owns this data, the mutators are measured elsewhere.
 */
function addBigConversation(
  sqlite: ReturnType<typeof createCore>['context']['sqlite'],
  workspaceId: string,
  meId: string,
  opts: DatasetOptions,
): string {
  const conv = sqlite
    .prepare(
      `SELECT id, channel_kind AS channelKind, assignee_id AS assigneeId,
              (SELECT min(created_at) FROM messages m WHERE m.conversation_id = c.id) AS firstAt,
              (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS n
         FROM conversations c ORDER BY last_activity_at DESC, id DESC LIMIT 1`,
    )
    .get() as { id: string; channelKind: string; assigneeId: string | null; firstAt: number; n: number };
  const agentId = conv.assigneeId ?? meId;
  const insertMessage = sqlite.prepare(
    `INSERT INTO messages (id, conversation_id, direction, author_kind, author_agent_id, text, attachments,
       channel_message_id, delivery_status, created_at) VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`,
  );
  const insertNote = sqlite.prepare(
    'INSERT INTO notes (id, conversation_id, author_agent_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertAudit = sqlite.prepare(
    `INSERT INTO audit_log (id, workspace_id, actor_id, actor_kind, action, entity, entity_id, conversation_id, before, after, at)
     VALUES (?, ?, ?, 'agent', ?, 'conversation', ?, ?, ?, ?, ?)`,
  );
  const missing = Math.max(0, opts.bigThreadMessages - conv.n);
  sqlite.transaction(() => {
    // Walk back in time from the first scripted message, alternating customer and agent.
    let t = conv.firstAt - 5 * MINUTE;
    for (let i = 0; i < missing; i++) {
      const inbound = i % 2 === 1;
      const id = newId();
      insertMessage.run(
        id,
        conv.id,
        inbound ? 'inbound' : 'outbound',
        inbound ? 'contact' : 'agent',
        inbound ? null : agentId,
        inbound
          ? `Mensaje ${missing - i} del cliente: ¿me pueden ayudar con mi póliza? Necesito revisar la cobertura.`
          : `Respuesta ${missing - i}: claro, reviso el detalle de la póliza y te confirmo en unos minutos.`,
        `${conv.channelKind}.bench${i}`,
        inbound ? null : 'read',
        t,
      );
      if (i % 50 === 25)
        insertNote.run(newId(), conv.id, agentId, `Nota interna ${i / 50}: seguimiento del caso.`, t + 1);
      if (i % 8 === 4)
        insertAudit.run(
          newId(),
          workspaceId,
          agentId,
          'conversation.statusChanged',
          conv.id,
          conv.id,
          JSON.stringify({ status: 'pending' }),
          JSON.stringify({ status: 'open' }),
          t + 2,
        );
      t -= (3 + (i % 17)) * MINUTE;
    }
  })();
  return conv.id;
}

/** A private working copy of the cached database (benchmarks write to it: assign, audit, outbox). */
export function workingCopy(info: DatasetInfo, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  copyFileSync(info.file, target);
}

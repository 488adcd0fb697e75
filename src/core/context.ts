// What every query and mutator receives: the open database, the clock, who is acting, and `emit`.
import type { EventName, EventPayload } from '../shared';
import type { Db, Sqlite } from './db/open';
import type { Clock, Logger } from './platform';
import { StatementCache } from './db/statements';
import type { UndoLog } from './sync/undo-log';

export interface CoreContext {
  db: Db;
  sqlite: Sqlite;
  statements: StatementCache;
  clock: Clock;
  logger: Logger;
  /** The replica's workspace and signed-in agent; empty strings while signed out (see `replica`). */
  workspaceId: string;
  /** The signed-in agent on this device. */
  meId: string;
  /**
   * `local`: a server-less replica (demo, tests) whose outbox is never sent. `server`: synced with a
   * server (mutations capture their undo log for the rebase). `none`: signed out, nothing to read.
   */
  replica: { mode: 'local' | 'server' | 'none' };
  undo: UndoLog;
  /** Called after a mutation commits (the sync engine schedules a push). */
  onMutated(): void;
  /** This replica's id in mutation envelopes. */
  clientId: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

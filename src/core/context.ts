// What every query and mutator receives: the open database, the clock, who is acting, and `emit`.
import type { EventName, EventPayload } from '../shared';
import type { Db, Sqlite } from './db/open';
import type { Clock, Logger } from './platform';
import { StatementCache } from './db/statements';

export interface CoreContext {
  db: Db;
  sqlite: Sqlite;
  statements: StatementCache;
  clock: Clock;
  logger: Logger;
  workspaceId: string;
  /** The signed-in agent on this device. */
  meId: string;
  /** This replica's id in mutation envelopes. */
  clientId: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

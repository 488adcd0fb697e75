// What every route needs, passed explicitly (no globals): the database, the clock and the policies.
import type { Database, Db } from './db/open';
import type { ChangeFeed } from './realtime/feed';

export interface ServerLimits {
  /** Login attempts per minute for one (IP, email) pair. */
  loginPerAccountPerMinute: number;
  /** Login attempts per minute from one IP, whatever the email (stops spraying many accounts). */
  loginPerIpPerMinute: number;
  /** Workspaces one IP may create per hour (each costs an argon2 hash and a seed). */
  workspacesPerIpPerHour: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  loginPerAccountPerMinute: 10,
  loginPerIpPerMinute: 60,
  workspacesPerIpPerHour: 20,
};

export interface ServerContext {
  database: Database;
  db: Db;
  /** Epoch ms; tests move it to expire sessions. */
  now: () => number;
  allowSignup: boolean;
  /** Publish after committing change-log rows (push, inbound messages, jobs); WebSockets subscribe. */
  feed: ChangeFeed;
}

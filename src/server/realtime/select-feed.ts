// Which change feed a server gets when none is given: LISTEN/NOTIFY on PostgreSQL (other instances may share
// the database), in-process on PGlite (an embedded database has one server by construction).
import pg from 'pg';
import type { Database } from '../db/open';
import { type ChangeFeed, createLocalFeed } from './feed';
import { createPgFeed, type FeedLogger } from './pg-feed';

export async function feedForDatabase(database: Database, log?: FeedLogger): Promise<ChangeFeed> {
  if (database.kind !== 'postgres') return createLocalFeed();
  // open.ts hands drizzle a pg.Pool: drizzle exposes it as $client. Its options say where the database
  // is, so the LISTEN connection goes to the same place; NOTIFY goes through the pool itself.
  const pool = (database.db as unknown as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) throw new Error('PostgreSQL database without a pg.Pool: pass opts.feed');
  return createPgFeed({ connection: pool.options, notifier: pool, ...(log ? { log } : {}) });
}

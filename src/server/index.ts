// src/server — the shared server of Bandeja: HTTP API under /api/v1 (workspaces, login, agents, trays),
// its PostgreSQL schema and migrations (PGlite embedded when DATABASE_URL is unset), auth (argon2id
// passwords, hashed bearer sessions, guards), the sync protocol (push / pull / WebSocket poke), presence,
// signed inbound customer messages, the outbound reply queue and the snooze/follow-up wake-up job.
// It imports only src/shared (lint-enforced). `npm run server` runs cli.ts; embedders and tests use these;
// the desktop app and the host start the quickstart's server through embedded.ts, the only door in.
//
//   app.ts        buildServer(opts) → FastifyInstance (no listen)
//   config.ts     environment → ServerConfig
//   cli.ts        listen, ready line, graceful shutdown (`--demo`: the demo workspace)
//   embedded.ts   PGlite + demo workspace on loopback, for `npm start` / `npm run host`
//   db/           schema.ts (pg dialect), migrations/ (drizzle-kit), open.ts (PGlite | pg + migrate)
//   auth/         password hashing, session tokens, sessions, login, route guards
//   services/     workspace / agent / tray logic, audit log, demo data (tests, quickstart)
//   sync/         push (duplicates, gaps, rejections), pull (cursor + visibility), the driver that runs the
//                 shared mutators (src/shared/mutators) and turns their writes into the change log
//   jobs/         the wake-up job: due snoozes and follow-ups back to Abiertas, once across instances
//   realtime/     the change feed (in-process, or LISTEN/NOTIFY across instances), WebSocket, presence
//   inbound/      Standard Webhooks verification, contact + conversation routing of customer messages
//   outbound/     the queue of agent replies waiting for a channel adapter
//   routes/       one file per area of the HTTP API
export { buildServer, BODY_LIMIT_BYTES, type BuildServerOptions } from './app';
export { loadConfig, type ServerConfig, type DatabaseConfig } from './config';
export { openDatabase, resultRows, DEFAULT_MIGRATIONS_FOLDER, type Database, type Db } from './db/open';
export { DEFAULT_LIMITS, type ServerLimits } from './context';
export { SESSION_IDLE_MS, SESSION_MAX_MS } from './auth/sessions';

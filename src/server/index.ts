// src/server — the shared server of Bandeja: HTTP API under /api/v1 (workspaces, login, agents, trays),
// its PostgreSQL schema and migrations (PGlite embedded when DATABASE_URL is unset), auth (argon2id
// passwords, hashed bearer sessions, guards), the sync push/pull endpoints and, next, the WebSocket poke,
// inbound webhooks and presence.
// It imports only src/shared (lint-enforced). `npm run server` runs cli.ts; embedders and tests use these.
//
//   app.ts        buildServer(opts) → FastifyInstance (no listen)
//   config.ts     environment → ServerConfig
//   cli.ts        listen, ready line, graceful shutdown
//   db/           schema.ts (pg dialect), migrations/ (drizzle-kit), open.ts (PGlite | pg + migrate)
//   auth/         password hashing, session tokens, sessions, login, route guards
//   services/     workspace / agent / tray logic, audit log, demo conversations (tests, quickstart)
//   sync/         push (duplicates, gaps, rejections), pull (cursor + visibility), server mutators, change log
//   routes/       one file per area of the HTTP API
export { buildServer, BODY_LIMIT_BYTES, type BuildServerOptions } from './app';
export { loadConfig, type ServerConfig, type DatabaseConfig } from './config';
export { openDatabase, resultRows, DEFAULT_MIGRATIONS_FOLDER, type Database, type Db } from './db/open';
export { DEFAULT_LIMITS, type ServerLimits } from './context';
export { SESSION_IDLE_MS, SESSION_MAX_MS } from './auth/sessions';

// drizzle-kit config of the server's PostgreSQL schema (the client's SQLite one is drizzle.config.ts).
// `npm run db:generate:server` writes the next migration; PGlite and PostgreSQL both run it.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});

// Server settings from the environment, validated once at start so a typo fails loudly, not later.
import { resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const Env = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  BANDEJA_DATA_DIR: z.string().min(1).default('.data/server'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Behind a load balancer: trust X-Forwarded-For so rate limits see the client's address. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** `false` closes public workspace sign-up (POST /api/v1/workspaces) on a shared installation. */
  BANDEJA_ALLOW_SIGNUP: z.enum(['true', 'false']).default('true'),
  /** Create the demo workspace "Seguros Andes" at start when missing (same as `--demo`). */
  BANDEJA_DEMO: z.enum(['1', 'true', '0', 'false']).default('0'),
  /** How often the wake-up job looks for due snoozes and follow-ups; unset = its default (1 s). */
  BANDEJA_WAKE_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).optional(),
});

export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };

export interface ServerConfig {
  database: DatabaseConfig;
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  allowSignup: boolean;
  demo: boolean;
  /** undefined = the wake-up job's default. */
  wakeIntervalMs?: number;
}

/** Empty strings count as unset (`PORT= npm run server`). Throws a readable error on bad values. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  argv: readonly string[] = [],
): ServerConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(e.BANDEJA_DATA_DIR, 'pglite') },
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === 'true',
    allowSignup: e.BANDEJA_ALLOW_SIGNUP === 'true',
    demo: e.BANDEJA_DEMO === '1' || e.BANDEJA_DEMO === 'true' || argv.includes('--demo'),
    ...(e.BANDEJA_WAKE_INTERVAL_MS !== undefined ? { wakeIntervalMs: e.BANDEJA_WAKE_INTERVAL_MS } : {}),
  };
}

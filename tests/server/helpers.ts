// Shared set-up of the server suite: the backends to run on (PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set — a fresh database per test file), a server with a movable clock, and
// shortcuts for the common requests.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildServer, type BuildServerOptions, type Database, openDatabase } from '../../src/server';
import { ErrorResponse } from '../../src/shared';
import type { CreateWorkspaceResponse, LoginResponse } from '../../src/shared';

export type BackendKind = 'pglite' | 'postgres';
const PG_URL = process.env.TEST_DATABASE_URL;
export const backends: BackendKind[] = PG_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  database: Database;
  /** Opens the same database again (a restart): for migration idempotence. */
  reopen(): Promise<Database>;
  /** Closes the handle and drops the PostgreSQL database. */
  dispose(): Promise<void>;
}

/** One statement on the test server's maintenance database (CREATE / DROP DATABASE). */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database: in-memory PGlite, or `bandeja_test_<random>` on the test PostgreSQL. */
export async function openTestDatabase(kind: BackendKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, reopen: () => Promise.reject(new Error('in-memory PGlite')), dispose: () => database.close() };
  }
  const name = `bandeja_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  const open = async () => {
    const db = await openDatabase({ kind: 'postgres', url: url.toString() }, { maxConnections: 4 });
    opened.push(db);
    return db;
  };
  const database = await open();
  return {
    database,
    reopen: open,
    dispose: async () => {
      for (const db of opened) await db.close().catch(() => undefined);
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export interface TestServer {
  app: FastifyInstance;
  clock: { now: number };
}

/** A server on a shared database with generous limits (tests of limits build their own). */
export async function makeServer(database: Database, opts: Partial<BuildServerOptions> = {}): Promise<TestServer> {
  const clock = { now: Date.now() };
  const app = await buildServer({
    database,
    closeDatabase: false,
    now: () => clock.now,
    limits: { loginPerAccountPerMinute: 10_000, loginPerIpPerMinute: 10_000, workspacesPerIpPerHour: 10_000 },
    ...opts,
  });
  return { app, clock };
}

export const PASSWORD = 'correct horse battery';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let counter = 0;
/** A new workspace with a unique slug; returns the creation response (admin token included). */
export async function createWorkspace(app: FastifyInstance, label = 'Acme'): Promise<CreateWorkspaceResponse> {
  counter += 1;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/workspaces',
    payload: {
      workspaceName: `${label} ${counter} ${randomBytes(3).toString('hex')}`,
      timezone: 'America/Bogota',
      admin: { name: 'Ana Admin', email: `admin${counter}@${label.toLowerCase()}.example`, password: PASSWORD },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CreateWorkspaceResponse>();
}

export async function login(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
  workspace?: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password, ...(workspace ? { workspace } : {}) },
  });
}

export async function loginToken(app: FastifyInstance, email: string, workspace?: string): Promise<string> {
  const res = await login(app, email, PASSWORD, workspace);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LoginResponse>().token;
}

/** An agent created by an admin; returns its id and a signed-in token. */
export async function createAgent(
  app: FastifyInstance,
  adminToken: string,
  body: { role?: 'admin' | 'supervisor' | 'agent'; trayIds?: string[]; email?: string; name?: string } = {},
): Promise<{ id: string; email: string; token: string }> {
  counter += 1;
  const email = body.email ?? `agent${counter}-${randomBytes(3).toString('hex')}@example.com`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/agents',
    headers: bearer(adminToken),
    payload: {
      name: body.name ?? `Agent ${counter}`,
      email,
      password: PASSWORD,
      role: body.role ?? 'agent',
      trayIds: body.trayIds ?? [],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ agent: { id: string } }>().agent.id;
  return { id, email, token: await loginToken(app, email) };
}

/** Asserts the response is an error in the shared shape with this status (and code, when given). */
export function expectError(res: LightMyRequestResponse, status: number, code?: string): ErrorResponse['error'] {
  expect(res.statusCode, res.body).toBe(status);
  const parsed = ErrorResponse.safeParse(res.json());
  expect(parsed.success, res.body).toBe(true);
  const error = parsed.data!.error;
  if (code) expect(error.code).toBe(code);
  return error;
}

/** One database and one server for a whole test file on `backend`, opened before and closed after it. */
export function serverPerFile(backend: BackendKind): { readonly tdb: TestDatabase; readonly s: TestServer } {
  let tdb: TestDatabase | undefined;
  let s: TestServer | undefined;
  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
    s = await makeServer(tdb.database);
  });
  afterAll(async () => {
    await s?.app.close();
    await tdb?.dispose();
  });
  return {
    get tdb() {
      return tdb!;
    },
    get s() {
      return s!;
    },
  };
}

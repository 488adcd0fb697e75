// Every route the server registers, as "METHOD /path" keys, read from Fastify's own route tree
// (`printRoutes`), so the authorization matrix and the route fuzz notice a new route without a row.
import type { FastifyInstance } from 'fastify';

const LINE = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/u;

/** "GET /api/v1/agents/:id", "HEAD /health", … sorted; HEAD routes are the ones Fastify adds for GET. */
export async function registeredRoutes(app: FastifyInstance): Promise<string[]> {
  await app.ready();
  const tree = app.printRoutes({ commonPrefix: false });
  const parents: string[] = [];
  const keys: string[] = [];
  for (const line of tree.split('\n')) {
    if (!line.trim()) continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`printRoutes line not understood: ${JSON.stringify(line)}`);
    const depth = m[1]!.length / 4;
    const path = (depth > 0 ? parents[depth - 1]! : '') + m[2]!;
    parents[depth] = path;
    parents.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) keys.push(`${method} ${path}`);
  }
  if (keys.length < 10) throw new Error(`suspiciously few routes parsed:\n${tree}`);
  return keys.sort();
}

// Creating a workspace: the workspace, its first admin, the guide's default trays and categories and the
// default calificaciones (seed 004), in one transaction (a half-created workspace would have no admin to
// fix it).
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  API_MESSAGE_KEYS,
  AppError,
  type CreateWorkspaceBody,
  DEFAULT_DISPOSITIONS,
  DEFAULT_TRAYS,
  newId,
} from '../../shared';
import { hashPassword } from '../auth/password';
import type { AgentRow, WorkspaceRow } from '../auth/sessions';
import type { Db } from '../db/open';
import { isUniqueViolation } from '../db/errors';
import { agents, categories, dispositions, trays, workspaces } from '../db/schema';
import { recordAudit } from './audit';
import { agentColor } from './colors';

/** "Seguros Ñandú S.A." → "seguros-nandu-s-a". Always a valid WorkspaceSlug. */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base.length >= 3 ? base : `workspace${base ? `-${base}` : ''}`;
}

const withSuffix = (slug: string) => `${slug}-${randomBytes(3).toString('hex')}`;

class SlugTaken extends Error {}

export async function createWorkspace(
  db: Db,
  input: CreateWorkspaceBody,
  now: number,
): Promise<{ workspace: WorkspaceRow; admin: AgentRow }> {
  const passwordHash = await hashPassword(input.admin.password); // outside the transaction: CPU, not DB
  const derived = slugFromName(input.workspaceName);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = input.slug ?? (attempt === 0 ? derived : withSuffix(derived));
    try {
      return await db.transaction((tx) => insertWorkspace(tx, input, slug, passwordHash, now));
    } catch (err) {
      // A concurrent creation can take the slug between our check and our insert: same answer.
      if (!(err instanceof SlugTaken) && !isUniqueViolation(err)) throw err;
      if (input.slug) throw new AppError('conflict', 'That workspace handle is taken', API_MESSAGE_KEYS.slugTaken);
    }
  }
  throw new AppError('conflict', 'Could not find a free workspace handle', API_MESSAGE_KEYS.slugTaken);
}

async function insertWorkspace(
  tx: Db,
  input: CreateWorkspaceBody,
  slug: string,
  passwordHash: string,
  now: number,
): Promise<{ workspace: WorkspaceRow; admin: AgentRow }> {
  const taken = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  if (taken.length) throw new SlugTaken();

  const [workspace] = await tx
    .insert(workspaces)
    .values({ id: newId(), slug, name: input.workspaceName, timezone: input.timezone, settings: {}, createdAt: now })
    .returning();
  const [admin] = await tx
    .insert(agents)
    .values({
      id: newId(),
      workspaceId: workspace!.id,
      name: input.admin.name,
      email: input.admin.email,
      role: 'admin',
      active: true,
      color: agentColor(0),
      passwordHash,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await seedDefaultTrays(tx, workspace!.id);
  await seedDefaultDispositions(tx, workspace!.id);
  await recordAudit(tx, {
    workspaceId: workspace!.id,
    actorId: null,
    action: 'workspace.create',
    entity: 'workspace',
    entityId: workspace!.id,
    after: { name: workspace!.name, slug, timezone: workspace!.timezone, adminId: admin!.id },
    at: now,
  });
  return { workspace: workspace!, admin: admin! };
}

/** The guide's trays (src/shared/trays.ts) with their categories, in the guide's order. */
async function seedDefaultTrays(tx: Db, workspaceId: string): Promise<void> {
  const trayRows = DEFAULT_TRAYS.map((t, position) => ({
    id: newId(),
    workspaceId,
    key: t.key,
    name: t.name,
    team: t.team,
    position,
    active: true,
  }));
  await tx.insert(trays).values(trayRows);
  const categoryRows = DEFAULT_TRAYS.flatMap((t, i) =>
    t.categories.map((c, position) => ({
      id: newId(),
      workspaceId,
      trayId: trayRows[i]!.id,
      key: c.key,
      name: c.name,
      position,
      active: true,
    })),
  );
  if (categoryRows.length) await tx.insert(categories).values(categoryRows);
}

/**
 * The guide's calificaciones (src/shared/dispositions.ts), in its order. Reference data: a replica gets them
 * with every pull from cursor 0 (sync/reference.ts), so no change-log rows are needed here.
 */
async function seedDefaultDispositions(tx: Db, workspaceId: string): Promise<void> {
  await tx
    .insert(dispositions)
    .values(DEFAULT_DISPOSITIONS.map((d, position) => ({ id: newId(), workspaceId, ...d, position, active: true })));
}

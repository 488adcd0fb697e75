// Workspace settings (issue 4, point 9): trays, categories, tags, dispositions, their order, the note rules
// and the reopen window. Admins only — the server runs this same check, so a replica that skips it is
// refused with the same reason. Each save creates the row when its id is new and otherwise changes only
// what differs (a save that changes nothing writes nothing).
import type { MutationArgsOf } from '../mutations';
import { applySettingsPatch, readSettings, type WorkspaceSettings } from '../settings';
import { loadTray, requireAdmin } from './access';
import { sameName } from './contacts';
import type { Mutator } from './conversation';
import { changedFields } from './diff';
import { audit, deleteRow, findRows, getRow, insertRow, type MutatorEnv, refuse, updateRow } from './runtime';

/** A readable, stable key: "Servicio técnico" + id …a1b2c3 → "servicio-tecnico-a1b2c3". */
export function keyFor(name: string, id: string, fallback: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${slug || fallback}-${id.slice(-6)}`;
}

const nextPosition = (rows: readonly { position: number }[]): number =>
  rows.reduce((max, r) => Math.max(max, r.position + 1), 0);

/** An id of another workspace is taken, never edited from here. */
const idTaken = () => refuse('conflict', 'errors.idTaken', 'Ese elemento ya existe');

function* settingsAudit(action: string, entityId: string, before: object | null, after: object | null) {
  yield* audit({
    action,
    entity: 'settings',
    entityId,
    conversationId: null,
    before: before as Record<string, unknown> | null,
    after: after as Record<string, unknown> | null,
  });
}

export const saveTray: Mutator<MutationArgsOf<'saveTray'>> = function* (env, { trayId, name, team, active }) {
  yield* requireAdmin(env);
  const tray = yield* getRow('trays', { id: trayId });
  if (tray && tray.workspaceId !== env.workspaceId) throw idTaken();
  if (!tray) {
    const trays = yield* findRows('trays', { workspaceId: env.workspaceId });
    const row = { key: keyFor(name, trayId, 'bandeja'), name, team, position: nextPosition(trays), active };
    yield* insertRow('trays', { id: trayId, workspaceId: env.workspaceId, ...row });
    yield* settingsAudit('tray.created', trayId, null, row);
    return;
  }
  // Global receives whatever has no team yet: without it, new conversations would have nowhere to land.
  if (tray.key === 'global' && !active)
    throw refuse('rule_violation', 'errors.globalTrayRequired', 'La bandeja Global no se puede desactivar');
  const { before, after } = changedFields(tray, { name, team, active });
  if (!after) return;
  yield* updateRow('trays', { id: trayId }, after);
  yield* settingsAudit('tray.updated', trayId, before, after);
};

export const saveCategory: Mutator<MutationArgsOf<'saveCategory'>> = function* (env, args) {
  yield* requireAdmin(env);
  const tray = yield* loadTray(env, args.trayId);
  const category = yield* getRow('categories', { id: args.categoryId });
  if (category && category.trayId !== tray.id) {
    const owner = yield* getRow('trays', { id: category.trayId });
    if (!owner || owner.workspaceId !== env.workspaceId) throw idTaken();
    // Conversations filed under it keep their tray: a category never moves to another tray.
    throw refuse('rule_violation', 'errors.categoryNotInTray', `Esa categoría no pertenece a la bandeja ${tray.name}`, {
      tray: tray.name,
    });
  }
  if (!category) {
    const siblings = yield* findRows('categories', { trayId: tray.id });
    const row = {
      trayId: tray.id,
      key: keyFor(args.name, args.categoryId, 'categoria'),
      name: args.name,
      position: nextPosition(siblings),
      active: args.active,
    };
    yield* insertRow('categories', { id: args.categoryId, ...row });
    yield* settingsAudit('category.created', args.categoryId, null, row);
    return;
  }
  const { before, after } = changedFields(category, { name: args.name, active: args.active });
  if (!after) return;
  yield* updateRow('categories', { id: category.id }, after);
  yield* settingsAudit('category.updated', category.id, before, after);
};

/** Only admins create tags (the guide: a shared vocabulary, not one per agent); names are unique. */
export const saveTag: Mutator<MutationArgsOf<'saveTag'>> = function* (env, { tagId, name, color }) {
  yield* requireAdmin(env);
  const tag = yield* getRow('tags', { id: tagId });
  if (tag && tag.workspaceId !== env.workspaceId) throw idTaken();
  const tags = yield* findRows('tags', { workspaceId: env.workspaceId });
  const twin = tags.find((t) => t.id !== tagId && sameName(t.name, name));
  if (twin) throw refuse('conflict', 'errors.tagExists', `Ya existe la etiqueta ${twin.name}`, { name: twin.name });
  if (!tag) {
    yield* insertRow('tags', { id: tagId, workspaceId: env.workspaceId, name, color });
    yield* settingsAudit('tag.created', tagId, null, { name, color });
    return;
  }
  const { before, after } = changedFields(tag, { name, color });
  if (!after) return;
  yield* updateRow('tags', { id: tagId }, after);
  yield* settingsAudit('tag.updated', tagId, before, after);
};

export const saveDisposition: Mutator<MutationArgsOf<'saveDisposition'>> = function* (env, args) {
  yield* requireAdmin(env);
  const { dispositionId: id, name, needsFollowUp, active } = args;
  const disposition = yield* getRow('dispositions', { id });
  if (disposition && disposition.workspaceId !== env.workspaceId) throw idTaken();
  const all = yield* findRows('dispositions', { workspaceId: env.workspaceId });
  if (!disposition) {
    const row = { name, needsFollowUp, position: nextPosition(all), active };
    yield* insertRow('dispositions', { id, workspaceId: env.workspaceId, ...row });
    yield* settingsAudit('disposition.created', id, null, row);
    return;
  }
  // Resolving needs a disposition: without an active one, nothing could ever be resolved.
  if (disposition.active && !active && !all.some((d) => d.id !== id && d.active))
    throw refuse(
      'rule_violation',
      'errors.lastDisposition',
      'Debe quedar al menos una calificación activa: sin ella no se puede resolver nada',
    );
  const { before, after } = changedFields(disposition, { name, needsFollowUp, active });
  if (!after) return;
  yield* updateRow('dispositions', { id }, after);
  yield* settingsAudit('disposition.updated', id, before, after);
};

/** The rows being reordered: every tray, every disposition, or every category of one tray. */
function* reorderSet(env: MutatorEnv, entity: MutationArgsOf<'reorder'>['entity'], firstId: string) {
  if (entity === 'trays')
    return { scope: env.workspaceId, rows: yield* findRows('trays', { workspaceId: env.workspaceId }) };
  if (entity === 'dispositions')
    return { scope: env.workspaceId, rows: yield* findRows('dispositions', { workspaceId: env.workspaceId }) };
  const first = yield* getRow('categories', { id: firstId });
  const tray = first ? yield* getRow('trays', { id: first.trayId }) : undefined;
  if (!tray || tray.workspaceId !== env.workspaceId) return { scope: firstId, rows: [] };
  return { scope: tray.id, rows: yield* findRows('categories', { trayId: tray.id }) };
}

const byPosition = (a: { position: number; id: string }, b: { position: number; id: string }) =>
  a.position - b.position || a.id.localeCompare(b.id);

/** The new order must name exactly the current set: a list that changed meanwhile is refused, not guessed. */
export const reorder: Mutator<MutationArgsOf<'reorder'>> = function* (env, { entity, ids }) {
  yield* requireAdmin(env);
  const { scope, rows } = yield* reorderSet(env, entity, ids[0]!);
  const current = new Map(rows.map((r) => [r.id, r]));
  if (new Set(ids).size !== ids.length || ids.length !== current.size || ids.some((id) => !current.has(id)))
    throw refuse(
      'conflict',
      'errors.reorderMismatch',
      'La lista cambió mientras la ordenabas: vuelve a abrirla e inténtalo de nuevo',
    );
  const before = [...rows].sort(byPosition).map((r) => r.id);
  let changed = false;
  for (const [position, id] of ids.entries()) {
    if (current.get(id)!.position === position) continue;
    changed = true;
    yield* updateRow(entity, { id }, { position });
  }
  if (changed) yield* settingsAudit(`${entity}.reordered`, scope, { ids: before }, { ids });
};

/** Only the parts that change, for the history: { reopenWindowHours } and/or { noteRules: { escalate } }. */
function settingsDiff(a: WorkspaceSettings, b: WorkspaceSettings) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (a.reopenWindowHours !== b.reopenWindowHours) {
    before.reopenWindowHours = a.reopenWindowHours;
    after.reopenWindowHours = b.reopenWindowHours;
  }
  const rules = changedFields(a.noteRules, b.noteRules);
  if (rules.after) {
    before.noteRules = rules.before;
    after.noteRules = rules.after;
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

export const saveSettings: Mutator<MutationArgsOf<'saveSettings'>> = function* (env, { patch }) {
  yield* requireAdmin(env);
  const workspace = yield* getRow('workspaces', { id: env.workspaceId });
  if (!workspace) throw refuse('not_found', 'errors.workspaceNotFound', 'El espacio de trabajo ya no existe');
  const current = readSettings(workspace.settings);
  const next = applySettingsPatch(current, patch);
  const { before, after, changed } = settingsDiff(current, next);
  if (!changed) return;
  yield* updateRow('workspaces', { id: workspace.id }, { settings: next });
  yield* settingsAudit('settings.updated', workspace.id, before, after);
};

/**
 * The agents of a tray, as a whole list. Each membership added or removed is a row of the change log: the
 * agent's replica follows it at once (drops the tray's conversations, or takes a fresh snapshot of them).
 */
export const setTrayMembers: Mutator<MutationArgsOf<'setTrayMembers'>> = function* (env, { trayId, agentIds }) {
  yield* requireAdmin(env);
  yield* loadTray(env, trayId);
  const wanted = [...new Set(agentIds)];
  for (const id of wanted) {
    const agent = yield* getRow('agents', { id });
    if (!agent || agent.workspaceId !== env.workspaceId)
      throw refuse('not_found', 'errors.agentNotFound', 'Ese agente ya no existe');
  }
  const current = (yield* findRows('tray_members', { trayId })).map((m) => m.agentId);
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !wanted.includes(id));
  if (!added.length && !removed.length) return;
  for (const agentId of added) yield* insertRow('tray_members', { trayId, agentId });
  for (const agentId of removed) yield* deleteRow('tray_members', { trayId, agentId });
  yield* settingsAudit('tray.membersChanged', trayId, { removed }, { added });
};

// Cases of the settings mutations (admins only): trays, categories, tags, dispositions, order, note rules and
// the reopen window — plus, generated, the refusal of every one of them to an agent and to a supervisor.
import { expect } from 'vitest';
import type { Seed } from '../../helpers/memory-seed';
import { find, get, rows, update } from '../../helpers/memory-store';
import { call, type Call, type Case, lastAudit, must } from '../../helpers/mutator-cases';

const positions = (s: Seed, entity: 'trays' | 'dispositions', ids: string[]) =>
  ids.map((id) => get(s.store, entity, { id })!.position);

export const trayCases: Case[] = [
  {
    name: 'a new tray gets a readable key and the last position',
    as: 'admin',
    call: (s) => call('saveTray', { trayId: s.newId(), name: 'Postventa Técnica', team: 'support', active: true }),
    expect: { audit: 'tray.created' },
    check: (s) => {
      const tray = rows(s.store, 'trays').find((t) => t.name === 'Postventa Técnica')!;
      expect(tray.key).toBe(`postventa-tecnica-${tray.id.slice(-6)}`);
      expect(tray).toMatchObject({ position: 6, team: 'support', active: true, workspaceId: s.workspaceId });
      expect(lastAudit(s)).toMatchObject({ entity: 'settings', conversationId: null, before: null });
    },
  },
  {
    name: 'a name with no letters still gets a key',
    as: 'admin',
    call: (s) => call('saveTray', { trayId: s.newId(), name: '¡¡!!', team: 'x', active: true }),
    expect: { audit: 'tray.created' },
    check: (s) => expect(rows(s.store, 'trays').find((t) => t.name === '¡¡!!')!.key).toMatch(/^bandeja-[0-9a-f]{6}$/),
  },
  {
    name: 'renaming a tray keeps its key',
    as: 'admin',
    call: (s) => call('saveTray', { trayId: s.trays.support, name: 'Soporte', team: 'support', active: true }),
    expect: { audit: 'tray.updated' },
    check: (s) => {
      expect(get(s.store, 'trays', { id: s.trays.support })).toMatchObject({ name: 'Soporte', key: 'support' });
      expect(lastAudit(s)).toMatchObject({ before: { name: 'Servicio y Soporte' }, after: { name: 'Soporte' } });
    },
  },
  {
    name: 're-teaming and deactivating a tray',
    as: 'admin',
    call: (s) => call('saveTray', { trayId: s.trays.marketing, name: 'Marketing', team: 'sales', active: false }),
    expect: { audit: 'tray.updated' },
    check: (s) => expect(lastAudit(s).after).toEqual({ team: 'sales', active: false }),
  },
  {
    name: 'Global can never be deactivated',
    as: 'admin',
    call: (s) => call('saveTray', { trayId: s.trays.global, name: 'Global', team: 'global', active: false }),
    expect: { refused: 'errors.globalTrayRequired' },
  },
  {
    name: 'Global can be renamed',
    as: 'admin',
    call: (s) => call('saveTray', { trayId: s.trays.global, name: 'Entrada', team: 'global', active: true }),
    expect: { audit: 'tray.updated' },
  },
  {
    name: 'saving a tray unchanged is a no-op',
    as: 'admin',
    call: (s) => call('saveTray', { trayId: s.trays.sales, name: 'Ventas', team: 'sales', active: true }),
    expect: 'noop',
  },
  {
    name: "another workspace's tray id is taken",
    as: 'admin',
    call: (s) => call('saveTray', { trayId: s.other.tray, name: 'Global', team: 'global', active: true }),
    expect: { refused: 'errors.idTaken' },
  },
  {
    name: 'a new category goes last in its tray',
    as: 'admin',
    call: (s) =>
      call('saveCategory', { categoryId: s.newId(), trayId: s.trays.support, name: 'Instalaciones', active: true }),
    expect: { audit: 'category.created' },
    check: (s) => {
      const category = rows(s.store, 'categories').find((c) => c.name === 'Instalaciones')!;
      expect(category).toMatchObject({
        trayId: s.trays.support,
        position: 5,
        key: `instalaciones-${category.id.slice(-6)}`,
      });
    },
  },
  {
    name: 'a first category of an empty tray gets position 0',
    as: 'admin',
    call: (s) =>
      call('saveCategory', { categoryId: s.newId(), trayId: s.trays.supportL2, name: 'Redes', active: true }),
    expect: { audit: 'category.created' },
    check: (s) => expect(rows(s.store, 'categories').find((c) => c.name === 'Redes')!.position).toBe(0),
  },
  {
    name: 'renaming and deactivating a category',
    as: 'admin',
    call: (s) =>
      call('saveCategory', {
        categoryId: s.categories.faults,
        trayId: s.trays.support,
        name: 'Fallas técnicas',
        active: false,
      }),
    expect: { audit: 'category.updated' },
    check: (s) =>
      expect(lastAudit(s)).toMatchObject({
        before: { name: 'Fallas', active: true },
        after: { name: 'Fallas técnicas', active: false },
      }),
  },
  {
    name: 'a category never moves to another tray',
    as: 'admin',
    call: (s) =>
      call('saveCategory', { categoryId: s.categories.faults, trayId: s.trays.sales, name: 'Fallas', active: true }),
    expect: { refused: 'errors.categoryNotInTray', params: { tray: 'Ventas' } },
  },
  {
    name: "a category in another workspace's tray is refused",
    as: 'admin',
    call: (s) => call('saveCategory', { categoryId: s.newId(), trayId: s.other.tray, name: 'Nada', active: true }),
    expect: { refused: 'errors.trayNotFound' },
  },
  {
    name: 'saving a category unchanged is a no-op',
    as: 'admin',
    call: (s) =>
      call('saveCategory', { categoryId: s.categories.faults, trayId: s.trays.support, name: 'Fallas', active: true }),
    expect: 'noop',
  },
];

export const tagSettingCases: Case[] = [
  {
    name: 'an admin creates a tag',
    as: 'admin',
    call: (s) => call('saveTag', { tagId: s.newId(), name: 'Garantía', color: '#0000ff' }),
    expect: { audit: 'tag.created' },
  },
  {
    name: 'a tag name already taken (any case) is refused',
    as: 'admin',
    call: (s) => call('saveTag', { tagId: s.newId(), name: 'vip', color: '#0000ff' }),
    expect: { refused: 'errors.tagExists', params: { name: 'VIP' } },
  },
  {
    name: "renaming a tag to another tag's name is refused",
    as: 'admin',
    call: (s) => call('saveTag', { tagId: s.tags.complaint, name: 'Vip ', color: '#00aa00' }),
    expect: { refused: 'errors.tagExists', params: { name: 'VIP' } },
  },
  {
    name: 'a tag may change the case of its own name',
    as: 'admin',
    call: (s) => call('saveTag', { tagId: s.tags.vip, name: 'Vip', color: '#aa0000' }),
    expect: { audit: 'tag.updated' },
  },
  {
    name: 'recoloring a tag',
    as: 'admin',
    call: (s) => call('saveTag', { tagId: s.tags.vip, name: 'VIP', color: '#ffcc00' }),
    expect: { audit: 'tag.updated' },
    check: (s) => expect(lastAudit(s)).toMatchObject({ before: { color: '#aa0000' }, after: { color: '#ffcc00' } }),
  },
  {
    name: 'saving a tag unchanged is a no-op',
    as: 'admin',
    call: (s) => call('saveTag', { tagId: s.tags.vip, name: 'VIP', color: '#aa0000' }),
    expect: 'noop',
  },
  {
    name: "another workspace's tag id is taken",
    as: 'admin',
    call: (s) => call('saveTag', { tagId: s.other.tag, name: 'Nueva', color: '#aa0000' }),
    expect: { refused: 'errors.idTaken' },
  },
  {
    name: 'a new disposition goes last',
    as: 'admin',
    call: (s) =>
      call('saveDisposition', { dispositionId: s.newId(), name: 'Venta cerrada', needsFollowUp: false, active: true }),
    expect: { audit: 'disposition.created' },
    check: (s) => expect(rows(s.store, 'dispositions').find((d) => d.name === 'Venta cerrada')!.position).toBe(5),
  },
  {
    name: 'a disposition starts needing follow-up',
    as: 'admin',
    call: (s) =>
      call('saveDisposition', {
        dispositionId: s.dispositions.escalated,
        name: 'Caso escalado',
        needsFollowUp: true,
        active: true,
      }),
    expect: { audit: 'disposition.updated' },
    check: (s) =>
      expect(lastAudit(s)).toMatchObject({ before: { needsFollowUp: false }, after: { needsFollowUp: true } }),
  },
  {
    name: 'deactivating a disposition while others stay active',
    as: 'admin',
    call: (s) =>
      call('saveDisposition', {
        dispositionId: s.dispositions.unhappy,
        name: 'Cliente insatisfecho',
        needsFollowUp: false,
        active: false,
      }),
    expect: { audit: 'disposition.updated' },
  },
  {
    name: 'the last active disposition cannot be deactivated',
    as: 'admin',
    setup: (s) => {
      for (const id of [s.dispositions.followUp, s.dispositions.escalated, s.dispositions.unhappy])
        update(s.store, 'dispositions', { id }, { active: false });
    },
    call: (s) =>
      call('saveDisposition', {
        dispositionId: s.dispositions.resolved,
        name: 'Consulta resuelta',
        needsFollowUp: false,
        active: false,
      }),
    expect: { refused: 'errors.lastDisposition' },
  },
  {
    name: 'reactivating a retired disposition',
    as: 'admin',
    call: (s) =>
      call('saveDisposition', {
        dispositionId: s.dispositions.retired,
        name: 'Antigua',
        needsFollowUp: false,
        active: true,
      }),
    expect: { audit: 'disposition.updated' },
  },
  {
    name: 'saving a disposition unchanged is a no-op',
    as: 'admin',
    call: (s) =>
      call('saveDisposition', {
        dispositionId: s.dispositions.followUp,
        name: 'Seguimiento requerido',
        needsFollowUp: true,
        active: true,
      }),
    expect: 'noop',
  },
];

const trayOrder = (s: Seed) => [
  s.trays.global,
  s.trays.marketing,
  s.trays.sales,
  s.trays.support,
  s.trays.supportL2,
  s.trays.archive,
];
const supportCategories = (s: Seed) =>
  (['faults', 'technical', 'warranty', 'postsale', 'obsolete'] as const).map((k) => s.categories[k]);

export const orderCases: Case[] = [
  {
    name: 'reordering trays writes the new positions',
    as: 'admin',
    call: (s) => call('reorder', { entity: 'trays', ids: [...trayOrder(s)].reverse() }),
    expect: { audit: 'trays.reordered' },
    check: (s) => {
      expect(positions(s, 'trays', trayOrder(s))).toEqual([5, 4, 3, 2, 1, 0]);
      expect(lastAudit(s)).toMatchObject({
        entity: 'settings',
        before: { ids: trayOrder(s) },
        after: { ids: [...trayOrder(s)].reverse() },
      });
    },
  },
  {
    name: "reordering one tray's categories",
    as: 'admin',
    call: (s) => {
      const [a, b, ...rest] = supportCategories(s);
      return call('reorder', { entity: 'categories', ids: [b!, a!, ...rest] });
    },
    expect: { audit: 'categories.reordered' },
    check: (s) => {
      expect(get(s.store, 'categories', { id: s.categories.technical })!.position).toBe(0);
      expect(lastAudit(s).entityId).toBe(s.trays.support);
    },
  },
  {
    name: 'reordering dispositions',
    as: 'admin',
    call: (s) => {
      const d = s.dispositions;
      return call('reorder', {
        entity: 'dispositions',
        ids: [d.followUp, d.resolved, d.escalated, d.unhappy, d.retired],
      });
    },
    expect: { audit: 'dispositions.reordered' },
    check: (s) =>
      expect(positions(s, 'dispositions', [s.dispositions.followUp, s.dispositions.resolved])).toEqual([0, 1]),
  },
  {
    name: 'the same order is a no-op',
    as: 'admin',
    call: (s) => call('reorder', { entity: 'trays', ids: trayOrder(s) }),
    expect: 'noop',
  },
  {
    name: 'a list missing a tray is refused',
    as: 'admin',
    call: (s) => call('reorder', { entity: 'trays', ids: trayOrder(s).slice(1) }),
    expect: { refused: 'errors.reorderMismatch' },
  },
  {
    name: 'a list naming a tray twice is refused',
    as: 'admin',
    call: (s) => call('reorder', { entity: 'trays', ids: [...trayOrder(s).slice(1), s.trays.sales] }),
    expect: { refused: 'errors.reorderMismatch' },
  },
  {
    name: 'categories of two trays in one list are refused',
    as: 'admin',
    call: (s) => call('reorder', { entity: 'categories', ids: [...supportCategories(s), s.categories.quotes] }),
    expect: { refused: 'errors.reorderMismatch' },
  },
  {
    name: 'an unknown category is refused',
    as: 'admin',
    call: () => call('reorder', { entity: 'categories', ids: ['0190a000-9999-7000-8000-000000000004'] }),
    expect: { refused: 'errors.reorderMismatch' },
  },
  {
    name: "another workspace's tray in the list is refused",
    as: 'admin',
    call: (s) => call('reorder', { entity: 'trays', ids: [...trayOrder(s).slice(1), s.other.tray] }),
    expect: { refused: 'errors.reorderMismatch' },
  },
  {
    name: 'a longer reopen window',
    as: 'admin',
    call: () => call('saveSettings', { patch: { reopenWindowHours: 48 } }),
    expect: { audit: 'settings.updated' },
    check: (s) => {
      expect(get(s.store, 'workspaces', { id: s.workspaceId })!.settings).toMatchObject({ reopenWindowHours: 48 });
      expect(lastAudit(s)).toMatchObject({
        entityId: s.workspaceId,
        before: { reopenWindowHours: 24 },
        after: { reopenWindowHours: 48 },
      });
    },
  },
  {
    name: 'switching off one note rule keeps the others',
    as: 'admin',
    setup: (s) => must(s, 'admin', call('saveSettings', { patch: { reopenWindowHours: 12 } })),
    call: () => call('saveSettings', { patch: { noteRules: { escalate: false } } }),
    expect: { audit: 'settings.updated' },
    check: (s) => {
      const settings = get(s.store, 'workspaces', { id: s.workspaceId })!.settings as {
        noteRules: Record<string, boolean>;
        reopenWindowHours: number;
      };
      expect(settings.reopenWindowHours).toBe(12);
      expect(settings.noteRules).toMatchObject({ escalate: false, moveToOtherTeam: true, resolveConfirmed: true });
      expect(lastAudit(s)).toMatchObject({
        before: { noteRules: { escalate: true } },
        after: { noteRules: { escalate: false } },
      });
    },
  },
  {
    name: 'a patch that changes nothing is a no-op',
    as: 'admin',
    call: () => call('saveSettings', { patch: { reopenWindowHours: 24, noteRules: { escalate: true } } }),
    expect: 'noop',
  },
  {
    name: 'a reopen window beyond 30 days is not a valid argument',
    as: 'admin',
    call: () => call('saveSettings', { patch: { reopenWindowHours: 24 * 31 } }),
    expect: { refused: 'errors.invalidInput' },
  },
];

/** Each settings mutation with arguments an admin could apply. */
const SETTINGS_CALLS: [string, (s: Seed) => Call][] = [
  ['saveTray', (s) => call('saveTray', { trayId: s.newId(), name: 'Nueva', team: 'nueva', active: true })],
  [
    'saveCategory',
    (s) => call('saveCategory', { categoryId: s.newId(), trayId: s.trays.support, name: 'Nueva', active: true }),
  ],
  ['saveTag', (s) => call('saveTag', { tagId: s.newId(), name: 'Nueva', color: '#123456' })],
  [
    'saveDisposition',
    (s) => call('saveDisposition', { dispositionId: s.newId(), name: 'Nueva', needsFollowUp: false, active: true }),
  ],
  ['reorder', (s) => call('reorder', { entity: 'trays', ids: [...trayOrder(s)].reverse() })],
  ['saveSettings', () => call('saveSettings', { patch: { reopenWindowHours: 1 } })],
  [
    'setTrayMembers',
    (s) => call('setTrayMembers', { trayId: s.trays.sales, agentIds: [s.agents.beto.id, s.agents.carla.id] }),
  ],
];

export const adminOnlyCases: Case[] = SETTINGS_CALLS.flatMap(([name, make]) =>
  (['ana', 'supervisor'] as const).map((who): Case => ({
    name: `${name} by ${who === 'ana' ? 'an agent' : 'a supervisor'} is refused: admins only`,
    as: who,
    call: make,
    expect: { refused: 'errors.adminOnly' },
  })),
);

/** The same calls succeed for an admin (so the refusals above are about the role, nothing else). */
export const adminAllowedCases: Case[] = SETTINGS_CALLS.map(([name, make]) => ({
  name: `${name} by an admin`,
  as: 'admin',
  call: make,
  expect: {
    audit:
      name === 'reorder'
        ? 'trays.reordered'
        : name === 'saveSettings'
          ? 'settings.updated'
          : name === 'setTrayMembers'
            ? 'tray.membersChanged'
            : `${name.slice(4).toLowerCase()}.created`,
  },
}));

/** Who works a tray: a whole list, only the difference written, agents of this workspace only. */
export const memberCases: Case[] = [
  {
    name: 'an admin adds one agent to a tray and removes another',
    as: 'admin',
    call: (s) => call('setTrayMembers', { trayId: s.trays.support, agentIds: [s.agents.ana.id, s.agents.beto.id] }),
    expect: { audit: 'tray.membersChanged' },
    check: (s) => {
      expect(
        find(s.store, 'tray_members', { trayId: s.trays.support })
          .map((m) => m.agentId)
          .sort(),
      ).toEqual([s.agents.ana.id, s.agents.beto.id].sort());
      expect(lastAudit(s)).toMatchObject({
        entity: 'settings',
        before: { removed: [s.agents.carla.id] },
        after: { added: [s.agents.beto.id] },
      });
    },
  },
  {
    name: 'the same members (in another order, repeated) is a no-op',
    as: 'admin',
    call: (s) =>
      call('setTrayMembers', {
        trayId: s.trays.support,
        agentIds: [s.agents.carla.id, s.agents.ana.id, s.agents.carla.id],
      }),
    expect: 'noop',
  },
  {
    name: 'an agent of another workspace cannot join',
    as: 'admin',
    call: (s) => call('setTrayMembers', { trayId: s.trays.support, agentIds: [s.other.admin] }),
    expect: { refused: 'errors.agentNotFound' },
  },
  {
    name: 'a tray of another workspace does not exist here',
    as: 'admin',
    call: (s) => call('setTrayMembers', { trayId: s.other.tray, agentIds: [] }),
    expect: { refused: 'errors.trayNotFound' },
  },
];

// A tiny workspace for the shared mutators' tests, built through the memory store's own insert (so it obeys
// the same keys and defaults): an admin, a supervisor, two agents in different trays and teams (plus a
// disabled one), the guide's trays and categories, tags, the four default dispositions, contacts with
// identities and companies, and conversations whose summary columns agree with their messages. A second
// workspace holds look-alike rows that must behave as missing. Ids are deterministic, so two seeds are equal.
import { DEFAULT_DISPOSITIONS, DEFAULT_TRAYS, type Role } from '../../src/shared';
import type { MutatorEnv } from '../../src/shared/mutators';
import type { ConversationRow } from '../../src/shared/rows';
import { createStore, get, insert, type MemoryStore, update } from './memory-store';

export const H = 60 * 60 * 1000;
export const MIN = 60 * 1000;
/** A fixed "now" (2026-05-28): every seeded time is relative to it. */
export const NOW = 1_780_000_000_000;

export type Who = 'admin' | 'supervisor' | 'ana' | 'beto' | 'carla';

/** Deterministic UUIDv7-shaped ids (valid for the zod Id schema). */
export function idMaker(prefix: string) {
  let n = 0;
  return () => `0190a000-${prefix}-7000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

/** The guide's categories (DEFAULT_TRAYS) plus an inactive one of Servicio y Soporte. */
export type CategoryKey =
  | 'leads'
  | 'campaigns'
  | 'info'
  | 'forms'
  | 'quotes'
  | 'followup'
  | 'negotiations'
  | 'faults'
  | 'technical'
  | 'warranty'
  | 'postsale'
  | 'obsolete';

export interface Seed {
  store: MemoryStore;
  now: number;
  workspaceId: string;
  /** A fresh id for a test's new row (deterministic per seed). */
  newId: () => string;
  agents: Record<Who, { id: string; role: Role; name: string }>;
  trays: Record<'global' | 'marketing' | 'sales' | 'support' | 'supportL2' | 'archive', string>;
  categories: Record<CategoryKey, string>;
  tags: { vip: string; complaint: string };
  dispositions: { resolved: string; followUp: string; escalated: string; unhappy: string; retired: string };
  companies: { acme: string; initech: string };
  contacts: { maria: string; luis: string; stranger: string };
  conversations: { unanswered: string; answered: string; stranger: string; closed: string; sales: string };
  messages: Record<'m1' | 'm2' | 'm3' | 'm4' | 'm5' | 'm6' | 'm7', string>;
  notes: { n1: string };
  tasks: { anaStandalone: string; betoStandalone: string };
  tickets: { k1: string };
  /** Look-alikes in another workspace. */
  other: {
    workspaceId: string;
    admin: string;
    tray: string;
    tag: string;
    company: string;
    contact: string;
    ticket: string;
    disposition: string;
    conversation: string;
  };
}

export function envFor(s: Seed, who: Who, side: MutatorEnv['side'] = 'client', at = s.now): MutatorEnv {
  const a = s.agents[who];
  return { side, actor: { id: a.id, role: a.role }, workspaceId: s.workspaceId, at };
}

/** A customer message arriving as the inbound pipeline stores it (summary columns included). */
export function customerWrites(s: Seed, conversationId: string, at: number, text: string): string {
  const id = s.newId();
  insert(s.store, 'messages', { id, conversationId, direction: 'inbound', authorKind: 'contact', text, createdAt: at });
  const conv = get(s.store, 'conversations', { id: conversationId })!;
  update(
    s.store,
    'conversations',
    { id: conversationId },
    {
      lastCustomerMessageAt: at,
      lastActivityAt: at,
      snippet: text,
      waitingSince: conv.waitingSince ?? at,
      updatedAt: at,
    },
  );
  return id;
}

export function seedStore(): Seed {
  const store = createStore();
  const id = idMaker('0000');
  const now = NOW;
  const workspaceId = id();
  insert(store, 'workspaces', {
    id: workspaceId,
    name: 'Acme Atención',
    timezone: 'America/Santiago',
    createdAt: now - 1000 * H,
  });

  const agent = (name: string, role: Role, active = true) => {
    const a = { id: id(), role, name };
    const email = `${name.split(' ')[0]!.toLowerCase()}@acme.cl`;
    insert(store, 'agents', { ...a, workspaceId, email, active, color: '#336699', createdAt: now - 900 * H });
    return a;
  };
  const agents = {
    admin: agent('Ada Admin', 'admin'),
    supervisor: agent('Sofía Supervisora', 'supervisor'),
    ana: agent('Ana Soto', 'agent'),
    beto: agent('Beto Rojas', 'agent'),
    carla: agent('Carla Díaz', 'agent', false),
  };

  const categories: Record<string, string> = {};
  const trayIds: Record<string, string> = {};
  const tray = (key: string, name: string, team: string, position: number, active = true) => {
    trayIds[key] = id();
    insert(store, 'trays', { id: trayIds[key], workspaceId, key, name, team, position, active });
    return trayIds[key]!;
  };
  DEFAULT_TRAYS.forEach((t, i) => {
    const trayId = tray(t.key, t.name, t.team, i);
    t.categories.forEach((c, j) => {
      categories[c.key] = id();
      insert(store, 'categories', { id: categories[c.key], trayId, key: c.key, name: c.name, position: j });
    });
  });
  tray('supportL2', 'Soporte avanzado', 'support', 4);
  tray('archive', 'Archivo', 'archive', 5, false);
  categories.obsolete = id();
  insert(store, 'categories', {
    id: categories.obsolete,
    trayId: trayIds.support!,
    key: 'obsolete',
    name: 'Obsoleta',
    position: 4,
    active: false,
  });
  const trays = trayIds as Seed['trays'];
  const member = (trayId: string, who: { id: string }) => insert(store, 'tray_members', { trayId, agentId: who.id });
  for (const t of [trays.global, trays.support, trays.supportL2]) member(t, agents.ana);
  member(trays.sales, agents.beto);
  member(trays.support, agents.carla);

  const tags = { vip: id(), complaint: id() };
  insert(store, 'tags', { id: tags.vip, workspaceId, name: 'VIP', color: '#aa0000' });
  insert(store, 'tags', { id: tags.complaint, workspaceId, name: 'Reclamo', color: '#00aa00' });

  // The guide's four defaults, in order, plus a retired one.
  const [resolved, followUp, escalated, unhappy, retired] = [id(), id(), id(), id(), id()] as const;
  const dispositions = { resolved, followUp, escalated, unhappy, retired };
  [resolved, followUp, escalated, unhappy].forEach((did, position) =>
    insert(store, 'dispositions', { id: did, workspaceId, position, ...DEFAULT_DISPOSITIONS[position]! }),
  );
  insert(store, 'dispositions', { id: retired, workspaceId, name: 'Antigua', position: 4, active: false });

  const companies = { acme: id(), initech: id() };
  insert(store, 'companies', { id: companies.acme, workspaceId, name: 'Acme Ltda.', domain: 'acme.cl' });
  insert(store, 'companies', { id: companies.initech, workspaceId, name: 'Initech' });

  const contacts = { maria: id(), luis: id(), stranger: id() };
  const contact = (cid: string, name: string, companyId: string | null, identities: ['phone' | 'email', string][]) => {
    insert(store, 'contacts', { id: cid, workspaceId, name, companyId, createdAt: now - 500 * H });
    for (const [kind, value] of identities)
      insert(store, 'contact_identities', { id: id(), contactId: cid, kind, value });
  };
  contact(contacts.maria, 'María Pérez', companies.acme, [
    ['phone', '+56911111111'],
    ['email', 'maria@acme.cl'],
  ]);
  contact(contacts.luis, 'Luis Soto', null, [['email', 'luis@correo.cl']]);
  // Only a phone number for a name: the note rules treat this contact as incomplete.
  contact(contacts.stranger, '+56 9 2222 2222', null, [['phone', '+56922222222']]);

  const channel = id();
  insert(store, 'channels', { id: channel, workspaceId, kind: 'whatsapp', name: 'WhatsApp', address: '+5620000000' });

  const messages = {} as Seed['messages'];
  const conversation = (
    row: Partial<ConversationRow> & { trayId: string; contactId: string; status: ConversationRow['status'] },
    startedAt: number,
  ) => {
    const cid = id();
    insert(store, 'conversations', {
      id: cid,
      workspaceId,
      channelId: channel,
      channelKind: 'whatsapp',
      lastActivityAt: startedAt,
      cycleStartedAt: startedAt,
      createdAt: startedAt,
      updatedAt: startedAt,
      ...row,
    });
    return cid;
  };
  const message = (key: keyof Seed['messages'], conversationId: string, at: number, text: string, agentId?: string) => {
    messages[key] = id();
    insert(store, 'messages', {
      id: messages[key],
      conversationId,
      direction: agentId ? 'outbound' : 'inbound',
      authorKind: agentId ? 'agent' : 'contact',
      authorAgentId: agentId ?? null,
      deliveryStatus: agentId ? 'sent' : null,
      text,
      createdAt: at,
    });
  };
  const cycle = (conversationId: string, startedAt: number, extra: Record<string, unknown> = {}) =>
    insert(store, 'conversation_cycles', { id: id(), conversationId, number: 1, startedAt, ...extra });

  // Open, assigned to Ana, the customer has waited two hours: nothing justifies closing it.
  const unanswered = conversation(
    {
      trayId: trays.support,
      categoryId: categories.faults,
      contactId: contacts.maria,
      status: 'open',
      assigneeId: agents.ana.id,
      snippet: 'Mi equipo no enciende',
      waitingSince: now - 2 * H,
      lastCustomerMessageAt: now - 2 * H,
    },
    now - 2 * H,
  );
  message('m1', unanswered, now - 2 * H, 'Mi equipo no enciende');
  cycle(unanswered, now - 2 * H);

  // Pending, answered an hour ago (a), tagged VIP, with a plain note.
  const answered = conversation(
    {
      trayId: trays.support,
      contactId: contacts.maria,
      status: 'pending',
      assigneeId: agents.ana.id,
      snippet: 'Te la envié por correo',
      lastActivityAt: now - H,
      lastCustomerMessageAt: now - 3 * H,
      lastHumanReplyAt: now - H,
      firstResponseAt: now - H,
    },
    now - 3 * H,
  );
  message('m2', answered, now - 3 * H, 'Necesito la factura de marzo');
  message('m3', answered, now - H, 'Te la envié por correo', agents.ana.id);
  cycle(answered, now - 3 * H, { firstHumanReplyAt: now - H });
  insert(store, 'conversation_tags', { conversationId: answered, tagId: tags.vip, createdAt: now - 2 * H });
  const notes = { n1: id() };
  insert(store, 'notes', {
    id: notes.n1,
    conversationId: answered,
    authorAgentId: agents.ana.id,
    body: 'Pidió la factura',
    createdAt: now - 90 * MIN,
  });

  // Triage: unassigned in Global, from a contact we only know by phone.
  const stranger = conversation(
    {
      trayId: trays.global,
      contactId: contacts.stranger,
      status: 'open',
      snippet: 'Quiero información',
      waitingSince: now - 30 * MIN,
      lastCustomerMessageAt: now - 30 * MIN,
    },
    now - 30 * MIN,
  );
  message('m4', stranger, now - 30 * MIN, 'Quiero información');
  cycle(stranger, now - 30 * MIN);

  // Resolved five hours ago, answered: its closure record is immutable.
  const closed = conversation(
    {
      trayId: trays.support,
      contactId: contacts.maria,
      status: 'resolved',
      assigneeId: agents.ana.id,
      snippet: 'Listo, ya quedó',
      lastActivityAt: now - 6 * H,
      lastCustomerMessageAt: now - 8 * H,
      lastHumanReplyAt: now - 6 * H,
      firstResponseAt: now - 6 * H,
      updatedAt: now - 5 * H,
    },
    now - 8 * H,
  );
  message('m5', closed, now - 8 * H, 'No puedo entrar a mi cuenta');
  message('m6', closed, now - 6 * H, 'Listo, ya quedó', agents.ana.id);
  cycle(closed, now - 8 * H, {
    firstHumanReplyAt: now - 6 * H,
    resolvedAt: now - 5 * H,
    resolvedBy: agents.ana.id,
    dispositionId: dispositions.resolved,
    justification: 'answered',
    resolvedTrayId: trays.support,
  });

  // Sales, Beto's: Ana cannot see this tray.
  const sales = conversation(
    {
      trayId: trays.sales,
      categoryId: categories.quotes,
      contactId: contacts.luis,
      status: 'open',
      assigneeId: agents.beto.id,
      snippet: '¿Precio por 10 unidades?',
      lastActivityAt: now - H,
      waitingSince: now - H,
      lastCustomerMessageAt: now - H,
    },
    now - H,
  );
  message('m7', sales, now - H, '¿Precio por 10 unidades?');
  cycle(sales, now - H);

  const tasks = { anaStandalone: id(), betoStandalone: id() };
  const task = (tid: string, who: { id: string }, title: string) =>
    insert(store, 'tasks', {
      id: tid,
      workspaceId,
      title,
      dueAt: now + 24 * H,
      assigneeId: who.id,
      createdBy: who.id,
      createdAt: now - H,
      updatedAt: now - H,
    });
  task(tasks.anaStandalone, agents.ana, 'Llamar a proveedor de repuestos');
  task(tasks.betoStandalone, agents.beto, 'Preparar lista de precios');

  const tickets = { k1: id() };
  insert(store, 'tickets', {
    id: tickets.k1,
    workspaceId,
    number: 1,
    subject: 'Cotización grande',
    status: 'open',
    priority: 'high',
    createdBy: agents.beto.id,
    createdAt: now - H,
    updatedAt: now - H,
  });
  insert(store, 'conversation_tickets', { conversationId: sales, ticketId: tickets.k1, createdAt: now - H });
  store.ticketNumbers.set(workspaceId, 1);

  return {
    store,
    now,
    workspaceId,
    newId: idMaker('1111'),
    agents,
    trays,
    categories: categories as Seed['categories'],
    tags,
    dispositions,
    companies,
    contacts,
    conversations: { unanswered, answered, stranger, closed, sales },
    messages,
    notes,
    tasks,
    tickets,
    other: seedOtherWorkspace(store, id),
  };
}

/** Another tenant: every id here must behave like a missing one from the main workspace. */
function seedOtherWorkspace(store: MemoryStore, id: () => string): Seed['other'] {
  const now = NOW;
  const o = {
    workspaceId: id(),
    admin: id(),
    tray: id(),
    tag: id(),
    company: id(),
    contact: id(),
    ticket: id(),
    disposition: id(),
    conversation: id(),
  };
  const workspaceId = o.workspaceId;
  insert(store, 'workspaces', { id: workspaceId, name: 'Otra', timezone: 'UTC', createdAt: now });
  insert(store, 'agents', {
    id: o.admin,
    workspaceId,
    name: 'Otro Admin',
    email: 'admin@otra.cl',
    role: 'admin',
    color: '#000000',
    createdAt: now,
  });
  insert(store, 'trays', { id: o.tray, workspaceId, key: 'global', name: 'Global', team: 'global', position: 0 });
  insert(store, 'tags', { id: o.tag, workspaceId, name: 'Externa', color: '#123456' });
  insert(store, 'companies', { id: o.company, workspaceId, name: 'Globex' });
  insert(store, 'contacts', { id: o.contact, workspaceId, name: 'Homero Simpson', createdAt: now });
  insert(store, 'contact_identities', { id: id(), contactId: o.contact, kind: 'email', value: 'homero@globex.com' });
  insert(store, 'tickets', {
    id: o.ticket,
    workspaceId,
    number: 1,
    subject: 'Ajeno',
    status: 'open',
    priority: 'low',
    createdBy: o.admin,
    createdAt: now,
    updatedAt: now,
  });
  insert(store, 'dispositions', { id: o.disposition, workspaceId, name: 'Consulta resuelta', position: 0 });
  const channel = id();
  insert(store, 'channels', { id: channel, workspaceId, kind: 'email', name: 'Correo', address: 'hola@otra.cl' });
  insert(store, 'conversations', {
    id: o.conversation,
    workspaceId,
    contactId: o.contact,
    channelId: channel,
    channelKind: 'email',
    trayId: o.tray,
    status: 'open',
    lastActivityAt: now,
    cycleStartedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  insert(store, 'conversation_cycles', { id: id(), conversationId: o.conversation, number: 1, startedAt: now });
  store.ticketNumbers.set(workspaceId, 1);
  return o;
}

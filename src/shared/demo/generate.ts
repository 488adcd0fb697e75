// The demo workspace "Seguros Andes" as a stream of plain rows: agents, the guide's trays, channels,
// contacts with identities and companies, ~2,000 conversations with messages, notes, tags and cycles —
// resolved ones with their closure record (disposition, justification) — the default dispositions, tasks
// (some overdue, some of the "me" agent) and support tickets.
// One generator, two writers: the desktop core's SQLite seed (src/core/demo/seed.ts) and the server's
// demo workspace (src/server/services/demo-workspace.ts), so both hold the same data for a seed + clock,
// ids included. Rows come parents first (a conversation before its messages), so a writer can insert
// them as they arrive. The order of random draws is the data: reordering them changes every row after.
// Rows added with the guide's rules (dispositions, closures, tasks, tickets, documentation of derived
// closures) draw from a second stream, so everything the first stream made — conversations, contacts,
// their ids — stays what it was for a seed + clock.
import { DEFAULT_DISPOSITIONS } from '../dispositions';
import { DEFAULT_TRAYS } from '../trays';
import type { ChannelKind, Priority, Status } from '../domain';
import type { Justification } from '../rules/closing-policy';
import type {
  AgentRow,
  AuditLogRow,
  CategoryRow,
  ChannelRow,
  CompanyRow,
  ContactIdentityRow,
  ContactRow,
  ConversationCycleRow,
  ConversationRow,
  ConversationTagRow,
  ConversationTicketRow,
  DispositionRow,
  MessageRow,
  NoteRow,
  TagRow,
  TaskRow,
  TicketRow,
  TrayMemberRow,
  TrayRow,
  WorkspaceRow,
} from '../rows';
import { createRandom, type DemoRandom } from './random';
import {
  DEMO_AGENTS,
  DEMO_CHANNELS,
  DEMO_TAGS,
  EXTRA_AGENT,
  EXTRA_CUSTOMER,
  SCENARIOS,
  type Scenario,
} from './scripts';

export const DEMO_DEFAULT_SEED = 2026;
export const DEMO_DEFAULT_CONVERSATIONS = 2000;
export const DEMO_WORKSPACE_NAME = 'Seguros Andes';
export const DEMO_TIMEZONE = 'America/Santiago';

export interface DemoGenerateOptions {
  seed?: number;
  conversations?: number;
  /** Extra customer/agent chatter appended to every scripted thread (benchmarks use it for 1M messages). */
  extraMessagesPerConversation?: number;
  /** The agent who gets the "assigned to me" share (index into DEMO_AGENTS; default Ana Torres). */
  meIndex?: number;
}

// Rows in the client's shape (src/shared/rows.ts, as the replica and the change log hold them); server-only
// columns are the writer's job. A few are narrowed where the generator knows more than the table says.
export type DemoWorkspaceRow = WorkspaceRow;
export type DemoAgentRow = AgentRow;
export type DemoTrayRow = TrayRow;
export type DemoCategoryRow = CategoryRow;
export type DemoTrayMemberRow = TrayMemberRow;
export type DemoChannelRow = ChannelRow;
export type DemoTagRow = TagRow;
export type DemoCompanyRow = CompanyRow;
export type DemoContactRow = ContactRow;
export type DemoIdentityRow = ContactIdentityRow;
/** The version is the server's (0 on a fresh replica); the channel kind is one of the known ones. */
export type DemoConversationRow = Omit<ConversationRow, 'version' | 'channelKind'> & { channelKind: ChannelKind };
export type DemoCycleRow = Omit<ConversationCycleRow, 'justification'> & { justification: Justification | null };
/** A seeded reply never failed to deliver: no delivery error. */
export type DemoMessageRow = Omit<MessageRow, 'deliveryError'>;
export type DemoNoteRow = NoteRow;
export type DemoDispositionRow = DispositionRow;
export type DemoTaskRow = TaskRow;
export type DemoTicketRow = TicketRow;
export type DemoConversationTicketRow = ConversationTicketRow;
export type DemoConversationTagRow = ConversationTagRow;
export type DemoAuditRow = AuditLogRow & { actorKind: 'system' | 'agent' };

export type DemoRow =
  | { table: 'workspaces'; row: DemoWorkspaceRow }
  | { table: 'agents'; row: DemoAgentRow }
  | { table: 'trays'; row: DemoTrayRow }
  | { table: 'categories'; row: DemoCategoryRow }
  | { table: 'tray_members'; row: DemoTrayMemberRow }
  | { table: 'channels'; row: DemoChannelRow }
  | { table: 'tags'; row: DemoTagRow }
  | { table: 'dispositions'; row: DemoDispositionRow }
  | { table: 'companies'; row: DemoCompanyRow }
  | { table: 'contacts'; row: DemoContactRow }
  | { table: 'contact_identities'; row: DemoIdentityRow }
  | { table: 'conversations'; row: DemoConversationRow }
  | { table: 'messages'; row: DemoMessageRow }
  | { table: 'conversation_cycles'; row: DemoCycleRow }
  | { table: 'conversation_tags'; row: DemoConversationTagRow }
  | { table: 'audit_log'; row: DemoAuditRow }
  | { table: 'notes'; row: DemoNoteRow }
  | { table: 'tickets'; row: DemoTicketRow }
  | { table: 'conversation_tickets'; row: DemoConversationTicketRow }
  | { table: 'tasks'; row: DemoTaskRow };
export type DemoTable = DemoRow['table'];

/** What the generator returns when done. */
export interface DemoSummary {
  workspaceId: string;
  /** The agent at `meIndex`. */
  meId: string;
  seed: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Offset of the second random stream's seed (see the header). */
const WORK_STREAM = 4_004;
/** Shares drawn per conversation from the second stream. */
const TICKET_SHARE = 0.1; // of Servicio y Soporte conversations
const OPEN_TASK_SHARE = 0.09; // of conversations not resolved
const ME_TASK_SHARE = 0.35; // of those tasks, when the "me" agent sees the tray
const LINKED_WORK_SHARE = 0.55; // of resolved conversations the agent did not answer last (else: derived)

/** Follow-up tasks of a conversation, by tray key. `{name}`: the contact's first name. */
const TASK_TITLES: Record<string, string[]> = {
  global: ['Clasificar la consulta de {name} y derivarla', 'Completar los datos de contacto de {name}'],
  marketing: ['Enviar a {name} la información de la campaña', 'Registrar a {name} como lead de la campaña'],
  sales: ['Enviar la propuesta a {name}', 'Llamar a {name} para cerrar la venta'],
  support: ['Confirmar con {name} que el problema quedó resuelto', 'Pedir a TI el estado del caso de {name}'],
};
const FOLLOW_UP_TITLE = 'Volver a contactar a {name} para confirmar que todo sigue bien';
const DONE_TITLE = 'Llamar a {name} para confirmar la solución';
/** Workspace tasks of no conversation: [title, assignee ("me", "supervisor", none), due in hours from now]. */
const STANDALONE_TASKS: [string, 'me' | 'supervisor' | null, number | null][] = [
  ['Revisar los cierres de la semana con el equipo', 'supervisor', 48],
  ['Actualizar las respuestas rápidas de renovación', 'me', -5],
  ['Preparar el resumen de reclamos del mes', 'me', 72],
  ['Coordinar con el proveedor de grúas los tiempos de espera', null, null],
];
/** Contacts outside the CRM of derived closures: the note's "Canal externo" and how the agent answered. */
const EXTERNAL_ES: Record<'phone' | 'whatsappDirect', { channel: string; by: string }> = {
  phone: { channel: 'Llamada telefónica', by: 'teléfono' },
  whatsappDirect: { channel: 'WhatsApp directo', by: 'WhatsApp directo' },
};
const SCENARIO_MAX_TURNS = Math.max(...Object.values(SCENARIOS).flatMap((list) => list.map((x) => x.turns.length)));

function weighted<T extends { weight: number }>(r: DemoRandom, items: readonly T[]): T {
  let x = r.float();
  for (const item of items) {
    x -= item.weight;
    if (x <= 0) return item;
  }
  return items[items.length - 1]!;
}

function pickStatus(r: DemoRandom): Status {
  const x = r.float();
  return x < 0.36 ? 'open' : x < 0.56 ? 'pending' : x < 0.66 ? 'snoozed' : 'resolved';
}

/** Lower-case ASCII letters (plus whatever `keep` spares) for demo addresses: "José Pérez" → "joseperez". */
const asciiLetters = (s: string, keep: RegExp) => s.toLowerCase().normalize('NFD').replace(keep, '');

/** Same seed + same `now` → the same rows in the same order, ids included. */
export function* generateDemoWorkspace(
  now: number,
  options: DemoGenerateOptions = {},
): Generator<DemoRow, DemoSummary, undefined> {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const r = createRandom(seed);
  /** The second stream: dispositions, closures, tasks, tickets (see the header). */
  const w = createRandom(seed + WORK_STREAM);
  const total = options.conversations ?? DEMO_DEFAULT_CONVERSATIONS;
  const extra = options.extraMessagesPerConversation ?? 0;
  const base = Math.floor(now / HOUR) * HOUR;

  const t0 = base - 60 * DAY;
  const workspaceId = r.id(t0);
  yield {
    table: 'workspaces',
    row: { id: workspaceId, name: DEMO_WORKSPACE_NAME, timezone: DEMO_TIMEZONE, createdAt: t0, settings: {} },
  };

  const agents = DEMO_AGENTS.map((a) => ({ ...a, id: r.id(t0) }));
  for (const a of agents) {
    const { id, name, email, role, color } = a;
    yield { table: 'agents', row: { id, workspaceId, name, email, role, active: true, color, createdAt: t0 } };
  }
  const me = agents[options.meIndex ?? 0]!;

  const trays: { id: string; key: string; team: string; categories: { key: string; id: string }[] }[] = [];
  for (const [position, t] of DEFAULT_TRAYS.entries()) {
    const id = r.id(t0);
    yield { table: 'trays', row: { id, workspaceId, key: t.key, name: t.name, team: t.team, position, active: true } };
    const categories: { key: string; id: string }[] = [];
    for (const [i, c] of t.categories.entries()) {
      const cid = r.id(t0);
      yield { table: 'categories', row: { id: cid, trayId: id, key: c.key, name: c.name, position: i, active: true } };
      categories.push({ key: c.key, id: cid });
    }
    for (const a of agents)
      if (a.teams.includes(t.team)) yield { table: 'tray_members', row: { trayId: id, agentId: a.id } };
    trays.push({ id, key: t.key, team: t.team, categories });
  }

  const channels = DEMO_CHANNELS.map((c) => ({ ...c, id: r.id(t0) }));
  for (const c of channels) {
    yield { table: 'channels', row: { id: c.id, workspaceId, kind: c.kind, name: c.name, address: c.address } };
  }

  const tagIds = new Map<string, string>();
  for (const t of DEMO_TAGS) {
    const id = r.id(t0);
    yield { table: 'tags', row: { id, workspaceId, name: t.name, color: t.color } };
    tagIds.set(t.name, id);
  }

  // The guide's calificaciones, in its order: [0] resolved, [1] needs follow-up, [2] escalated, [3] unhappy.
  const dispositions = DEFAULT_DISPOSITIONS.map((d, position) => ({ ...d, id: w.id(t0), position }));
  for (const d of dispositions) {
    const { id, name, needsFollowUp, position } = d;
    yield { table: 'dispositions', row: { id, workspaceId, name, needsFollowUp, position, active: true } };
  }
  let ticketNumber = 0;

  const companies: { id: string; domain: string }[] = [];
  for (let i = 0; i < Math.max(20, Math.round(total / 25)); i++) {
    const id = r.id(t0);
    const name = r.faker.company.name();
    const domain = `${asciiLetters(name, /[^a-z]/g).slice(0, 14) || 'empresa'}.cl`;
    yield { table: 'companies', row: { id, workspaceId, name, domain } };
    companies.push({ id, domain });
  }

  // Identities are unique per (kind, value, channel): a repeat (a returning Instagram contact, a rare
  // phone clash) is dropped here, after its id was drawn, exactly as the first SQLite seed's INSERT OR IGNORE.
  const identityKeys = new Set<string>();
  function* identity(row: DemoIdentityRow): Generator<DemoRow, void, undefined> {
    const key = `${row.kind}\u0000${row.value}\u0000${row.channelKind}`;
    if (identityKeys.has(key)) return;
    identityKeys.add(key);
    yield { table: 'contact_identities', row };
  }

  // Some contacts write more than once: about 1.4 conversations per contact.
  type Contact = { id: string; name: string; first: string; phone: string; email: string; handle: string };
  const contacts: Contact[] = [];
  function* contactFor(createdAt: number): Generator<DemoRow, Contact, undefined> {
    if (contacts.length > 10 && r.chance(0.3)) return r.pick(contacts);
    const first = r.faker.person.firstName();
    const last = r.faker.person.lastName();
    const id = r.id(createdAt);
    const company = r.chance(0.35) ? r.pick(companies) : null;
    const slug = asciiLetters(`${first}.${last}`, /[^a-z.]/g);
    const email = `${slug}${contacts.length}@${company ? company.domain : r.pick(['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com'])}`;
    const phone = `+56 9 ${r.int(1000, 9999)} ${r.int(1000, 9999)}`;
    const contact = {
      id,
      name: `${first} ${last}`,
      first,
      phone,
      email,
      handle: `${slug.replace('.', '_')}${r.int(1, 99)}`,
    };
    yield {
      table: 'contacts',
      row: { id, workspaceId, name: contact.name, companyId: company?.id ?? null, createdAt },
    };
    yield* identity({ id: r.id(createdAt), contactId: id, kind: 'phone', value: phone, channelKind: '' });
    yield* identity({ id: r.id(createdAt), contactId: id, kind: 'email', value: email, channelKind: '' });
    contacts.push(contact);
    return contact;
  }

  const scenarioKeys = Object.keys(SCENARIOS);
  for (let n = 0; n < total; n++) {
    // Recent days are busier: most conversations started in the last week.
    const age = Math.floor(Math.pow(r.float(), 2.2) * 45 * DAY) + r.int(0, 50) * 60_000;
    const turnCount = SCENARIO_MAX_TURNS + extra;
    const gaps = Array.from({ length: turnCount }, (_, i) => r.int(1, i % 2 === 0 ? 40 : 90) * 60_000);
    // Every message lies in the past: start early enough for the whole thread to fit before now.
    let t = Math.min(base - age, base - gaps.reduce((a, b) => a + b, 0) - 60_000);
    const channel = weighted(r, channels);
    const contact = yield* contactFor(t);
    if (channel.kind === 'instagram' || channel.kind === 'facebook') {
      const value = `${channel.kind}:${contact.handle}`;
      yield* identity({ id: r.id(t), contactId: contact.id, kind: 'external', value, channelKind: channel.kind });
    }
    const key = r.chance(0.15) ? 'global:' : r.pick(scenarioKeys);
    const scenario: Scenario = r.pick(SCENARIOS[key]!);
    const [trayKey, catKey] = key.split(':') as [string, string];
    const tray = trays.find((x) => x.key === trayKey)!;
    const category = catKey ? (tray.categories.find((c) => c.key === catKey) ?? null) : null;
    const status = pickStatus(r);
    const candidates = agents.filter((a) => a.teams.includes(tray.team));
    // "Me" only where I work: the guide's owner must be able to see the tray (the assign rule refuses it too).
    const assignee =
      trayKey === 'global' && r.chance(0.7)
        ? null
        : r.chance(0.12)
          ? null
          : r.chance(0.22) && me.teams.includes(tray.team)
            ? me
            : r.pick(candidates);
    const id = r.id(t);
    const turns = status === 'open' && scenario.turns.length % 2 === 0 ? scenario.turns.slice(0, -1) : scenario.turns;
    const replier = assignee ?? r.pick(candidates);
    const fill = (text: string) =>
      text.replace('{name}', contact.first).replace('{agent}', replier.name.split(' ')[0]!);
    let firstReply: number | null = null;
    let waitingSince: number | null = null;
    let lastText = '';
    const start = t;
    // The conversation row needs the whole thread (snippet, reply times): messages wait for it.
    const thread: DemoMessageRow[] = [];
    const addMessage = (turn: number, text: string, file?: Scenario['customerFile']) => {
      const inbound = turn % 2 === 0;
      const mid = r.id(t);
      const attachments = file
        ? JSON.stringify([{ id: r.id(t), name: file.name, mime: file.mime, size: file.size, url: file.url }])
        : '[]';
      thread.push({
        id: mid,
        conversationId: id,
        direction: inbound ? 'inbound' : 'outbound',
        authorKind: inbound ? 'contact' : 'agent',
        authorAgentId: inbound ? null : replier.id,
        text: fill(text),
        attachments,
        channelMessageId: `${channel.kind}.${mid.slice(-12)}`,
        deliveryStatus: inbound ? null : r.pick(['delivered', 'read', 'read'] as const),
        createdAt: t,
      });
      if (inbound) waitingSince ??= t;
      else {
        firstReply ??= t;
        waitingSince = null;
      }
      lastText = text;
    };
    turns.forEach((text, i) => {
      const file =
        scenario.customerFile?.index === i
          ? scenario.customerFile
          : scenario.agentFile?.index === i
            ? scenario.agentFile
            : undefined;
      addMessage(i, text, file);
      t += gaps[i]!;
    });
    for (let e = 0; e < extra; e++) {
      const turn = turns.length + e;
      addMessage(turn, turn % 2 === 0 ? r.pick(EXTRA_CUSTOMER) : r.pick(EXTRA_AGENT));
      t += gaps[SCENARIO_MAX_TURNS + e]!;
    }
    const lastActivity = Math.min(t, base);
    const snoozedUntil = status === 'snoozed' ? base + r.int(1, 7 * 24) * HOUR : null;
    const priority: Priority = r.chance(0.08) ? 'high' : r.chance(0.03) ? 'urgent' : 'normal';

    // The guide's record of the thread (second stream from here on): the closing policy's a) and d) columns,
    // tickets and tasks, and how a resolved conversation was closed.
    const last = thread[thread.length - 1]!;
    let lastCustomerMessageAt: number | null = null;
    let lastHumanReplyAt: number | null = null;
    for (const m of thread) {
      if (m.authorKind === 'contact') lastCustomerMessageAt = m.createdAt;
      else lastHumanReplyAt = m.createdAt;
    }
    const resolved = status === 'resolved';
    const fillName = (text: string) => text.replace('{name}', contact.first);
    let ticket: DemoTicketRow | null = null;
    if (trayKey === 'support' && w.chance(TICKET_SHARE)) {
      const createdAt = firstReply ?? lastActivity;
      ticket = {
        id: w.id(createdAt),
        workspaceId,
        number: ++ticketNumber,
        subject: `${scenario.subject} — ${contact.name}`,
        status: resolved
          ? w.chance(0.7)
            ? 'closed'
            : 'inProgress'
          : w.pick(['open', 'inProgress', 'waiting'] as const),
        priority,
        createdBy: replier.id,
        createdAt,
        updatedAt: lastActivity,
      };
    }
    const extraNotes: DemoNoteRow[] = [];
    let task: DemoTaskRow | null = null;
    const taskOf = (
      title: string,
      assigneeId: string | null,
      createdAt: number,
      dueAt: number | null,
    ): DemoTaskRow => ({
      id: w.id(createdAt),
      workspaceId,
      conversationId: id,
      title: fillName(title),
      dueAt,
      assigneeId,
      done: false,
      doneAt: null,
      doneBy: null,
      createdBy: replier.id,
      createdAt,
      updatedAt: createdAt,
    });
    let justification: Justification | null = null;
    if (!resolved) {
      if (w.chance(OPEN_TASK_SHARE)) {
        const mine = me.teams.includes(tray.team) && w.chance(ME_TASK_SHARE);
        const due = w.chance(0.15)
          ? null
          : w.chance(0.45)
            ? Math.max(lastActivity + HOUR, base - w.int(1, 72) * HOUR) // overdue (unless created just now)
            : base + w.int(2, 120) * HOUR;
        task = taskOf(w.pick(TASK_TITLES[trayKey]!), mine ? me.id : (assignee ?? replier).id, lastActivity, due);
      }
    } else if (last.direction === 'outbound') {
      justification = 'answered'; // a) the agent had the last word
    } else if (ticket || w.chance(LINKED_WORK_SHARE)) {
      justification = 'linkedWork'; // c) a ticket, or a task: a follow-up still open, or a call made
      if (!ticket) {
        const createdAt = last.createdAt + 20_000;
        const doneAt = lastActivity - 10_000; // just before the resolution
        task = w.chance(0.5)
          ? taskOf(FOLLOW_UP_TITLE, replier.id, createdAt, lastActivity + w.int(24, 120) * HOUR)
          : {
              ...taskOf(DONE_TITLE, replier.id, createdAt, null),
              done: true,
              doneAt,
              doneBy: replier.id,
              updatedAt: doneAt,
            };
      }
    } else {
      // b) derived to another channel and documented: the contact outside the CRM and the descriptive note.
      justification = 'derived';
      const channelKey = w.chance(0.7) ? ('phone' as const) : ('whatsappDirect' as const);
      const where = EXTERNAL_ES[channelKey];
      const occurredAt = last.createdAt + 20_000;
      const summary = `Se habló con ${contact.first} por ${where.by}: recibió la respuesta y no necesita nada más.`;
      const fields = {
        context: `${scenario.subject}: ${contact.first} pidió seguir la conversación fuera del chat.`,
        actions: `Se le respondió por ${where.by} y se resolvió la consulta.`,
        externalChannel: `${where.channel} con ${contact.first} (${contact.phone}).`,
      };
      const note = { conversationId: id, authorAgentId: replier.id, mentions: [] };
      extraNotes.push(
        {
          ...note,
          id: w.id(occurredAt),
          body: summary,
          createdAt: occurredAt + 10_000,
          kind: 'external',
          fields: null,
          externalChannel: channelKey,
          occurredAt,
        },
        {
          ...note,
          id: w.id(occurredAt),
          body: `Contexto: ${fields.context}\nAcciones realizadas: ${fields.actions}\nCanal externo: ${fields.externalChannel}`,
          createdAt: occurredAt + 20_000,
          kind: 'descriptive',
          fields,
          externalChannel: null,
          occurredAt: null,
        },
      );
    }
    const disposition = !resolved
      ? null
      : ticket
        ? dispositions[2]!
        : task && !task.done && task.dueAt !== null
          ? dispositions[1]!
          : scenario.tags.includes('Reclamo')
            ? dispositions[3]!
            : dispositions[0]!;
    yield {
      table: 'conversations',
      row: {
        id,
        workspaceId,
        contactId: contact.id,
        channelId: channel.id,
        channelKind: channel.kind,
        trayId: tray.id,
        categoryId: category?.id ?? null,
        status,
        assigneeId: assignee?.id ?? null,
        priority,
        subject: scenario.subject,
        snippet: fill(lastText).slice(0, 200),
        snoozedUntil,
        lastActivityAt: lastActivity,
        waitingSince,
        firstResponseAt: firstReply,
        cycle: 1,
        cycleStartedAt: start,
        createdAt: start,
        updatedAt: lastActivity,
        lastCustomerMessageAt,
        lastHumanReplyAt,
        linkedFromId: null,
        snoozedBy: status === 'snoozed' ? replier.id : null,
        followUpAt: null,
        followUpBy: null,
      },
    };
    for (const row of thread) yield { table: 'messages', row };
    yield {
      table: 'conversation_cycles',
      row: {
        id: r.id(start),
        conversationId: id,
        number: 1,
        startedAt: start,
        firstHumanReplyAt: firstReply,
        resolvedAt: resolved ? lastActivity : null,
        resolvedBy: resolved ? replier.id : null,
        dispositionId: disposition?.id ?? null,
        justification,
        resolvedTrayId: resolved ? tray.id : null,
        confirmedMessageId: null,
      },
    };
    for (const tagName of scenario.tags) {
      if (r.chance(0.8))
        yield {
          table: 'conversation_tags',
          row: { conversationId: id, tagId: tagIds.get(tagName)!, createdAt: start },
        };
    }
    yield {
      table: 'audit_log',
      row: {
        id: r.id(start),
        workspaceId,
        actorId: null,
        actorKind: 'system',
        action: 'conversation.created',
        entity: 'conversation',
        entityId: id,
        conversationId: id,
        before: null,
        after: { trayId: tray.id, channelKind: channel.kind },
        at: start,
      },
    };
    if (scenario.note && r.chance(0.6)) {
      yield {
        table: 'notes',
        row: {
          id: r.id(t),
          conversationId: id,
          authorAgentId: replier.id,
          body: scenario.note,
          createdAt: Math.min(t, base),
          kind: 'plain',
          fields: null,
          externalChannel: null,
          occurredAt: null,
          mentions: [],
        },
      };
    }
    for (const row of extraNotes) yield { table: 'notes', row };
    if (ticket) {
      yield { table: 'tickets', row: ticket };
      yield {
        table: 'conversation_tickets',
        row: { conversationId: id, ticketId: ticket.id, createdAt: ticket.createdAt },
      };
    }
    if (task) yield { table: 'tasks', row: task };
    if (resolved) {
      yield {
        table: 'audit_log',
        row: {
          id: w.id(lastActivity),
          workspaceId,
          actorId: replier.id,
          actorKind: 'agent',
          action: 'conversation.resolved',
          entity: 'conversation',
          entityId: id,
          conversationId: id,
          before: { status: 'open' },
          after: { status: 'resolved', cycle: 1, dispositionId: disposition!.id, justification },
          at: lastActivity,
        },
      };
    }
  }

  // Work of no conversation, workspace-wide: some for the "me" agent (one overdue), one for a supervisor.
  const supervisor = agents.find((a) => a.role === 'supervisor') ?? me;
  const admin = agents.find((a) => a.role === 'admin') ?? supervisor;
  for (const [i, [title, who, dueInHours]] of STANDALONE_TASKS.entries()) {
    const createdAt = base - (i + 1) * DAY;
    const assigneeId = who === 'me' ? me.id : who === 'supervisor' ? supervisor.id : null;
    yield {
      table: 'tasks',
      row: {
        id: w.id(createdAt),
        workspaceId,
        conversationId: null,
        title,
        dueAt: dueInHours === null ? null : base + dueInHours * HOUR,
        assigneeId,
        done: false,
        doneAt: null,
        doneBy: null,
        createdBy: admin.id,
        createdAt,
        updatedAt: createdAt,
      },
    };
  }
  return { workspaceId, meId: me.id, seed };
}

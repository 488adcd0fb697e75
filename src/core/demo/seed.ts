// Deterministic demo workspace "Seguros Andes": agents, the guide's trays, channels, contacts with
// identities and companies, ~2,000 conversations with messages, notes, tags and cycles.
// Raw prepared statements in one transaction: the benchmark reuses this for 100k conversations.
import { DEFAULT_TRAYS, type ChannelKind, type Status } from '../../shared';
import { setMeta } from '../db/meta';
import type { Db, Sqlite } from '../db/open';
import { createRandom, type DemoRandom } from './random';
import { DEMO_AGENTS, DEMO_TAGS, SCENARIOS, type Scenario } from './scripts';

export interface DemoOptions {
  seed?: number;
  conversations?: number;
  /** Extra customer/agent chatter appended to every scripted thread (benchmarks use it for 1M messages). */
  extraMessagesPerConversation?: number;
  /** Which demo agent is signed in on this device (index into the agent list; default Ana Torres). */
  meIndex?: number;
}

const HOUR = 3_600_000;
const SCENARIO_MAX_TURNS = Math.max(...Object.values(SCENARIOS).flatMap((list) => list.map((x) => x.turns.length)));
const DAY = 24 * HOUR;

const CHANNELS: {
  kind: ChannelKind;
  name: string;
  address: string;
  weight: number;
}[] = [
  {
    kind: 'whatsapp',
    name: 'WhatsApp Business',
    address: '+56 2 2345 6789',
    weight: 0.45,
  },
  {
    kind: 'email',
    name: 'Correo de contacto',
    address: 'contacto@segurosandes.cl',
    weight: 0.22,
  },
  {
    kind: 'webchat',
    name: 'Chat web',
    address: 'segurosandes.cl',
    weight: 0.15,
  },
  {
    kind: 'facebook',
    name: 'Facebook',
    address: 'facebook.com/segurosandes',
    weight: 0.09,
  },
  {
    kind: 'instagram',
    name: 'Instagram',
    address: '@segurosandes',
    weight: 0.09,
  },
];

const EXTRA_CUSTOMER = [
  '¿Me confirmas por favor?',
  'Ok, gracias',
  'Perfecto',
  '¿Y eso cuánto demora?',
  'Quedo atento',
  'Una consulta más',
];
const EXTRA_AGENT = [
  'Claro, te confirmo en unos minutos.',
  'Quedó registrado.',
  'Lo reviso y te aviso.',
  'Gracias por tu paciencia.',
];

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

export function seedDemoWorkspace(db: Db, sqlite: Sqlite, now: number, options: DemoOptions = {}): void {
  const r = createRandom(options.seed ?? 2026);
  const total = options.conversations ?? 2000;
  const extra = options.extraMessagesPerConversation ?? 0;
  const base = Math.floor(now / HOUR) * HOUR;
  const S = (sql: string) => sqlite.prepare(sql);

  const insert = {
    workspace: S('INSERT INTO workspaces (id, name, timezone, created_at) VALUES (?, ?, ?, ?)'),
    agent: S(
      'INSERT INTO agents (id, workspace_id, name, email, role, active, color, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
    ),
    tray: S('INSERT INTO trays (id, workspace_id, key, name, team, position, active) VALUES (?, ?, ?, ?, ?, ?, 1)'),
    category: S('INSERT INTO categories (id, tray_id, key, name, position, active) VALUES (?, ?, ?, ?, ?, 1)'),
    member: S('INSERT INTO tray_members (tray_id, agent_id) VALUES (?, ?)'),
    channel: S('INSERT INTO channels (id, workspace_id, kind, name, address) VALUES (?, ?, ?, ?, ?)'),
    company: S('INSERT INTO companies (id, workspace_id, name, domain) VALUES (?, ?, ?, ?)'),
    contact: S('INSERT INTO contacts (id, workspace_id, name, company_id, created_at) VALUES (?, ?, ?, ?, ?)'),
    identity: S(
      'INSERT OR IGNORE INTO contact_identities (id, contact_id, kind, value, channel_kind) VALUES (?, ?, ?, ?, ?)',
    ),
    tag: S('INSERT INTO tags (id, workspace_id, name, color) VALUES (?, ?, ?, ?)'),
    conversation:
      S(`INSERT INTO conversations (id, workspace_id, contact_id, channel_id, channel_kind, tray_id, category_id, status,
      assignee_id, priority, subject, snippet, snoozed_until, last_activity_at, waiting_since, first_response_at, cycle,
      cycle_started_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 0)`),
    conversationTag: S(
      'INSERT OR IGNORE INTO conversation_tags (conversation_id, tag_id, created_at) VALUES (?, ?, ?)',
    ),
    cycle:
      S(`INSERT INTO conversation_cycles (id, conversation_id, number, started_at, first_human_reply_at, resolved_at, resolved_by)
      VALUES (?, ?, 1, ?, ?, ?, ?)`),
    message: S(`INSERT INTO messages (id, conversation_id, direction, author_kind, author_agent_id, text, attachments,
      channel_message_id, delivery_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    note: S('INSERT INTO notes (id, conversation_id, author_agent_id, body, created_at) VALUES (?, ?, ?, ?, ?)'),
    audit:
      S(`INSERT INTO audit_log (id, workspace_id, actor_id, actor_kind, action, entity, entity_id, conversation_id, before, after, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };

  sqlite.transaction(() => {
    // Messages are written before their conversation row (its snippet comes from them): check FKs at commit.
    sqlite.pragma('defer_foreign_keys = ON');
    const t0 = base - 60 * DAY;
    const workspaceId = r.id(t0);
    insert.workspace.run(workspaceId, 'Seguros Andes', 'America/Santiago', t0);

    const agents = DEMO_AGENTS.map((a) => {
      const id = r.id(t0);
      insert.agent.run(id, workspaceId, a.name, a.email, a.role, a.color, t0);
      return { ...a, id };
    });
    const me = agents[options.meIndex ?? 0]!;

    const trays = DEFAULT_TRAYS.map((t, position) => {
      const id = r.id(t0);
      insert.tray.run(id, workspaceId, t.key, t.name, t.team, position);
      const cats = t.categories.map((c, i) => {
        const cid = r.id(t0);
        insert.category.run(cid, id, c.key, c.name, i);
        return { ...c, id: cid };
      });
      for (const a of agents) if (a.teams.includes(t.team)) insert.member.run(id, a.id);
      return { ...t, id, categories: cats };
    });

    const channels = CHANNELS.map((c) => {
      const id = r.id(t0);
      insert.channel.run(id, workspaceId, c.kind, c.name, c.address);
      return { ...c, id };
    });

    const tagIds = new Map<string, string>();
    for (const t of DEMO_TAGS) {
      const id = r.id(t0);
      insert.tag.run(id, workspaceId, t.name, t.color);
      tagIds.set(t.name, id);
    }

    const companies = Array.from({ length: Math.max(20, Math.round(total / 25)) }, () => {
      const id = r.id(t0);
      const name = r.faker.company.name();
      const domain = `${
        name
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')
          .slice(0, 14) || 'empresa'
      }.cl`;
      insert.company.run(id, workspaceId, name, domain);
      return { id, domain };
    });

    // Some contacts write more than once: about 1.4 conversations per contact.
    const contacts: {
      id: string;
      name: string;
      first: string;
      phone: string;
      email: string;
      handle: string;
    }[] = [];
    const contactFor = (createdAt: number) => {
      if (contacts.length > 10 && r.chance(0.3)) return r.pick(contacts);
      const first = r.faker.person.firstName();
      const last = r.faker.person.lastName();
      const id = r.id(createdAt);
      const company = r.chance(0.35) ? r.pick(companies) : null;
      const slug = `${first}.${last}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '');
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
      insert.contact.run(id, workspaceId, contact.name, company?.id ?? null, createdAt);
      insert.identity.run(r.id(createdAt), id, 'phone', phone, '');
      insert.identity.run(r.id(createdAt), id, 'email', email, '');
      contacts.push(contact);
      return contact;
    };

    const scenarioKeys = Object.keys(SCENARIOS);
    for (let n = 0; n < total; n++) {
      // Recent days are busier: most conversations started in the last week.
      const age = Math.floor(Math.pow(r.float(), 2.2) * 45 * DAY) + r.int(0, 50) * 60_000;
      const turnCount = SCENARIO_MAX_TURNS + extra;
      const gaps = Array.from({ length: turnCount }, (_, i) => r.int(1, i % 2 === 0 ? 40 : 90) * 60_000);
      // Every message lies in the past: start early enough for the whole thread to fit before now.
      let t = Math.min(base - age, base - gaps.reduce((a, b) => a + b, 0) - 60_000);
      const channel = weighted(r, channels);
      const contact = contactFor(t);
      if (channel.kind === 'instagram' || channel.kind === 'facebook') {
        insert.identity.run(r.id(t), contact.id, 'external', `${channel.kind}:${contact.handle}`, channel.kind);
      }
      const key = r.chance(0.15) ? 'global:' : r.pick(scenarioKeys);
      const scenario: Scenario = r.pick(SCENARIOS[key]!);
      const [trayKey, catKey] = key.split(':') as [string, string];
      const tray = trays.find((x) => x.key === trayKey)!;
      const category = catKey ? (tray.categories.find((c) => c.key === catKey) ?? null) : null;
      const status = pickStatus(r);
      const candidates = agents.filter((a) => a.teams.includes(tray.team));
      const assignee =
        trayKey === 'global' && r.chance(0.7) ? null : r.chance(0.12) ? null : r.chance(0.22) ? me : r.pick(candidates);
      const id = r.id(t);
      const turns = status === 'open' && scenario.turns.length % 2 === 0 ? scenario.turns.slice(0, -1) : scenario.turns;
      const replier = assignee ?? r.pick(candidates);
      let firstReply: number | null = null;
      let waitingSince: number | null = null;
      let lastText = '';
      const start = t;
      const writeMessage = (turn: number, text: string, file?: Scenario['customerFile']) => {
        const inbound = turn % 2 === 0;
        const mid = r.id(t);
        const attachments = file
          ? JSON.stringify([
              {
                id: r.id(t),
                name: file.name,
                mime: file.mime,
                size: file.size,
                url: file.url,
              },
            ])
          : '[]';
        insert.message.run(
          mid,
          id,
          inbound ? 'inbound' : 'outbound',
          inbound ? 'contact' : 'agent',
          inbound ? null : replier.id,
          text.replace('{name}', contact.first).replace('{agent}', replier.name.split(' ')[0]!),
          attachments,
          `${channel.kind}.${mid.slice(-12)}`,
          inbound ? null : r.pick(['delivered', 'read', 'read'] as const),
          t,
        );
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
        writeMessage(i, text, file);
        t += gaps[i]!;
      });
      for (let e = 0; e < extra; e++) {
        const turn = turns.length + e;
        writeMessage(turn, turn % 2 === 0 ? r.pick(EXTRA_CUSTOMER) : r.pick(EXTRA_AGENT));
        t += gaps[SCENARIO_MAX_TURNS + e]!;
      }
      const lastActivity = Math.min(t, base);
      const snoozedUntil = status === 'snoozed' ? base + r.int(1, 7 * 24) * HOUR : null;
      const snippet = lastText
        .replace('{name}', contact.first)
        .replace('{agent}', replier.name.split(' ')[0]!)
        .slice(0, 200);
      insert.conversation.run(
        id,
        workspaceId,
        contact.id,
        channel.id,
        channel.kind,
        tray.id,
        category?.id ?? null,
        status,
        assignee?.id ?? null,
        r.chance(0.08) ? 'high' : r.chance(0.03) ? 'urgent' : 'normal',
        scenario.subject,
        snippet,
        snoozedUntil,
        lastActivity,
        waitingSince,
        firstReply,
        start,
        start,
        lastActivity,
      );
      insert.cycle.run(
        r.id(start),
        id,
        start,
        firstReply,
        status === 'resolved' ? lastActivity : null,
        status === 'resolved' ? replier.id : null,
      );
      for (const tagName of scenario.tags)
        if (r.chance(0.8)) insert.conversationTag.run(id, tagIds.get(tagName)!, start);
      insert.audit.run(
        r.id(start),
        workspaceId,
        null,
        'system',
        'conversation.created',
        'conversation',
        id,
        id,
        null,
        JSON.stringify({ trayId: tray.id, channelKind: channel.kind }),
        start,
      );
      if (scenario.note && r.chance(0.6)) insert.note.run(r.id(t), id, replier.id, scenario.note, Math.min(t, base));
    }

    setMeta(db, 'workspaceId', workspaceId);
    setMeta(db, 'meId', me.id);
    setMeta(db, 'demoSeed', String(options.seed ?? 2026));
  })();
}

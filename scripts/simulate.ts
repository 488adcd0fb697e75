// Customer simulator: posts realistic Spanish customer messages to a running Bandeja server's inbound
// webhook, signed per Standard Webhooks with the channel's secret (using the official `standardwebhooks`
// package, so the server is exercised exactly as a real adapter would). Some senders write again, so
// conversations grow and pending ones reopen. Prints one line per message sent.
//
//   npm run simulate -- --channel <channel id> --secret whsec_… [--url http://127.0.0.1:4000]
//                       [--rate 1] [--count 20] [--contacts 8] [--token <admin bearer token>]
//
// With --token instead of --secret it reads the channel's secret through the admin route (creating it the
// first time).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fakerES as faker } from '@faker-js/faker';
import { Webhook } from 'standardwebhooks';
import { INBOUND_CHANNEL_HEADER, type InboundMessage } from '../src/shared';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4000' },
    channel: { type: 'string' },
    secret: { type: 'string' },
    token: { type: 'string' },
    rate: { type: 'string', default: '1' },
    count: { type: 'string', default: '20' },
    contacts: { type: 'string', default: '8' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const USAGE =
  'npm run simulate -- --channel <id> (--secret whsec_… | --token <admin token>) ' +
  '[--url http://127.0.0.1:4000] [--rate 1] [--count 20] [--contacts 8]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(1);
}

const positive = (name: string, raw: string) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} debe ser un número positivo`);
  return n;
};

// ── What customers write ─────────────────────────────────────────────────────────────────────────
const OPENERS = ['Hola', 'Buenas tardes', 'Buenos días', 'Buenas noches', 'Holaa', 'Qué tal'];
const FIRST: ((f: typeof faker) => string)[] = [
  () => '¿Cuánto cuesta la póliza para mi carro? 🚗🇨🇴',
  (f) => `quisiera saber el precio de ${f.commerce.productName()} 💸`,
  (f) => `mi pedido #${f.string.numeric(6)} no ha llegado y ya pasaron ${f.number.int({ min: 3, max: 12 })} días 😟`,
  (f) => `necesito la factura de ${f.date.month()} a nombre de ${f.company.name()}`,
  (f) => `¿tienen sucursal en ${f.location.city()}? 📍`,
  () => 'me cobraron dos veces la cuota de este mes, ¿me ayudan por favor? 🙏',
  (f) => `quiero cambiar la dirección de envío a ${f.location.streetAddress()}`,
  () => '¿hasta qué hora atienden hoy? ⏰',
  () => 'el técnico no llegó a la cita de esta mañana 😤',
  (f) => `¿hacen descuento si compro ${f.number.int({ min: 5, max: 50 })} unidades?`,
  () => 'ya envié el comprobante de pago, ¿lo recibieron? 🧾',
  () => 'necesito hablar con un asesor, es urgente ⚠️',
];
const FOLLOW_UPS = [
  '¿Me confirman por favor?',
  '¿Siguen ahí? 👀',
  'Muchas gracias 🙌',
  'Perfecto, quedo atento.',
  'Ok 👍',
  'Les adjunto la foto del daño 📷',
  'Disculpen la insistencia, ¿alguna novedad?',
  '¡Excelente servicio, gracias! ⭐⭐⭐⭐⭐',
  'No me ha llegado el correo de confirmación 😕',
];
const CLOSERS = ['', '', ' Gracias.', ' Saludos.', ' Quedo atenta.', ' Muchas gracias 😊'];

interface Contact {
  externalId: string;
  name: string;
  phone: string;
  email?: string;
  wrote: number;
}

function newContact(): Contact {
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const digits = `57${faker.helpers.arrayElement(['300', '301', '310', '311', '315', '320'])}${faker.string.numeric(7)}`;
  return {
    externalId: digits,
    name: `${first} ${last}`,
    phone: `+${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 8)} ${digits.slice(8)}`,
    ...(faker.datatype.boolean(0.4) ? { email: faker.internet.email({ firstName: first, lastName: last }) } : {}),
    wrote: 0,
  };
}

function textFor(contact: Contact): string {
  if (contact.wrote > 0 && faker.datatype.boolean(0.7)) return faker.helpers.arrayElement(FOLLOW_UPS);
  const opener = faker.helpers.arrayElement(OPENERS);
  return `${opener}, ${faker.helpers.arrayElement(FIRST)(faker)}${faker.helpers.arrayElement(CLOSERS)}`;
}

// ── Sending ──────────────────────────────────────────────────────────────────────────────────────
async function secretFromToken(url: string, channel: string, token: string): Promise<string> {
  const path = `${url}/api/v1/channels/${channel}/inbound-secret`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const read = await fetch(path, { headers });
  if (!read.ok) fail(`No se pudo leer el secreto del canal (${read.status}): ${await read.text()}`);
  const current = ((await read.json()) as { secret: string | null }).secret;
  if (current) return current;
  const created = await fetch(path, { method: 'POST', headers, body: '{}' });
  if (!created.ok) fail(`No se pudo crear el secreto del canal (${created.status}): ${await created.text()}`);
  return ((await created.json()) as { secret: string }).secret;
}

async function main(): Promise<void> {
  if (values.help) return void console.log(USAGE);
  const url = values.url.replace(/\/+$/, '');
  const channel = values.channel ?? fail('Falta --channel');
  const secret =
    values.secret ?? (values.token ? await secretFromToken(url, channel, values.token) : fail('Falta --secret'));
  const rate = positive('rate', values.rate);
  const count = Math.floor(positive('count', values.count));
  const pool = Array.from({ length: Math.floor(positive('contacts', values.contacts)) }, newContact);
  const webhook = new Webhook(secret);
  const tally = new Map<string, number>();

  for (let i = 1; i <= count; i++) {
    // Half of the time someone who already wrote writes again (a reply in their conversation).
    const writers = pool.filter((c) => c.wrote > 0);
    const contact =
      writers.length && faker.datatype.boolean(0.5)
        ? faker.helpers.arrayElement(writers)
        : faker.helpers.arrayElement(pool);
    const msg: InboundMessage = {
      channelMessageId: `sim.${randomUUID()}`,
      from: { externalId: contact.externalId, name: contact.name, phone: contact.phone, email: contact.email },
      text: textFor(contact),
      sentAt: Date.now(),
    };
    const body = JSON.stringify(msg);
    const id = `msg_${randomUUID()}`;
    const now = new Date();
    const signature = webhook.sign(id, now, body);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    let outcome: string;
    try {
      const res = await fetch(`${url}/api/v1/inbound/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INBOUND_CHANNEL_HEADER]: channel,
          'webhook-id': id,
          'webhook-timestamp': timestamp,
          'webhook-signature': signature,
        },
        body,
      });
      const json = (await res.json().catch(() => ({}))) as { status?: string; error?: { message?: string } };
      outcome = res.ok ? (json.status ?? String(res.status)) : `${res.status} ${json.error?.message ?? ''}`.trim();
      if (res.ok) contact.wrote += 1;
    } catch (err) {
      outcome = `sin conexión (${(err as Error).message})`;
    }
    tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
    console.log(`${String(i).padStart(4)}  ${outcome.padEnd(9)} ${contact.name} (${contact.phone}): ${msg.text}`);
    if (i < count) await new Promise((r) => setTimeout(r, 1000 / rate));
  }
  console.log(`Listo: ${[...tally].map(([k, n]) => `${n} ${k}`).join(', ')}`);
}

await main();

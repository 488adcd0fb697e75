// A customer writing after a resolution, end to end against a real server (signed Standard Webhooks
// deliveries into its inbound route): within the workspace's reopen window the same conversation comes
// back to Abiertas as a new cycle, the first closure kept on record; outside it (an admin sets the window
// to 0 h) a new conversation opens in Global, linked to the previous one, whose history the agent can read.
import type { Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { API_PREFIX } from '../../src/shared/api';
import { DEMO_AGENTS } from '../../src/shared/demo/scripts';
import { INBOUND_CHANNEL_HEADER, InboundResponse, MUTATION_VERSION, newId } from '../../src/shared';
import { shot, type CoreClient } from './fixtures';
import { DEMO_CREDENTIALS, expect, signInDemo, test } from './server-fixtures';

test.describe.configure({ timeout: 150_000 });

const ADMIN = DEMO_AGENTS.find((a) => a.role === 'admin')!;
const CUSTOMER = { externalId: '56933334444', name: 'Paula Ríos Urrutia', phone: '+56 9 3333 4444' };

/** The demo admin, through the HTTP API (as a second device would). */
async function adminApi(serverUrl: string) {
  const login = await fetch(`${serverUrl}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: ADMIN.email,
      password: DEMO_CREDENTIALS.password,
      workspace: DEMO_CREDENTIALS.workspace,
    }),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const clientId = newId();
  let mutationId = 0;
  return {
    /** A named mutation pushed like a replica pushes it; the server applies the shared mutator. */
    async push(name: string, args: unknown) {
      const res = await fetch(`${serverUrl}${API_PREFIX}/sync/push`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          clientId,
          mutations: [
            { clientId, mutationId: ++mutationId, name, version: MUTATION_VERSION, args, clientTime: Date.now() },
          ],
        }),
      });
      const body = (await res.json()) as { results: { status: string }[] };
      expect(body.results[0]?.status).toBe('applied');
    },
    async inboundSecret(channelId: string): Promise<string> {
      const res = await fetch(`${serverUrl}${API_PREFIX}/channels/${channelId}/inbound-secret`, {
        method: 'POST',
        headers: auth,
        body: '{}',
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { secret: string }).secret;
    },
  };
}

/** The customer writes on WhatsApp: a delivery signed with the channel's secret. */
async function customerWrites(serverUrl: string, channelId: string, secret: string, text: string) {
  const raw = JSON.stringify({ channelMessageId: `wamid.${newId()}`, from: CUSTOMER, text, sentAt: Date.now() });
  const webhookId = `msg_${newId()}`;
  const res = await fetch(`${serverUrl}${API_PREFIX}/inbound/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [INBOUND_CHANNEL_HEADER]: channelId,
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': new Webhook(secret).sign(webhookId, new Date(), raw),
    },
    body: raw,
  });
  expect(res.status).toBe(200);
  return InboundResponse.parse(await res.json());
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navegación' });
const list = (page: Page) => page.getByRole('listbox', { name: 'Conversaciones' });
const row = (page: Page) => list(page).getByRole('option', { name: new RegExp(`^${CUSTOMER.name} · `) });

/** Replies from the composer and resolves with "Consulta resuelta" through the dialog. */
async function replyAndResolve(page: Page, core: CoreClient, conversationId: string, text: string) {
  const thread = page.getByRole('region', { name: `Conversación: ${CUSTOMER.name}` });
  const reply = thread.getByRole('form', { name: 'Redactar' }).getByRole('textbox', { name: 'Respuesta al cliente' });
  await reply.fill(text);
  await reply.press('Control+Enter');
  await expect(reply).toHaveValue('');
  await reply.press('Escape');
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: `Resolver conversación con ${CUSTOMER.name}` });
  await page.keyboard.press('1');
  await expect(dialog.getByRole('status')).toContainText('El cliente recibió respuesta');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // Pushed and confirmed: the server holds the closure before the customer writes again.
  await expect.poll(async () => (await core.call('sync.now', {})).pendingChanges).toBe(0);
  expect((await core.call('conversations.get', { id: conversationId })).status).toBe('resolved');
}

test('after a resolution: within the window a new cycle of the same conversation, outside it a linked new one', async ({
  page,
  core,
  server,
}, testInfo) => {
  await signInDemo(core, server.url);
  const admin = await adminApi(server.url);
  const whatsapp = (await core.call('session.get', {})).channels.find((c) => c.kind === 'whatsapp')!;
  const secret = await admin.inboundSecret(whatsapp.id);
  // Another spec of this worker may have changed the window: the guide's default, explicitly.
  await admin.push('saveSettings', { patch: { reopenWindowHours: 24 } });

  const first = await customerWrites(
    server.url,
    whatsapp.id,
    secret,
    'Hola, necesito cambiar la dirección de mi póliza',
  );
  await core.call('sync.now', {});
  await page.goto('/');
  await expect(nav(page).getByRole('status')).toContainText('En línea', { timeout: 30_000 });
  await nav(page)
    .getByRole('region', { name: 'Bandejas' })
    .getByRole('button', { name: /^Global\b/ })
    .click();
  await row(page).click();
  await replyAndResolve(page, core, first.conversationId, 'Listo, ya actualizamos la dirección de tu póliza.');

  // Within the window: the same conversation, back in Abiertas as cycle 2; cycle 1's closure kept.
  const second = await customerWrites(server.url, whatsapp.id, secret, 'Gracias, ¿y el certificado nuevo?');
  expect(second.conversationId).toBe(first.conversationId);
  await core.call('sync.now', {});
  const thread = page.getByRole('region', { name: `Conversación: ${CUSTOMER.name}` });
  await expect(thread.getByText('Gracias, ¿y el certificado nuevo?')).toBeVisible();
  await expect(thread.getByText('Abierta', { exact: true }).first()).toBeVisible();
  const details = page.getByRole('complementary', { name: 'Detalles' });
  await expect(details.getByRole('region', { name: 'Cierre' })).toContainText('Ciclo 1');
  const reopened = await core.call('conversations.get', { id: first.conversationId });
  expect(reopened).toMatchObject({ status: 'open', cycle: 2 });
  expect(reopened.cycles.map((c) => [c.number, c.resolvedAt !== null, c.justification])).toEqual([
    [2, false, null],
    [1, true, 'answered'],
  ]);
  await expect(details.getByRole('region', { name: 'Historial' })).toContainText(
    'El cliente escribió de nuevo: ciclo 2',
  );
  await shot(page, testInfo, '01-new-cycle', 'guide-reopen-01-new-cycle');

  // Outside the window (the admin sets it to 0 h): a new conversation in Global, linked to this one.
  await admin.push('saveSettings', { patch: { reopenWindowHours: 0 } });
  await replyAndResolve(page, core, first.conversationId, 'Te enviamos el certificado a tu correo.');
  const third = await customerWrites(server.url, whatsapp.id, secret, 'Hola de nuevo, ahora quiero asegurar otro auto');
  expect(third.conversationId).not.toBe(first.conversationId);
  await core.call('sync.now', {});
  const linked = await core.call('conversations.get', { id: third.conversationId });
  expect(linked).toMatchObject({ linkedFromId: first.conversationId, status: 'open', cycle: 1 });
  expect((await core.call('conversations.get', { id: first.conversationId })).continuedByIds).toEqual([
    third.conversationId,
  ]);

  await expect(row(page).first()).toBeVisible();
  await list(page)
    .getByRole('option', { name: new RegExp(`^${CUSTOMER.name} · `) })
    .filter({ hasText: 'ahora quiero asegurar otro auto' })
    .click();
  const banner = details.getByRole('note').filter({ hasText: 'Continúa una conversación anterior' });
  await expect(banner).toBeVisible();
  // The earlier history is readable from the new conversation.
  await banner.getByRole('button', { name: 'Ver historial anterior' }).click();
  await expect(page.getByRole('region', { name: 'Conversación anterior' })).toContainText(
    'Hola, necesito cambiar la dirección de mi póliza',
  );
  await shot(page, testInfo, '02-linked', 'guide-reopen-02-linked');
  await admin.push('saveSettings', { patch: { reopenWindowHours: 24 } });
});

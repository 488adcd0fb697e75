// Contacts and companies are workspace-wide (guide §7: every conversation belongs to a contact and a
// company), so any agent may complete them — the point is that whoever talks to the customer fixes the
// record. Their history is not a conversation's (conversationId null).
import type { MutationArgsOf } from '../mutations';
import type { CompanyRow, ContactRow } from '../rows';
import { requireNewId } from './access';
import type { Mutator } from './conversation';
import {
  audit,
  auditAcross,
  findRows,
  getRow,
  insertRow,
  type MutatorEnv,
  refuse,
  type Tx,
  updateRow,
} from './runtime';

/** Names compare without case or surrounding spaces: "ACME" and "acme " are the same company. */
export const sameName = (a: string, b: string): boolean =>
  a.trim().toLocaleLowerCase('es') === b.trim().toLocaleLowerCase('es');

function* loadContact(env: MutatorEnv, id: string): Tx<ContactRow> {
  const c = yield* getRow('contacts', { id });
  if (!c || c.workspaceId !== env.workspaceId)
    throw refuse('not_found', 'errors.contactNotFound', 'Ese contacto ya no existe');
  return c;
}

function* loadCompany(env: MutatorEnv, id: string): Tx<CompanyRow> {
  const c = yield* getRow('companies', { id });
  if (!c || c.workspaceId !== env.workspaceId)
    throw refuse('not_found', 'errors.companyNotFound', 'Esa empresa ya no existe');
  return c;
}

export const createCompany: Mutator<MutationArgsOf<'createCompany'>> = function* (env, args) {
  yield* requireNewId('companies', args.companyId);
  const companies = yield* findRows('companies', { workspaceId: env.workspaceId });
  const twin = companies.find((c) => sameName(c.name, args.name));
  if (twin) throw refuse('conflict', 'errors.companyExists', `Ya existe la empresa ${twin.name}`, { name: twin.name });
  const domain = args.domain?.trim().toLowerCase() || null;
  yield* insertRow('companies', { id: args.companyId, workspaceId: env.workspaceId, name: args.name, domain });
  yield* audit({
    action: 'company.created',
    entity: 'company',
    entityId: args.companyId,
    conversationId: null,
    before: null,
    after: { name: args.name, domain },
  });
};

/** The contact's conversations still in work: their timelines tell a teammate what changed. */
function* liveConversations(contactId: string): Tx<string[]> {
  const rows = yield* findRows('conversations', { contactId });
  return rows.filter((c) => c.status !== 'resolved').map((c) => c.id);
}

export const setContactCompany: Mutator<MutationArgsOf<'setContactCompany'>> = function* (env, args) {
  const contact = yield* loadContact(env, args.contactId);
  if (args.companyId !== null) yield* loadCompany(env, args.companyId);
  if (contact.companyId === args.companyId) return;
  yield* updateRow('contacts', { id: contact.id }, { companyId: args.companyId });
  yield* auditAcross(yield* liveConversations(contact.id), {
    action: 'contact.companySet',
    entity: 'contact',
    entityId: contact.id,
    before: { companyId: contact.companyId },
    after: { companyId: args.companyId },
  });
};

export const updateContact: Mutator<MutationArgsOf<'updateContact'>> = function* (env, args) {
  const contact = yield* loadContact(env, args.contactId);
  if (contact.name === args.name) return;
  yield* updateRow('contacts', { id: contact.id }, { name: args.name });
  yield* auditAcross(yield* liveConversations(contact.id), {
    action: 'contact.updated',
    entity: 'contact',
    entityId: contact.id,
    before: { name: contact.name },
    after: { name: args.name },
  });
};

/** Emails compare in lower case; phones as typed (trimmed): the inbound matcher stores them the same way. */
const normalizeIdentity = (kind: 'phone' | 'email', value: string): string =>
  kind === 'email' ? value.trim().toLowerCase() : value.trim();

export const addContactIdentity: Mutator<MutationArgsOf<'addContactIdentity'>> = function* (env, args) {
  const contact = yield* loadContact(env, args.contactId);
  const value = normalizeIdentity(args.kind, args.value);
  // One phone or email identifies one customer: the inbound matcher would not know whose message it is.
  for (const identity of yield* findRows('contact_identities', { kind: args.kind, value, channelKind: '' })) {
    if (identity.contactId === contact.id) return;
    const owner = yield* getRow('contacts', { id: identity.contactId });
    // The replica holds one workspace; the server's finder may see others' identities: they do not count.
    if (!owner || owner.workspaceId !== env.workspaceId) continue;
    throw refuse('conflict', 'errors.identityTaken', `Ese dato ya pertenece a ${owner.name}`, { name: owner.name });
  }
  if (yield* getRow('contact_identities', { id: args.identityId }))
    throw refuse('conflict', 'errors.idTaken', 'Ese elemento ya existe');
  yield* insertRow('contact_identities', {
    id: args.identityId,
    contactId: contact.id,
    kind: args.kind,
    value,
    channelKind: '',
  });
  yield* auditAcross(yield* liveConversations(contact.id), {
    action: 'contact.identityAdded',
    entity: 'contact',
    entityId: contact.id,
    before: null,
    after: { identityId: args.identityId, kind: args.kind, value },
  });
};

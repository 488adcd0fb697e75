// Who the customer is: name (renameable), company (search, create, change, remove), identities (phone /
// email / external ids, with "add a phone or email"). The guide wants every conversation tied to a
// contact and a company, and a contact a teammate can reach.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company, Contact } from '../../../../shared/entities';
import { actions } from '../../lib/actions';
import { call } from '../../lib/api';
import { Avatar } from '../common/Avatar';
import { Icon } from '../common/Icon';
import { SearchPicker } from '../common/SearchPicker';

export function ContactCard({ contact, fallbackName }: { contact: Contact | null; fallbackName: string }) {
  const { t } = useTranslation();
  const name = contact?.name ?? fallbackName;
  const [editing, setEditing] = useState<'name' | 'company' | 'identity' | null>(null);
  return (
    <section className="card contact-card" aria-label={t('details.contact')}>
      <div className="contact-top">
        <Avatar name={name} size="lg" />
        <div className="contact-head">
          {editing === 'name' && contact ? (
            <RenameForm contact={contact} onDone={() => setEditing(null)} />
          ) : (
            <div className="contact-name-row">
              <h3 className="contact-name">{name}</h3>
              {contact ? (
                <button
                  type="button"
                  className="icon-btn icon-btn-sm"
                  aria-label={t('guide.contact.rename')}
                  title={t('guide.contact.rename')}
                  onClick={() => setEditing('name')}
                >
                  <Icon name="edit" size={13} />
                </button>
              ) : null}
            </div>
          )}
          <div className="contact-company">
            {contact?.company
              ? `${contact.company.name}${contact.company.domain ? ` · ${contact.company.domain}` : ''}`
              : t('details.noCompany')}
          </div>
        </div>
      </div>
      {contact ? (
        <>
          <div className="company-row">
            <span className="field-label">
              <Icon name="building" size={12} /> {t('details.company')}
            </span>
            {editing === 'company' ? null : (
              <span className="company-actions">
                <button type="button" className="link-btn" onClick={() => setEditing('company')}>
                  {contact.company ? t('guide.company.change') : t('guide.company.associate')}
                </button>
                {contact.company ? (
                  <button
                    type="button"
                    className="link-btn danger-link"
                    onClick={() => void actions.setCompany(contact.id, null)}
                  >
                    {t('guide.company.remove')}
                  </button>
                ) : null}
              </span>
            )}
          </div>
          {editing === 'company' ? <CompanyPicker contact={contact} onDone={() => setEditing(null)} /> : null}
          <dl className="kv">
            {contact.identities.map((id) => (
              <div key={id.id} className="kv-row">
                <dt>{t(`details.identity.${id.kind}`)}</dt>
                <dd className="selectable">{id.value}</dd>
              </div>
            ))}
            <div className="kv-row muted-row">
              <dt />
              <dd>{t('details.conversations', { count: contact.conversationCount })}</dd>
            </div>
          </dl>
          {editing === 'identity' ? (
            <IdentityForm contact={contact} onDone={() => setEditing(null)} />
          ) : (
            <button type="button" className="link-btn add-link" onClick={() => setEditing('identity')}>
              <Icon name="plus" size={12} /> {t('guide.contact.addIdentity')}
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}

function RenameForm({ contact, onDone }: { contact: Contact; onDone(): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(contact.name);
  const id = useId();
  const save = async () => {
    const name = value.trim();
    if (!name || name === contact.name) return onDone();
    if (await actions.renameContact(contact.id, name)) onDone();
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('guide.contact.name')}
      </label>
      <input
        id={id}
        className="text-input text-input-sm"
        value={value}
        maxLength={120}
        // The agent asked to rename: the field takes the keyboard at once.
        autoFocus
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <button type="submit" className="btn btn-sm btn-primary">
        {t('guide.save')}
      </button>
      <button type="button" className="btn btn-sm" onClick={onDone}>
        {t('guide.cancel')}
      </button>
    </form>
  );
}

/** Type to search the workspace's companies; Enter picks; the last option creates the typed one. */
function CompanyPicker({ contact, onDone }: { contact: Contact; onDone(): void }) {
  const { t } = useTranslation();
  return (
    <SearchPicker<Company>
      label={t('guide.company.search')}
      resultsLabel={t('guide.company.results')}
      emptyText={t('guide.company.typeToCreate')}
      cancelLabel={t('guide.cancel')}
      search={(query) => call('companies.search', { query: query.trim(), limit: 8 }).then((r) => r.items)}
      options={(results, query) => {
        const typed = query.trim();
        const exact = results.some((c) => c.name.toLowerCase() === typed.toLowerCase());
        return [
          ...results.map((c) => ({
            id: c.id,
            content: (
              <>
                <Icon name="building" size={12} />
                {c.domain ? `${c.name} · ${c.domain}` : c.name}
              </>
            ),
            pick: () => actions.setCompany(contact.id, c.id),
          })),
          ...(typed && !exact
            ? [
                {
                  id: 'new',
                  className: 'create',
                  content: (
                    <>
                      <Icon name="plus" size={12} />
                      {t('guide.company.create', { name: typed })}
                    </>
                  ),
                  pick: () => actions.createCompanyFor(contact.id, typed),
                },
              ]
            : []),
        ];
      }}
      onDone={onDone}
    />
  );
}

function IdentityForm({ contact, onDone }: { contact: Contact; onDone(): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'phone' | 'email'>('phone');
  const [value, setValue] = useState('');
  const kindId = useId();
  const valueId = useId();
  const save = async () => {
    if (!value.trim()) return;
    if (await actions.addIdentity(contact.id, kind, value.trim())) onDone();
  };
  return (
    <form
      className="identity-form"
      aria-label={t('guide.contact.addIdentity')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={kindId} className="visually-hidden">
        {t('guide.contact.kind')}
      </label>
      <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as 'phone' | 'email')}>
        <option value="phone">{t('details.identity.phone')}</option>
        <option value="email">{t('details.identity.email')}</option>
      </select>
      <label htmlFor={valueId} className="visually-hidden">
        {t(kind === 'phone' ? 'details.identity.phone' : 'details.identity.email')}
      </label>
      <input
        id={valueId}
        className="text-input text-input-sm"
        type={kind === 'email' ? 'email' : 'tel'}
        value={value}
        placeholder={t(kind === 'phone' ? 'guide.contact.phoneHint' : 'guide.contact.emailHint')}
        autoFocus
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <div className="inline-actions">
        <button type="button" className="btn btn-sm" onClick={onDone}>
          {t('guide.cancel')}
        </button>
        <button type="submit" className="btn btn-sm btn-primary" disabled={!value.trim()}>
          <Icon name="check" size={12} /> {t('guide.contact.add')}
        </button>
      </div>
    </form>
  );
}

// Who the customer is: name (renameable), company (search, create, change, remove), identities (phone /
// email / external ids, with "add a phone or email"). The guide wants every conversation tied to a
// contact and a company, and a contact a teammate can reach.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company, Contact } from '../../../../shared/entities';
import { actions } from '../../lib/actions';
import { call } from '../../lib/api';
import { Avatar } from '../common/Avatar';
import { Icon } from '../common/Icon';
import { GuideIcon } from '../guide/GuideIcon';

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
                  <GuideIcon name="edit" size={13} />
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
              <GuideIcon name="building" size={12} /> {t('details.company')}
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
              <GuideIcon name="plus" size={12} /> {t('guide.contact.addIdentity')}
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
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Company[]>([]);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputId = useId();

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call('companies.search', { query: query.trim(), limit: 8 })
        .then((r) => live && setResults(r.items))
        .catch(() => live && setResults([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const typed = query.trim();
  const exact = results.some((c) => c.name.toLowerCase() === typed.toLowerCase());
  const options: { id: string; label: string; run(): Promise<boolean> }[] = [
    ...results.map((c) => ({
      id: c.id,
      label: c.domain ? `${c.name} · ${c.domain}` : c.name,
      run: () => actions.setCompany(contact.id, c.id),
    })),
    ...(typed && !exact
      ? [
          {
            id: 'new',
            label: t('guide.company.create', { name: typed }),
            run: () => actions.createCompanyFor(contact.id, typed),
          },
        ]
      : []),
  ];
  const current = options[Math.min(active, options.length - 1)];
  const choose = async (o: (typeof options)[number]) => {
    if (await o.run()) onDone();
  };

  return (
    <div className="company-picker">
      <label htmlFor={inputId} className="visually-hidden">
        {t('guide.company.search')}
      </label>
      <input
        id={inputId}
        className="text-input text-input-sm"
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        placeholder={t('guide.company.search')}
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(options.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (e.key === 'Enter' && current) {
            e.preventDefault();
            void choose(current);
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={t('guide.company.results')} className="inline-list">
        {options.map((o) => (
          <li
            key={o.id}
            id={`${listId}-${o.id}`}
            role="option"
            aria-selected={o === current}
            className={`inline-option${o === current ? ' active' : ''}${o.id === 'new' ? ' create' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void choose(o)}
          >
            {o.id === 'new' ? <GuideIcon name="plus" size={12} /> : <GuideIcon name="building" size={12} />}
            {o.label}
          </li>
        ))}
        {options.length === 0 ? <li className="inline-empty">{t('guide.company.typeToCreate')}</li> : null}
      </ul>
      <button type="button" className="link-btn" onClick={onDone}>
        {t('guide.cancel')}
      </button>
    </div>
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

// Who the customer is: name, company, identities (phone / email / external ids).
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../shared/entities';
import { Avatar } from '../common/Avatar';

export function ContactCard({ contact, fallbackName }: { contact: Contact | null; fallbackName: string }) {
  const { t } = useTranslation();
  const name = contact?.name ?? fallbackName;
  return (
    <section className="card contact-card" aria-label={t('details.contact')}>
      <div className="contact-top">
        <Avatar name={name} size="lg" />
        <div>
          <h3 className="contact-name">{name}</h3>
          <div className="contact-company">
            {contact?.company
              ? `${contact.company.name}${contact.company.domain ? ` · ${contact.company.domain}` : ''}`
              : t('details.noCompany')}
          </div>
        </div>
      </div>
      {contact ? (
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
      ) : null}
    </section>
  );
}

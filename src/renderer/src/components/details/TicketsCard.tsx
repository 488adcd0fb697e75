// Tickets of this conversation: number (or "pendiente de sincronizar" until the server hands one out),
// subject, status and priority that can be changed in place; create one from the conversation or link
// an existing one found by number or subject; unlink.
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../../shared/domain';
import type { ConversationDetail, Ticket } from '../../../../shared/entities';
import { TICKET_STATUSES, type TicketStatus } from '../../../../shared/mutations';
import { actions } from '../../lib/actions';
import { call } from '../../lib/api';
import { useConversationStore } from '../../stores/conversationStore';
import { Icon } from '../common/Icon';
import { SearchPicker } from '../common/SearchPicker';
import { TicketForm } from '../guide/WorkForms';

export function ticketNumber(t: TFunction, ticket: Pick<Ticket, 'number'>): string {
  return ticket.number === null ? t('guide.ticket.unsynced') : t('guide.ticket.number', { number: ticket.number });
}

export function TicketsCard({ detail }: { detail: ConversationDetail }) {
  const { t } = useTranslation();
  const tickets = useConversationStore((s) => s.tickets);
  const [mode, setMode] = useState<'create' | 'link' | null>(null);
  return (
    <section className="card" aria-labelledby="tickets-title">
      <div className="card-head">
        <h3 className="card-title" id="tickets-title">
          {t('guide.ticket.cardTitle')}
        </h3>
        {mode === null ? (
          <span className="card-head-actions">
            <button type="button" className="link-btn" onClick={() => setMode('create')}>
              <Icon name="plus" size={12} /> {t('guide.ticket.new')}
            </button>
            <button type="button" className="link-btn" onClick={() => setMode('link')}>
              <Icon name="link" size={12} /> {t('guide.ticket.linkExisting')}
            </button>
          </span>
        ) : null}
      </div>
      {mode === 'create' ? (
        <TicketForm
          idPrefix="details-ticket"
          conversationId={detail.id}
          initialSubject={detail.subject ?? ''}
          initialPriority={detail.priority}
          onDone={() => setMode(null)}
          onCancel={() => setMode(null)}
        />
      ) : null}
      {mode === 'link' ? (
        <TicketSearch
          conversationId={detail.id}
          linked={new Set(tickets.map((x) => x.id))}
          onDone={() => setMode(null)}
        />
      ) : null}
      {tickets.length === 0 && mode === null ? <p className="muted">{t('guide.ticket.none')}</p> : null}
      <ul className="work-list">
        {tickets.map((ticket) => (
          <TicketRow key={ticket.id} ticket={ticket} conversationId={detail.id} />
        ))}
      </ul>
    </section>
  );
}

function TicketRow({ ticket, conversationId }: { ticket: Ticket; conversationId: string }) {
  const { t } = useTranslation();
  const statusId = useId();
  const priorityId = useId();
  const number = ticketNumber(t, ticket);
  return (
    <li className={`work-item ticket ticket-${ticket.status}`} aria-label={`${number} · ${ticket.subject}`}>
      <Icon name="ticket" size={14} className="work-icon" />
      <div className="work-main">
        <span className="work-title">
          <span className={`ticket-num${ticket.number === null ? ' unsynced' : ''}`}>{number}</span> {ticket.subject}
        </span>
        <span className="ticket-controls">
          <label htmlFor={statusId} className="visually-hidden">
            {t('guide.ticket.status')}
          </label>
          <select
            id={statusId}
            value={ticket.status}
            onChange={(e) => void actions.updateTicket({ ticketId: ticket.id, status: e.target.value as TicketStatus })}
          >
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`guide.ticketStatus.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor={priorityId} className="visually-hidden">
            {t('guide.ticket.priority')}
          </label>
          <select
            id={priorityId}
            value={ticket.priority}
            onChange={(e) => void actions.updateTicket({ ticketId: ticket.id, priority: e.target.value as Priority })}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`guide.priority.${p}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="icon-btn icon-btn-sm"
            aria-label={t('guide.ticket.unlink', { number })}
            title={t('guide.ticket.unlink', { number })}
            onClick={() => void actions.unlinkTicket(conversationId, ticket.id)}
          >
            <Icon name="x" size={12} />
          </button>
        </span>
      </div>
    </li>
  );
}

function TicketSearch({
  conversationId,
  linked,
  onDone,
}: {
  conversationId: string;
  linked: Set<string>;
  onDone(): void;
}) {
  const { t } = useTranslation();
  return (
    <SearchPicker<Ticket>
      label={t('guide.ticket.search')}
      resultsLabel={t('guide.ticket.results')}
      emptyText={t('guide.ticket.noResults')}
      cancelLabel={t('guide.cancel')}
      search={(query) =>
        call('tickets.search', { query: query.trim().replace(/^#/, ''), limit: 8 }).then((r) => r.items)
      }
      options={(results) =>
        results
          .filter((r) => !linked.has(r.id))
          .map((o) => ({
            id: o.id,
            content: (
              <>
                <Icon name="ticket" size={12} />
                <span className="ticket-num">{ticketNumber(t, o)}</span> {o.subject}
              </>
            ),
            pick: () => actions.linkTicket(conversationId, o.id),
          }))
      }
      onDone={onDone}
    />
  );
}

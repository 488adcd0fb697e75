// Small inline forms for linked work: a task (title, due date, assignee) and a ticket (subject,
// priority). Used by the details column's cards and by the resolve dialog's fixes ("crea una tarea con
// fecha" for a follow-up calificación, "tarea o ticket" as justification c).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../../shared/domain';
import { actions } from '../../lib/actions';
import { useSessionStore } from '../../stores/sessionStore';
import { fromLocalInput, toLocalInput } from './ExternalContactForm';

/** Tomorrow at 9:00 in the agent's zone: the usual "follow up tomorrow". */
function tomorrowNine(): number {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}

interface TaskProps {
  idPrefix: string;
  conversationId: string | null;
  /** A follow-up calificación needs a due date: the field is required and pre-filled. */
  dueRequired?: boolean;
  initialTitle?: string;
  onDone(): void;
  onCancel(): void;
}

export function TaskForm({
  idPrefix,
  conversationId,
  dueRequired = false,
  initialTitle = '',
  onDone,
  onCancel,
}: TaskProps) {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const [title, setTitle] = useState(initialTitle);
  const [due, setDue] = useState(() => (dueRequired ? toLocalInput(tomorrowNine()) : ''));
  const [assigneeId, setAssigneeId] = useState(session?.me.id ?? '');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const dueAt = fromLocalInput(due);
  const titleBad = title.trim() === '';
  const dueBad = dueRequired && dueAt === null;

  const submit = async () => {
    if (busy) return;
    if (titleBad || dueBad) {
      setTried(true);
      document.getElementById(titleBad ? `${idPrefix}-title` : `${idPrefix}-due`)?.focus();
      return;
    }
    setBusy(true);
    const out = await actions.createTask({
      conversationId,
      title: title.trim(),
      dueAt,
      assigneeId: assigneeId || null,
    });
    setBusy(false);
    if (out) onDone();
  };

  return (
    <form
      className="work-form"
      aria-label={t('guide.task.formLabel')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="dnote-field">
        <label htmlFor={`${idPrefix}-title`} className="dnote-label">
          {t('guide.task.title')}
        </label>
        <input
          id={`${idPrefix}-title`}
          className="text-input"
          value={title}
          maxLength={200}
          placeholder={t('guide.task.titleHint')}
          aria-invalid={tried && titleBad}
          onChange={(e) => setTitle(e.target.value)}
        />
        {tried && titleBad ? <p className="dnote-error">{t('guide.task.titleRequired')}</p> : null}
      </div>
      <div className="work-row">
        <div className="dnote-field">
          <label htmlFor={`${idPrefix}-due`} className="dnote-label">
            {t('guide.task.due')}
            {dueRequired ? <span className="dnote-required"> · {t('guide.note.required')}</span> : null}
          </label>
          <input
            id={`${idPrefix}-due`}
            type="datetime-local"
            className="text-input"
            value={due}
            aria-required={dueRequired}
            aria-invalid={tried && dueBad}
            onChange={(e) => setDue(e.target.value)}
          />
          {tried && dueBad ? <p className="dnote-error">{t('guide.task.dueRequired')}</p> : null}
        </div>
        <div className="dnote-field">
          <label htmlFor={`${idPrefix}-assignee`} className="dnote-label">
            {t('guide.task.assignee')}
          </label>
          <select id={`${idPrefix}-assignee`} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
            <option value="">{t('details.unassigned')}</option>
            {session?.agents
              .filter((a) => a.active)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.id === session.me.id ? t('picker.me', { name: a.name }) : a.name}
                </option>
              ))}
          </select>
        </div>
      </div>
      <div className="guide-actions">
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          {t('guide.cancel')}
        </button>
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
          {t('guide.task.create')}
        </button>
      </div>
    </form>
  );
}

interface TicketProps {
  idPrefix: string;
  conversationId: string;
  initialSubject?: string;
  initialPriority?: Priority;
  onDone(): void;
  onCancel(): void;
}

export function TicketForm({
  idPrefix,
  conversationId,
  initialSubject = '',
  initialPriority = 'normal',
  onDone,
  onCancel,
}: TicketProps) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(initialSubject);
  const [priority, setPriority] = useState<Priority>(initialPriority);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const bad = subject.trim() === '';

  const submit = async () => {
    if (busy) return;
    if (bad) {
      setTried(true);
      document.getElementById(`${idPrefix}-subject`)?.focus();
      return;
    }
    setBusy(true);
    const out = await actions.createTicket(conversationId, subject.trim(), priority);
    setBusy(false);
    if (out) onDone();
  };

  return (
    <form
      className="work-form"
      aria-label={t('guide.ticket.formLabel')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="dnote-field">
        <label htmlFor={`${idPrefix}-subject`} className="dnote-label">
          {t('guide.ticket.subject')}
        </label>
        <input
          id={`${idPrefix}-subject`}
          className="text-input"
          value={subject}
          maxLength={200}
          aria-invalid={tried && bad}
          onChange={(e) => setSubject(e.target.value)}
        />
        {tried && bad ? <p className="dnote-error">{t('guide.ticket.subjectRequired')}</p> : null}
      </div>
      <div className="dnote-field">
        <label htmlFor={`${idPrefix}-priority`} className="dnote-label">
          {t('guide.ticket.priority')}
        </label>
        <select id={`${idPrefix}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`guide.priority.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="guide-actions">
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          {t('guide.cancel')}
        </button>
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
          {t('guide.ticket.create')}
        </button>
      </div>
    </form>
  );
}

// Small inline forms for linked work: a task (title, due date, assignee) and a ticket (subject,
// priority). Used by the details column's cards and by the resolve dialog's fixes ("crea una tarea con
// fecha" for a follow-up calificación, "tarea o ticket" as justification c).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../../shared/domain';
import { actions } from '../../lib/actions';
import { useSessionStore } from '../../stores/sessionStore';
import { fromLocalInput, toLocalInput } from './ExternalContactForm';
import { GuideForm, useGuardedSubmit } from './formParts';

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
  const dueAt = fromLocalInput(due);
  const titleBad = title.trim() === '';
  const dueBad = dueRequired && dueAt === null;
  const { tried, busy, submit } = useGuardedSubmit(
    titleBad ? `${idPrefix}-title` : dueBad ? `${idPrefix}-due` : null,
    () => actions.createTask({ conversationId, title: title.trim(), dueAt, assigneeId: assigneeId || null }),
    onDone,
  );

  return (
    <GuideForm className="work-form" label={t('guide.task.formLabel')} onSubmit={() => void submit()}>
      <TextField
        id={`${idPrefix}-title`}
        label={t('guide.task.title')}
        value={title}
        placeholder={t('guide.task.titleHint')}
        error={tried && titleBad ? t('guide.task.titleRequired') : null}
        onChange={setTitle}
      />
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
      <WorkActions busy={busy} submitLabel={t('guide.task.create')} onCancel={onCancel} />
    </GuideForm>
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
  const bad = subject.trim() === '';
  const { tried, busy, submit } = useGuardedSubmit(
    bad ? `${idPrefix}-subject` : null,
    () => actions.createTicket(conversationId, subject.trim(), priority),
    onDone,
  );

  return (
    <GuideForm className="work-form" label={t('guide.ticket.formLabel')} onSubmit={() => void submit()}>
      <TextField
        id={`${idPrefix}-subject`}
        label={t('guide.ticket.subject')}
        value={subject}
        error={tried && bad ? t('guide.ticket.subjectRequired') : null}
        onChange={setSubject}
      />
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
      <WorkActions busy={busy} submitLabel={t('guide.ticket.create')} onCancel={onCancel} />
    </GuideForm>
  );
}

/** The required one-line text of a work form (a task's title, a ticket's subject), with its error. */
function TextField({
  id,
  label,
  value,
  placeholder,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  /** Shown once the agent tried to save without it. */
  error: string | null;
  onChange(value: string): void;
}) {
  return (
    <div className="dnote-field">
      <label htmlFor={id} className="dnote-label">
        {label}
      </label>
      <input
        id={id}
        className="text-input"
        value={value}
        maxLength={200}
        placeholder={placeholder}
        aria-invalid={error !== null}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? <p className="dnote-error">{error}</p> : null}
    </div>
  );
}

function WorkActions({ busy, submitLabel, onCancel }: { busy: boolean; submitLabel: string; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <div className="guide-actions">
      <button type="button" className="btn btn-sm" onClick={onCancel}>
        {t('guide.cancel')}
      </button>
      <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
        {submitLabel}
      </button>
    </div>
  );
}

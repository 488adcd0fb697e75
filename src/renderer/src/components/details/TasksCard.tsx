// Tareas of this conversation: open first (overdue ones stand out), done ones folded; a new task with a
// title, a due date and an assignee; checking one marks it done (and unchecking reopens it).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../../shared/entities';
import { actions } from '../../lib/actions';
import { fullDate, stamp } from '../../lib/time';
import { useNow } from '../../hooks/useNow';
import { useConversationStore } from '../../stores/conversationStore';
import { useSessionStore } from '../../stores/sessionStore';
import { Icon } from '../common/Icon';
import { TaskForm } from '../guide/WorkForms';

const byDue = (a: Task, b: Task) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.createdAt - b.createdAt;

export function TasksCard({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const tasks = useConversationStore((s) => s.tasks);
  const [adding, setAdding] = useState(false);
  const [showDone, setShowDone] = useState(false);
  const open = tasks.filter((x) => !x.done).sort(byDue);
  const done = tasks.filter((x) => x.done);
  return (
    <section className="card" aria-labelledby="tasks-title">
      <div className="card-head">
        <h3 className="card-title" id="tasks-title">
          {t('guide.task.cardTitle')}
        </h3>
        {!adding ? (
          <button type="button" className="link-btn" onClick={() => setAdding(true)}>
            <Icon name="plus" size={12} /> {t('guide.task.new')}
          </button>
        ) : null}
      </div>
      {adding ? (
        <TaskForm
          idPrefix="details-task"
          conversationId={conversationId}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {open.length === 0 && !adding ? <p className="muted">{t('guide.task.none')}</p> : null}
      <ul className="work-list">
        {open.map((task) => (
          <TaskRow key={task.id} task={task} />
        ))}
        {showDone ? done.map((task) => <TaskRow key={task.id} task={task} />) : null}
      </ul>
      {done.length ? (
        <button type="button" className="link-btn" aria-expanded={showDone} onClick={() => setShowDone(!showDone)}>
          {showDone ? t('guide.task.hideDone') : t('guide.task.showDone', { count: done.length })}
        </button>
      ) : null}
    </section>
  );
}

function TaskRow({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const agentsById = useSessionStore((s) => s.agentsById);
  const overdue = !task.done && task.dueAt !== null && task.dueAt < now;
  const assignee = task.assigneeId ? agentsById.get(task.assigneeId)?.name : null;
  return (
    <li className={`work-item task${task.done ? ' done' : ''}${overdue ? ' overdue' : ''}`}>
      <input
        type="checkbox"
        className="task-check"
        checked={task.done}
        aria-label={t(task.done ? 'guide.task.markOpen' : 'guide.task.markDone', { title: task.title })}
        onChange={() => void actions.updateTask({ taskId: task.id, done: !task.done })}
      />
      <div className="work-main">
        <span className="work-title">{task.title}</span>
        <span className="work-meta">
          {task.dueAt !== null ? (
            <time dateTime={new Date(task.dueAt).toISOString()} title={fullDate(i18n.language, task.dueAt)}>
              {overdue
                ? t('guide.task.overdue', { time: stamp(t, i18n.language, task.dueAt, now) })
                : t('guide.task.dueAt', { time: stamp(t, i18n.language, task.dueAt, now) })}
            </time>
          ) : (
            <span>{t('guide.task.noDue')}</span>
          )}
          {' · '}
          {assignee ?? t('details.unassigned')}
        </span>
      </div>
    </li>
  );
}

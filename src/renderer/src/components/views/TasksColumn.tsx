// Column 2 as "Mis tareas": my open tasks, overdue first, then by due date (grouped: Vencidas, Hoy,
// Próximas, Sin fecha, and Hechas when asked for), each with its due date in words and the contact of the
// linked conversation. Clicking a task (or j/k) opens that conversation in column 3; the checkbox marks the
// task done inline. Virtualized like the conversation list.
import { useVirtualizer } from '@tanstack/react-virtual';
import { differenceInCalendarDays } from 'date-fns';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../../shared/entities';
import { useNow } from '../../hooks/useNow';
import { dueText } from '../../lib/due';
import { fullDate, stamp } from '../../lib/time';
import { useConversationStore } from '../../stores/conversationStore';
import { useSessionStore } from '../../stores/sessionStore';
import { isOverdue, useTasksStore } from '../../stores/tasksStore';
import { Icon } from '../common/Icon';
import { EmptyState } from '../common/EmptyState';
import { useListKeys } from './useListKeys';

const GROUPS = ['overdue', 'today', 'upcoming', 'noDate', 'done'] as const;
type Group = (typeof GROUPS)[number];
type Row = { kind: 'header'; group: Group; count: number } | { kind: 'task'; task: Task };

const HEADER_HEIGHT = 30;
const ROW_HEIGHT = 60;

function groupOf(task: Task, now: number): Group {
  if (task.done) return 'done';
  if (task.dueAt === null) return 'noDate';
  if (task.dueAt <= now) return 'overdue';
  return differenceInCalendarDays(task.dueAt, now) === 0 ? 'today' : 'upcoming';
}

export function TasksColumn() {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const { items, includeDone, loaded, cursorId, setIncludeDone, setCursor } = useTasksStore();
  const openId = useConversationStore((s) => s.openId);
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => void useTasksStore.getState().load(), []);

  const rows = useMemo<Row[]>(() => {
    const byGroup = new Map<Group, Task[]>(GROUPS.map((g) => [g, []]));
    for (const task of items) byGroup.get(groupOf(task, now))?.push(task);
    return GROUPS.flatMap((group) => {
      const tasks = byGroup.get(group) ?? [];
      if (tasks.length === 0) return [];
      return [
        { kind: 'header', group, count: tasks.length } as Row,
        ...tasks.map((task) => ({ kind: 'task', task }) as Row),
      ];
    });
  }, [items, now]);
  const taskRows = rows.filter((r): r is Extract<Row, { kind: 'task' }> => r.kind === 'task');
  const open = items.filter((x) => !x.done);
  const overdue = open.filter((x) => isOverdue(x, now)).length;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? HEADER_HEIGHT : ROW_HEIGHT),
    overscan: 8,
  });
  const cursorIndex = rows.findIndex((r) => r.kind === 'task' && r.task.id === cursorId);
  useEffect(() => {
    if (cursorIndex >= 0) virtualizer.scrollToIndex(cursorIndex, { align: 'auto' });
  }, [cursorIndex, virtualizer]);

  const openTask = (task: Task) => {
    setCursor(task.id);
    if (task.conversationId) void useConversationStore.getState().open(task.conversationId);
  };
  useListKeys(
    (delta) => {
      if (taskRows.length === 0) return;
      const i = taskRows.findIndex((r) => r.task.id === cursorId);
      const next = taskRows[Math.max(0, Math.min(taskRows.length - 1, i < 0 ? 0 : i + delta))];
      if (next) openTask(next.task);
    },
    () => {
      const task = taskRows.find((r) => r.task.id === cursorId)?.task;
      if (task) openTask(task);
    },
  );

  return (
    <section className="col col-list admin-screen" aria-label={t('admin.tasks.title')}>
      <header className="list-head admin-head">
        <div className="list-title-row">
          <h1 className="breadcrumb">
            <span className="crumb current">{t('admin.tasks.title')}</span>
          </h1>
        </div>
        <div className="admin-head-row">
          <p className="admin-summary" role="status" aria-label={t('admin.tasks.summaryLabel')}>
            {t('admin.tasks.summary', { count: open.length })}
            {overdue > 0 ? (
              <span className="admin-summary-alert"> · {t('admin.tasks.summaryOverdue', { count: overdue })}</span>
            ) : null}
          </p>
          <label className="admin-check">
            <input type="checkbox" checked={includeDone} onChange={(e) => setIncludeDone(e.target.checked)} />
            {t('admin.tasks.includeDone')}
          </label>
        </div>
      </header>
      {loaded && rows.length === 0 ? (
        <div className="list-empty">
          <EmptyState
            icon={<Icon name="tasks" size={28} />}
            title={t('admin.tasks.emptyTitle')}
            body={t('admin.tasks.emptyBody')}
          />
        </div>
      ) : (
        <div
          ref={scrollRef}
          className="list-scroll"
          role="listbox"
          aria-label={t('admin.tasks.title')}
          aria-activedescendant={cursorIndex >= 0 && cursorId ? `task-${cursorId}` : undefined}
          tabIndex={0}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={row.kind === 'task' ? row.task.id : `h-${row.group}`}
                  className="vrow"
                  style={{ transform: `translateY(${item.start}px)`, height: item.size }}
                  role="presentation"
                >
                  {row.kind === 'header' ? (
                    <div className={`admin-group admin-group-${row.group}`} aria-hidden="true">
                      <span>{t(`admin.tasks.group.${row.group}`)}</span>
                      <span className="admin-group-count">{row.count}</span>
                    </div>
                  ) : (
                    <TaskRow
                      task={row.task}
                      now={now}
                      isCursor={row.task.id === cursorId}
                      isOpen={row.task.conversationId !== null && row.task.conversationId === openId}
                      onOpen={openTask}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

interface RowProps {
  task: Task;
  now: number;
  isCursor: boolean;
  isOpen: boolean;
  onOpen(task: Task): void;
}

const TaskRow = memo(function TaskRow({ task, now, isCursor, isOpen, onOpen }: RowProps) {
  const { t, i18n } = useTranslation();
  const tray = useSessionStore((s) => (task.conversation ? s.traysById.get(task.conversation.trayId) : undefined));
  const setDone = useTasksStore((s) => s.setDone);
  const overdue = isOverdue(task, now);
  const due = task.done
    ? t('admin.tasks.doneAt', { time: task.doneAt ? stamp(t, i18n.language, task.doneAt, now) : '' })
    : dueText(t, i18n.language, task.dueAt, now);
  const where = task.conversation
    ? [task.conversation.contactName, tray?.name].filter(Boolean).join(' · ')
    : task.conversationId
      ? t('admin.tasks.outOfSight')
      : t('admin.tasks.standalone');
  return (
    <div
      role="option"
      id={`task-${task.id}`}
      aria-selected={isCursor}
      aria-current={isOpen ? 'true' : undefined}
      aria-label={t('admin.tasks.rowLabel', { title: task.title, due, where })}
      className={`conv-row task-row${isCursor ? ' cursor' : ''}${isOpen ? ' open' : ''}${task.done ? ' done' : ''}`}
      onClick={() => onOpen(task)}
    >
      <label className="row-check task-check" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          checked={task.done}
          aria-label={t(task.done ? 'admin.tasks.markOpen' : 'admin.tasks.markDone', { title: task.title })}
          onChange={() => void setDone(task.id, !task.done)}
        />
      </label>
      <div className="row-main">
        <div className="row-line1">
          <span className="row-name task-title">{task.title}</span>
          <span
            className={`task-due${overdue ? ' overdue' : ''}`}
            title={task.dueAt ? fullDate(i18n.language, task.dueAt) : undefined}
          >
            {due}
          </span>
        </div>
        <div className="task-where">{where}</div>
      </div>
    </div>
  );
});

// Column 1: the notifications bell, views (Mías / Sin asignar / Todas, Mis tareas), the supervisors'
// Revisión de cierres, trays with categories, statuses, tags, Equipo (who is online), sync state.
import { useTranslation } from 'react-i18next';
import { STATUSES } from '../../../../shared/domain';
import type { View } from '../../../../shared/contract';
import { useNow } from '../../hooks/useNow';
import { useCountsStore } from '../../stores/countsStore';
import { sameView, useNavStore } from '../../stores/navStore';
import { canReview, useSessionStore } from '../../stores/sessionStore';
import { isOverdue, useTasksStore } from '../../stores/tasksStore';
import { useUiStore } from '../../stores/uiStore';
import { Icon } from '../common/Icon';
import { openScreen } from '../views/openScreen';
import { DesktopNoticeBanner } from '../reminders/DesktopNoticeBanner';
import { NavItem } from './NavItem';
import { NotificationsBell } from './NotificationsBell';
import { SyncIndicator } from './SyncIndicator';
import { TeamSection } from './TeamSection';
import { TrayGroup } from './TrayGroup';

const STATUS_DOT: Record<string, string> = {
  open: 'dot-open',
  pending: 'dot-pending',
  snoozed: 'dot-snoozed',
  resolved: 'dot-resolved',
};

export function NavColumn() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const counts = useCountsStore((s) => s.counts);
  const { screen, view, status, setView, setStatus } = useNavStore();
  const openSettings = useUiStore((s) => s.setSettingsOpen);
  const tasks = useTasksStore((s) => s.items);
  const now = useNow(30_000);
  if (!session) return null;
  const inbox = screen === 'inbox';
  const isView = (v: View) => inbox && sameView(view, v);
  const openTasks = tasks.filter((x) => !x.done);
  const overdue = openTasks.filter((x) => isOverdue(x, now)).length;
  const viewCount = (k: 'mine' | 'unassigned' | 'all') => counts?.views[k][status];
  const currentCounts = (() => {
    if (!counts) return undefined;
    if (view.kind === 'mine' || view.kind === 'unassigned' || view.kind === 'all') return counts.views[view.kind];
    if (view.kind === 'tray') return counts.trays[view.trayId];
    if (view.kind === 'category') return counts.categories[view.categoryId];
    return counts.tags[view.tagId];
  })();

  return (
    <nav className="col col-nav" aria-label={t('nav.label')}>
      <header className="nav-head">
        <div className="nav-brand-row">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              <Icon name="inbox" size={15} />
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </div>
          <NotificationsBell />
        </div>
        <span className="workspace-name" title={session.workspace.name}>
          {session.workspace.name}
        </span>
      </header>
      <div className="nav-scroll">
        <section className="nav-section" aria-label={t('nav.views')}>
          <NavItem
            label={t('nav.mine')}
            icon={<Icon name="user" />}
            count={viewCount('mine')}
            active={isView({ kind: 'mine' })}
            onSelect={() => setView({ kind: 'mine' })}
          />
          <NavItem
            label={t('nav.unassigned')}
            icon={<Icon name="inbox" />}
            count={viewCount('unassigned')}
            active={isView({ kind: 'unassigned' })}
            onSelect={() => setView({ kind: 'unassigned' })}
          />
          <NavItem
            label={t('nav.all')}
            icon={<Icon name="layers" />}
            count={viewCount('all')}
            active={isView({ kind: 'all' })}
            onSelect={() => setView({ kind: 'all' })}
          />
          <NavItem
            label={t('admin.tasks.title')}
            icon={<Icon name="tasks" />}
            count={openTasks.length}
            countTone={overdue > 0 ? 'alert' : undefined}
            countHint={overdue > 0 ? t('admin.tasks.summaryOverdue', { count: overdue }) : undefined}
            active={screen === 'tasks'}
            onSelect={() => openScreen('tasks')}
          />
        </section>
        {canReview(session.me.role) ? (
          <section className="nav-section" aria-labelledby="nav-supervision">
            <h2 className="nav-heading" id="nav-supervision">
              {t('admin.nav.supervision')}
            </h2>
            <NavItem
              label={t('admin.review.title')}
              icon={<Icon name="review" />}
              active={screen === 'review'}
              onSelect={() => openScreen('review')}
            />
          </section>
        ) : null}
        <section className="nav-section" aria-labelledby="nav-trays">
          <h2 className="nav-heading" id="nav-trays">
            {t('nav.trays')}
          </h2>
          {session.trays
            .filter((tr) => tr.active)
            .map((tray) => (
              <TrayGroup key={tray.id} tray={tray} />
            ))}
        </section>
        <section className="nav-section" aria-labelledby="nav-statuses">
          <h2 className="nav-heading" id="nav-statuses">
            {t('nav.statuses')}
          </h2>
          {STATUSES.map((s) => (
            <NavItem
              key={s}
              label={t(`status.${s}`)}
              icon={<span className={`status-dot ${STATUS_DOT[s] ?? ''}`} />}
              count={currentCounts?.[s]}
              active={inbox && status === s}
              onSelect={() => setStatus(s)}
            />
          ))}
        </section>
        <section className="nav-section" aria-labelledby="nav-tags">
          <h2 className="nav-heading" id="nav-tags">
            {t('nav.tags')}
          </h2>
          {session.tags.map((tag) => (
            <NavItem
              key={tag.id}
              label={tag.name}
              icon={<span className="tag-swatch" style={{ background: tag.color }} />}
              count={counts?.tags[tag.id]?.[status]}
              active={inbox && view.kind === 'tag' && view.tagId === tag.id}
              onSelect={() => setView({ kind: 'tag', tagId: tag.id })}
            />
          ))}
        </section>
        <TeamSection />
      </div>
      <DesktopNoticeBanner />
      <footer className="nav-foot">
        <SyncIndicator />
        <button
          type="button"
          className="icon-btn"
          aria-label={t('settings.open')}
          title={t('settings.open')}
          onClick={() => openSettings(true)}
        >
          <Icon name="settings" />
        </button>
      </footer>
    </nav>
  );
}

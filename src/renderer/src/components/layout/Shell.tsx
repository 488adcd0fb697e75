// The four-column frame. Widths come from prefs (remembered across restarts); the thread keeps a
// readable minimum by borrowing from details, then list, then nav on small windows. Column 2 shows the
// conversation list, or a workspace screen picked in column 1 (Mis tareas, Revisión de cierres).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../hooks/useNarrow';
import { useNavStore } from '../../stores/navStore';
import { usePrefsStore } from '../../stores/prefsStore';
import { canReview, useSessionStore } from '../../stores/sessionStore';
import { DetailsColumn } from '../details/DetailsColumn';
import { ListColumn } from '../list/ListColumn';
import { NavColumn } from '../nav/NavColumn';
import { ThreadColumn } from '../thread/ThreadColumn';
import { ReviewColumn } from '../views/ReviewColumn';
import { TasksColumn } from '../views/TasksColumn';
import { ResizeHandle } from './ResizeHandle';

type Widths = [number, number, number];
const MIN_THREAD = 460;

function fit([c1, c2, c4]: Widths, total: number, details: boolean): Widths {
  let over = c1 + c2 + (details ? c4 : 0) + MIN_THREAD - total;
  const take = (w: number, floor: number) => {
    const d = Math.max(0, Math.min(over, w - floor));
    over -= d;
    return w - d;
  };
  const d4 = details ? take(c4, 264) : c4;
  const d1 = take(c1, 204);
  const d2 = take(c2, 320);
  return [d1, d2, d4];
}

export function Shell() {
  const { t } = useTranslation();
  const { prefs, update } = usePrefsStore();
  const narrow = useNarrow();
  const screen = useNavStore((s) => s.screen);
  const reviewer = useSessionStore((s) => canReview(s.session?.me.role));
  // Widths while a handle is being dragged; otherwise the saved preferences are the truth.
  const [dragging, setDragging] = useState<Widths | null>(null);
  const live = dragging ?? prefs.columnWidths;
  const [winW, setWinW] = useState(() => window.innerWidth);
  useEffect(() => {
    const on = () => setWinW(window.innerWidth);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);

  const showDetails = !narrow && !prefs.detailsCollapsed;
  const [c1, c2, c4] = fit(live, winW, showDetails);
  const set = (i: 0 | 1 | 2) => (w: number) => setDragging(Object.assign([...live], { [i]: w }) as Widths);
  const commit = (i: 0 | 1 | 2) => (w: number) => {
    const next = Object.assign([...live], { [i]: w }) as Widths;
    void update({ columnWidths: next }).finally(() => setDragging(null));
  };
  const toggleDetails = () => void update({ detailsCollapsed: !prefs.detailsCollapsed });
  const columns = showDetails ? `${c1}px ${c2}px minmax(0,1fr) ${c4}px` : `${c1}px ${c2}px minmax(0,1fr)`;

  return (
    <div className="shell" style={{ gridTemplateColumns: columns }}>
      <NavColumn />
      {screen === 'tasks' ? <TasksColumn /> : screen === 'review' && reviewer ? <ReviewColumn /> : <ListColumn />}
      <ThreadColumn onToggleDetails={toggleDetails} />
      {showDetails ? <DetailsColumn /> : null}
      <div className="handles" aria-hidden={false}>
        <div className="handle-slot" style={{ left: c1 }}>
          <ResizeHandle
            label={t('nav.label')}
            value={c1}
            min={160}
            max={400}
            direction={1}
            onChange={set(0)}
            onCommit={commit(0)}
          />
        </div>
        <div className="handle-slot" style={{ left: c1 + c2 }}>
          <ResizeHandle
            label={t('list.label')}
            value={c2}
            min={240}
            max={700}
            direction={1}
            onChange={set(1)}
            onCommit={commit(1)}
          />
        </div>
        {showDetails ? (
          <div className="handle-slot" style={{ right: c4 }}>
            <ResizeHandle
              label={t('details.region')}
              value={c4}
              min={220}
              max={600}
              direction={-1}
              onChange={set(2)}
              onCommit={commit(2)}
            />
          </div>
        ) : null}
      </div>
    </div>
  );
}

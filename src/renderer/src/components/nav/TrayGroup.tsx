// A tray with its categories, expandable (Ventas › Cotizaciones, Seguimiento comercial, …).
import { useTranslation } from 'react-i18next';
import type { Tray } from '../../../../shared/entities';
import { useShallow } from 'zustand/react/shallow';
import { useCountsStore } from '../../stores/countsStore';
import { useNavStore } from '../../stores/navStore';
import { Icon } from '../common/Icon';
import { NavItem } from './NavItem';

export function TrayGroup({ tray }: { tray: Tray }) {
  const { t } = useTranslation();
  const { inbox, view, status, setView, expanded, toggle } = useNavStore(
    useShallow((s) => ({
      inbox: s.screen === 'inbox',
      view: s.view,
      status: s.status,
      setView: s.setView,
      expanded: s.expandedTrays.has(tray.id),
      toggle: s.toggleTray,
    })),
  );
  const counts = useCountsStore((s) => s.counts);
  const cats = tray.categories.filter((c) => c.active);
  const caret = cats.length ? (
    <button
      type="button"
      className="nav-caret"
      aria-expanded={expanded}
      aria-label={expanded ? t('nav.collapse', { name: tray.name }) : t('nav.expand', { name: tray.name })}
      onClick={() => toggle(tray.id)}
    >
      <Icon name={expanded ? 'chevron-down' : 'chevron-right'} size={14} />
    </button>
  ) : (
    <span className="nav-caret-spacer" />
  );
  return (
    <>
      <NavItem
        label={tray.name}
        count={counts?.trays[tray.id]?.[status]}
        active={inbox && view.kind === 'tray' && view.trayId === tray.id}
        onSelect={() => setView({ kind: 'tray', trayId: tray.id })}
        trailing={caret}
      />
      {expanded &&
        cats.map((c) => (
          <NavItem
            key={c.id}
            depth={1}
            label={c.name}
            count={counts?.categories[c.id]?.[status]}
            active={inbox && view.kind === 'category' && view.categoryId === c.id}
            onSelect={() => setView({ kind: 'category', categoryId: c.id })}
          />
        ))}
    </>
  );
}

// Column 2: breadcrumb, status tabs, filters, the virtualized list and the bulk bar.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { viewCrumbs } from '../../lib/labels';
import { useListStore } from '../../stores/listStore';
import { useNavStore } from '../../stores/navStore';
import { useSessionStore } from '../../stores/sessionStore';
import { BulkBar } from './BulkBar';
import { ConversationList } from './ConversationList';
import { ListFilterBar } from './ListFilterBar';
import { StatusTabs } from './StatusTabs';

export function ListColumn() {
  const { t } = useTranslation();
  const { view, status, filters } = useNavStore();
  const lookup = useSessionStore();
  const rows = useListStore((s) => s.rows);
  const selected = useListStore((s) => s.selected);
  const selectAll = useListStore((s) => s.selectAllLoaded);
  const reload = useListStore((s) => s.reload);

  // A different view, status or filter set is a new list: start from the top.
  useEffect(() => {
    void reload();
  }, [view, status, filters, reload]);

  const crumbs = viewCrumbs(t, lookup, view);
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <section className="col col-list" aria-label={t('list.label')}>
      <header className="list-head">
        <div className="list-title-row">
          <label className="row-check head-check">
            <input
              type="checkbox"
              aria-label={t('list.selectAll')}
              checked={allChecked}
              ref={(el) => {
                if (el) el.indeterminate = selected.size > 0 && !allChecked;
              }}
              onChange={selectAll}
            />
          </label>
          <h1 className="breadcrumb">
            {crumbs.map((c, i) => (
              <span key={i} className={i === crumbs.length - 1 ? 'crumb current' : 'crumb'}>
                {i > 0 ? (
                  <span className="crumb-sep" aria-hidden="true">
                    ›
                  </span>
                ) : null}
                {c}
              </span>
            ))}
          </h1>
        </div>
        <StatusTabs />
        <ListFilterBar />
      </header>
      <ConversationList />
      <BulkBar />
    </section>
  );
}

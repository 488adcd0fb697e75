// Appears when rows are selected: Asignar / Mover / Estado / Etiqueta / Posponer / Resolver on all of them at
// once (Posponer takes a real date and time; Resolver applies the closing policy per conversation; both
// report per item).
import { useTranslation } from 'react-i18next';
import { openSnooze } from '../../lib/snooze';
import { useGuideDialogStore } from '../../stores/guideDialogStore';
import { useListStore } from '../../stores/listStore';
import { useUiStore, type PickerKind } from '../../stores/uiStore';
import { Icon } from '../common/Icon';

export function BulkBar() {
  const { t } = useTranslation();
  const selected = useListStore((s) => s.selected);
  const clear = useListStore((s) => s.clearSelection);
  const openPicker = useUiStore((s) => s.openPicker);
  if (selected.size === 0) return null;
  const ids = [...selected];
  const pick = (kind: PickerKind) => openPicker(kind, { kind: 'bulk', conversationIds: ids });
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.bar')}>
      <span className="bulk-count">{t('bulk.selected', { count: selected.size })}</span>
      <button type="button" className="btn btn-sm" onClick={() => pick('assign')}>
        <Icon name="user" size={14} /> {t('bulk.assign')}
      </button>
      <button type="button" className="btn btn-sm" onClick={() => pick('move')}>
        <Icon name="move" size={14} /> {t('bulk.move')}
      </button>
      <button type="button" className="btn btn-sm" onClick={() => pick('status')}>
        <Icon name="check" size={14} /> {t('bulk.status')}
      </button>
      <button type="button" className="btn btn-sm" onClick={() => pick('tag')}>
        <Icon name="tag" size={14} /> {t('bulk.tag')}
      </button>
      <button
        type="button"
        className="btn btn-sm"
        aria-haspopup="dialog"
        title={`${t('reminders.snooze.action')} (s)`}
        onClick={() => openSnooze({ kind: 'bulk', conversationIds: ids })}
      >
        <Icon name="clock" size={14} /> {t('reminders.snooze.action')}
      </button>
      <button
        type="button"
        className="btn btn-sm btn-resolve"
        aria-haspopup="dialog"
        onClick={() =>
          useGuideDialogStore.getState().open({ kind: 'resolve', target: { kind: 'bulk', conversationIds: ids } })
        }
      >
        <Icon name="check" size={14} /> {t('guide.bulk.resolve')}
      </button>
      <button type="button" className="icon-btn" aria-label={t('bulk.clear')} title={t('bulk.clear')} onClick={clear}>
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

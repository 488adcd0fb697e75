// Bottom of column 1: always-visible sync state. Today that is honestly "Solo local" (no server yet),
// or the app link being down when the headless host drops.
import { useTranslation } from 'react-i18next';
import { useSyncStore } from '../../stores/syncStore';

export function SyncIndicator() {
  const { t } = useTranslation();
  const { mode, link, pendingChanges } = useSyncStore();
  const state = link !== 'open' ? (link === 'connecting' ? 'connecting' : 'offline') : mode;
  const label =
    link === 'connecting' ? t('sync.connecting') : link === 'closed' ? t('sync.disconnected') : t('sync.local');
  return (
    <div className={`sync-indicator sync-${state}`} role="status" title={t('sync.localHint')}>
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-label">{label}</span>
      {pendingChanges > 0 ? <span className="sync-pending">{t('sync.pending', { count: pendingChanges })}</span> : null}
    </div>
  );
}

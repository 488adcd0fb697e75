// Bottom of column 1: always-visible sync state (UI.md). A dot and a word (En línea, Sin conexión,
// Sincronizando…, Solo local), changes waiting to be sent, when the last round succeeded, what is wrong,
// "Reintentar" while offline, and how many changes the server refused. The app's own link to the core
// (the host's WebSocket) wins when it is down: then nothing else the indicator says is current.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useNow } from '../../hooks/useNow';
import { fullDate } from '../../lib/time';
import { useSyncStore } from '../../stores/syncStore';
import { Icon } from '../common/Icon';

function syncedText(t: TFunction, at: number, now: number): string {
  const mins = Math.floor((now - at) / 60_000);
  if (mins < 1) return t('sync.syncedJustNow');
  if (mins < 60) return t('sync.syncedMinutes', { count: mins });
  const hours = Math.floor(mins / 60);
  if (hours < 24) return t('sync.syncedHours', { count: hours });
  return t('sync.syncedDays', { count: Math.floor(hours / 24) });
}

export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const { mode, link, pendingChanges, lastSyncAt, rejections, problem, retrying, retry } = useSyncStore();
  const now = useNow(30_000);
  const linkDown = link !== 'open';
  const state = linkDown ? (link === 'connecting' ? 'connecting' : 'offline') : mode;
  const label = linkDown ? t(link === 'connecting' ? 'sync.connecting' : 'sync.disconnected') : t(`sync.mode.${mode}`);
  const problemText = !linkDown && problem ? t(problem, { defaultValue: '' }) : '';
  const server = mode !== 'local';

  return (
    <div className={`sync-indicator sync-${state}`} title={mode === 'local' ? t('sync.localHint') : undefined}>
      <div className="sync-live" role="status" aria-live="polite">
        <span className="sync-line">
          <span className="sync-dot" aria-hidden="true" />
          <span className="sync-label">{label}</span>
        </span>
        {pendingChanges > 0 ? (
          <span className="sync-sub sync-pending">{t('sync.pending', { count: pendingChanges })}</span>
        ) : null}
        {problemText ? <span className="sync-sub sync-problem">{problemText}</span> : null}
        {rejections > 0 ? (
          <span className="sync-sub sync-rejected">
            <Icon name="alert" size={12} />
            {t('sync.rejected', { count: rejections })}
          </span>
        ) : null}
      </div>
      {/* Outside the live region: a clock ticking every 30 s must not be read aloud each time. */}
      {server && !linkDown && lastSyncAt ? (
        <span className="sync-sub sync-time" title={fullDate(i18n.language, lastSyncAt)}>
          {syncedText(t, lastSyncAt, Math.max(now, lastSyncAt))}
        </span>
      ) : null}
      {!linkDown && mode === 'offline' ? (
        <button
          type="button"
          className="btn btn-sm sync-retry"
          disabled={retrying}
          aria-busy={retrying}
          onClick={() => void retry()}
        >
          {retrying ? t('sync.retrying') : t('sync.retry')}
        </button>
      ) : null}
    </div>
  );
}

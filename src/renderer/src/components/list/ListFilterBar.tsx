// Combinable filters: channel × assignee (incl. "Sin asignar") × tag. Native selects: compact, keyboardable.
import { useTranslation } from 'react-i18next';
import { CHANNEL_KINDS, type ChannelKind } from '../../../../shared/domain';
import { hasFilters, useNavStore } from '../../stores/navStore';
import { useSessionStore } from '../../stores/sessionStore';

export function ListFilterBar() {
  const { t } = useTranslation();
  const { filters, setFilters } = useNavStore();
  const session = useSessionStore((s) => s.session);
  if (!session) return null;
  const channel = filters.channels?.[0] ?? '';
  const assignee = filters.assignees?.[0] ?? '';
  const tag = filters.tagIds?.[0] ?? '';
  const usedKinds = new Set(session.channels.map((c) => c.kind));
  const kinds = CHANNEL_KINDS.filter((k) => usedKinds.size === 0 || usedKinds.has(k));

  return (
    <div className="filter-bar" role="group" aria-label={t('list.filters')}>
      <select
        className={`filter-select${channel ? ' on' : ''}`}
        aria-label={t('list.channelFilter')}
        value={channel}
        onChange={(e) =>
          setFilters({ ...filters, channels: e.target.value ? [e.target.value as ChannelKind] : undefined })
        }
      >
        <option value="">{t('list.anyChannel')}</option>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {t(`channel.${k}`)}
          </option>
        ))}
      </select>
      <select
        className={`filter-select${assignee ? ' on' : ''}`}
        aria-label={t('list.assigneeFilter')}
        value={assignee}
        onChange={(e) => setFilters({ ...filters, assignees: e.target.value ? [e.target.value] : undefined })}
      >
        <option value="">{t('list.anyAssignee')}</option>
        <option value="none">{t('list.unassignedShort')}</option>
        {session.agents
          .filter((a) => a.active)
          .map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === session.me.id ? t('picker.me', { name: a.name }) : a.name}
            </option>
          ))}
      </select>
      <select
        className={`filter-select${tag ? ' on' : ''}`}
        aria-label={t('list.tagFilter')}
        value={tag}
        onChange={(e) => setFilters({ ...filters, tagIds: e.target.value ? [e.target.value] : undefined })}
      >
        <option value="">{t('list.anyTag')}</option>
        {session.tags.map((tg) => (
          <option key={tg.id} value={tg.id}>
            {tg.name}
          </option>
        ))}
      </select>
      {hasFilters(filters) ? (
        <button type="button" className="link-btn" onClick={() => setFilters({})}>
          {t('list.clearFilters')}
        </button>
      ) : null}
    </div>
  );
}

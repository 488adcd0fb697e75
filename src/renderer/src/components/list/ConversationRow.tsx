// One conversation in column 2: channel, contact, snippet, assignee avatar, tags, time waiting — or, for
// a snoozed one, when it comes back.
import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/entities';
import { ago, fullDate, listStamp, stamp } from '../../lib/time';
import { wakeText } from '../../lib/wake';
import { useRejectionsStore } from '../../stores/rejectionsStore';
import { useSessionStore } from '../../stores/sessionStore';
import { ChannelIcon } from '../common/ChannelIcon';
import { Icon } from '../common/Icon';
import { TagChip } from '../common/TagChip';
import { AgentAvatar } from '../presence/AgentAvatar';

interface Props {
  row: ConversationSummary;
  isOpen: boolean;
  isCursor: boolean;
  isSelected: boolean;
  now: number;
  onOpen(id: string): void;
  onCheck(id: string, e: MouseEvent): void;
}

export const ConversationRow = memo(function ConversationRow({
  row,
  isOpen,
  isCursor,
  isSelected,
  now,
  onOpen,
  onCheck,
}: Props) {
  const { t, i18n } = useTranslation();
  const agent = useSessionStore((s) => (row.assigneeId ? s.agentsById.get(row.assigneeId) : undefined));
  const tagsById = useSessionStore((s) => s.tagsById);
  const tags = row.tagIds.map((id) => tagsById.get(id)).filter((x) => x !== undefined);
  // A change the server refused: the thread explains it, the row only hints (and says it to screen readers).
  const refused = useRejectionsStore((s) => s.conversationIds.has(row.id));
  const waiting = row.waitingSince !== null && row.status !== 'resolved';
  // Pospuestas say when they come back: "mañana 9:00", "lun 1 dic 9:00", "en 20 min" (agent's zone).
  const wake =
    row.status === 'snoozed' && row.snoozedUntil !== null ? wakeText(t, i18n.language, row.snoozedUntil, now) : null;
  // Pendientes with a follow-up reminder say when they come back if the customer stays silent.
  const followUp =
    row.status === 'pending' && row.followUpAt !== null ? wakeText(t, i18n.language, row.followUpAt, now) : null;
  const label =
    t('list.rowLabel', {
      name: row.contactName,
      channel: t(`channel.${row.channelKind}`),
      snippet: row.snippet,
    }) +
    (wake ? ` · ${t('list.snoozedUntil', { time: wake })}` : '') +
    (followUp ? ` · ${t('list.followUpAt', { time: followUp })}` : '') +
    (refused ? ` · ${t('rejection.rowMarker')}` : '');

  return (
    <div
      role="option"
      id={`conv-${row.id}`}
      aria-selected={isSelected}
      aria-current={isOpen ? 'true' : undefined}
      aria-label={label}
      className={`conv-row${isOpen ? ' open' : ''}${isCursor ? ' cursor' : ''}${isSelected ? ' selected' : ''}${waiting ? ' waiting' : ''}`}
      onClick={(e) => (e.shiftKey || e.metaKey || e.ctrlKey ? onCheck(row.id, e) : onOpen(row.id))}
    >
      <label className="row-check" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          checked={isSelected}
          aria-label={t('list.selectRow', { name: row.contactName })}
          onClick={(e) => onCheck(row.id, e)}
          onChange={() => undefined}
        />
      </label>
      <div className="row-main">
        <div className="row-line1">
          <ChannelIcon kind={row.channelKind} size={14} />
          <span className="row-name">{row.contactName}</span>
          {row.priority === 'urgent' || row.priority === 'high' ? (
            <span
              className={`prio prio-${row.priority}`}
              title={t(row.priority === 'urgent' ? 'list.priorityUrgent' : 'list.priorityHigh')}
            >
              !
            </span>
          ) : null}
          {refused ? (
            <span className="row-refused" title={t('rejection.rowMarker')}>
              <Icon name="alert" size={12} />
            </span>
          ) : null}
          <span className="row-time" title={stamp(t, i18n.language, row.lastActivityAt, now)}>
            {listStamp(t, i18n.language, row.lastActivityAt, now)}
          </span>
        </div>
        <div className="row-snippet">
          {row.subject ? <span className="row-subject">{row.subject} — </span> : null}
          {row.snippet}
        </div>
        <div className="row-meta">
          {tags.slice(0, 3).map((tag) => (
            <TagChip key={tag.id} tag={tag} />
          ))}
          {tags.length > 3 ? <span className="more-tags">+{tags.length - 3}</span> : null}
          <span className="row-meta-spacer" />
          {wake && row.snoozedUntil !== null ? (
            <span
              className="row-snooze"
              title={t('list.snoozedUntil', { time: fullDate(i18n.language, row.snoozedUntil) })}
            >
              <Icon name="clock" size={11} /> {wake}
            </span>
          ) : followUp && row.followUpAt !== null ? (
            <span
              className="row-snooze row-follow-up"
              title={t('list.followUpAt', { time: fullDate(i18n.language, row.followUpAt) })}
            >
              <Icon name="clock" size={11} /> {followUp}
            </span>
          ) : waiting && row.waitingSince ? (
            <span className="row-waiting" title={t('list.waiting', { time: ago(t, row.waitingSince, now) })}>
              {ago(t, row.waitingSince, now)}
            </span>
          ) : null}
          {agent ? (
            <AgentAvatar agentId={agent.id} name={agent.name} color={agent.color} decorative />
          ) : (
            <span className="avatar avatar-xs avatar-empty" title={t('list.unassignedShort')} aria-hidden="true" />
          )}
        </div>
      </div>
    </div>
  );
});

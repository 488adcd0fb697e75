// Tray / category, assignee (with "Asignarme"), status and tags of the open conversation. Moving to
// another team's tray or escalating may ask for the descriptive note first (lib/actions.ts); "Posponer…"
// and "Resolver…" open their dialogs, and on a resolved conversation "Abierta" reopens it as a new cycle.
import { useTranslation } from 'react-i18next';
import type { ConversationDetail } from '../../../../shared/entities';
import { useNow } from '../../hooks/useNow';
import { actions } from '../../lib/actions';
import { byPresence } from '../../lib/presence';
import { openSnooze } from '../../lib/snooze';
import { fullDate } from '../../lib/time';
import { wakeText } from '../../lib/wake';
import { useGuideDialogStore } from '../../stores/guideDialogStore';
import { usePresenceStore } from '../../stores/presenceStore';
import { useSessionStore } from '../../stores/sessionStore';
import { Icon } from '../common/Icon';
import { TagChip } from '../common/TagChip';
import { PresenceDot } from '../presence/PresenceDot';

export function ClassificationPanel({ detail }: { detail: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const { session, traysById, tagsById, agentsById } = useSessionStore();
  const presence = usePresenceStore((s) => s.byAgent);
  const now = useNow();
  if (!session) return null;
  const tray = traysById.get(detail.trayId);
  const tags = detail.tagIds.map((id) => tagsById.get(id)).filter((x) => x !== undefined);
  const freeTags = session.tags.filter((tg) => !detail.tagIds.includes(tg.id));
  const assignee = detail.assigneeId ? agentsById.get(detail.assigneeId) : undefined;
  const resolved = detail.status === 'resolved';

  return (
    <section className="card" aria-labelledby="cls-title">
      <h3 className="card-title" id="cls-title">
        {t('details.classification')}
      </h3>
      <div className="field">
        <label htmlFor="f-tray">{t('details.tray')}</label>
        <select id="f-tray" value={detail.trayId} onChange={(e) => void actions.move(detail.id, e.target.value, null)}>
          {session.trays
            .filter((tr) => tr.active)
            .map((tr) => (
              <option key={tr.id} value={tr.id}>
                {tr.name}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-cat">{t('details.category')}</label>
        <select
          id="f-cat"
          value={detail.categoryId ?? ''}
          disabled={!tray?.categories.length}
          onChange={(e) => void actions.move(detail.id, detail.trayId, e.target.value || null)}
        >
          <option value="">{t('details.noCategory')}</option>
          {tray?.categories
            .filter((c) => c.active)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-assignee">{t('details.assignee')}</label>
        <div className="field-row">
          {assignee ? <PresenceDot agentId={assignee.id} name={assignee.name} /> : null}
          <select
            id="f-assignee"
            value={detail.assigneeId ?? ''}
            onChange={(e) => void actions.assign(detail.id, e.target.value || null)}
          >
            <option value="">{t('details.unassigned')}</option>
            {byPresence(
              session.agents.filter((a) => a.active || a.id === detail.assigneeId),
              presence,
              i18n.language,
            ).map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === session.me.id ? t('picker.me', { name: a.name }) : a.name}
              </option>
            ))}
          </select>
          {detail.assigneeId !== session.me.id ? (
            <button type="button" className="btn btn-sm" onClick={() => void actions.assign(detail.id, session.me.id)}>
              {t('details.assignMe')}
            </button>
          ) : null}
        </div>
      </div>
      <div className="field status-field">
        <span className="field-label" id="f-status">
          {t('details.status')}
        </span>
        <div className="segmented status-segmented" role="group" aria-labelledby="f-status">
          <button
            type="button"
            aria-pressed={detail.status === 'open'}
            className={`seg status-open${detail.status === 'open' ? ' on' : ''}`}
            title={resolved ? t('guide.status.reopenHint') : undefined}
            onClick={() => void (resolved ? actions.reopen(detail.id) : actions.setStatus(detail.id, 'open'))}
          >
            {t('statusOne.open')}
          </button>
          <button
            type="button"
            aria-pressed={detail.status === 'pending'}
            className={`seg status-pending${detail.status === 'pending' ? ' on' : ''}`}
            disabled={resolved}
            onClick={() => void actions.setStatus(detail.id, 'pending')}
          >
            {t('statusOne.pending')}
          </button>
          <button
            type="button"
            aria-pressed={detail.status === 'snoozed'}
            aria-haspopup="dialog"
            className={`seg status-snoozed${detail.status === 'snoozed' ? ' on' : ''}`}
            disabled={resolved}
            title={`${t('reminders.snooze.action')} (s)`}
            onClick={() => openSnooze({ kind: 'one', conversationId: detail.id })}
          >
            {detail.status === 'snoozed' ? t('statusOne.snoozed') : t('reminders.snooze.actionEllipsis')}
          </button>
          <button
            type="button"
            aria-pressed={resolved}
            aria-haspopup={resolved ? undefined : 'dialog'}
            className={`seg status-resolved${resolved ? ' on' : ''}`}
            onClick={() =>
              !resolved &&
              useGuideDialogStore
                .getState()
                .open({ kind: 'resolve', target: { kind: 'one', conversationId: detail.id } })
            }
          >
            {resolved ? t('statusOne.resolved') : t('guide.status.resolveEllipsis')}
          </button>
        </div>
        {detail.status === 'snoozed' && detail.snoozedUntil ? (
          <div className="field-note" title={fullDate(i18n.language, detail.snoozedUntil)}>
            <Icon name="clock" size={11} />{' '}
            {t('reminders.card.statusNote', { when: wakeText(t, i18n.language, detail.snoozedUntil, now) })}
          </div>
        ) : null}
        {resolved ? <div className="field-hint">{t('guide.status.reopenHint')}</div> : null}
      </div>
      <div className="field">
        <span className="field-label">{t('details.tags')}</span>
        <div className="tag-list">
          {tags.length === 0 ? <span className="muted">{t('details.noTags')}</span> : null}
          {tags.map((tag) => (
            <TagChip key={tag.id} tag={tag}>
              <button
                type="button"
                className="chip-x"
                aria-label={t('details.removeTag', { name: tag.name })}
                onClick={() => void actions.removeTag(detail.id, tag.id)}
              >
                <Icon name="x" size={11} />
              </button>
            </TagChip>
          ))}
        </div>
        {freeTags.length ? (
          <select
            aria-label={t('details.addTag')}
            className="add-tag"
            value=""
            onChange={(e) => e.target.value && void actions.addTag(detail.id, e.target.value)}
          >
            <option value="">+ {t('details.addTag')}</option>
            {freeTags.map((tg) => (
              <option key={tg.id} value={tg.id}>
                {tg.name}
              </option>
            ))}
          </select>
        ) : null}
      </div>
    </section>
  );
}

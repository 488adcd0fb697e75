// Tray / category, assignee (with "Asignarme"), status and tags of the open conversation.
import { useTranslation } from 'react-i18next';
import type { ConversationDetail } from '../../../../shared/entities';
import type { SettableStatus } from '../../../../shared/mutations';
import { actions } from '../../lib/actions';
import { byPresence } from '../../lib/presence';
import { usePresenceStore } from '../../stores/presenceStore';
import { useSessionStore } from '../../stores/sessionStore';
import { Icon } from '../common/Icon';
import { Segmented } from '../common/Segmented';
import { TagChip } from '../common/TagChip';
import { PresenceDot } from '../presence/PresenceDot';

const SETTABLE: SettableStatus[] = ['open', 'pending', 'resolved'];

export function ClassificationPanel({ detail }: { detail: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const { session, traysById, tagsById, agentsById } = useSessionStore();
  const presence = usePresenceStore((s) => s.byAgent);
  if (!session) return null;
  const tray = traysById.get(detail.trayId);
  const tags = detail.tagIds.map((id) => tagsById.get(id)).filter((x) => x !== undefined);
  const freeTags = session.tags.filter((tg) => !detail.tagIds.includes(tg.id));
  const assignee = detail.assigneeId ? agentsById.get(detail.assigneeId) : undefined;

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
      <div className="field">
        <span className="field-label" id="f-status">
          {t('details.status')}
        </span>
        <Segmented
          labelledBy="f-status"
          options={SETTABLE.map((s) => ({ value: s, label: t(`statusOne.${s}`), className: `status-${s}` }))}
          value={detail.status}
          onSelect={(s) => void actions.setStatus(detail.id, s)}
        />
        {detail.status === 'snoozed' ? (
          <div className="field-note">
            <Icon name="clock" size={11} /> {t('statusOne.snoozed')}
          </div>
        ) : null}
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
      <div className="field">
        <span className="field-label">{t('details.rating')}</span>
        <span className="muted">—</span>
      </div>
    </section>
  );
}

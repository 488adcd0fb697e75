// Ajustes › Calificaciones (admins): the dispositions an agent must pick to resolve (seed 004). Create,
// rename, reorder, "requiere seguimiento" (resolving with it then needs an open task with a due date), and
// deactivate / reactivate — at least one must stay active, or nobody could resolve anything.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposition } from '../../../../shared/entities';
import { useSessionStore } from '../../stores/sessionStore';
import { moved, useSettingsAdminStore } from '../../stores/settingsAdminStore';
import {
  InactiveBadge,
  NameForm,
  NewButton,
  ReorderButtons,
  SectionHead,
  Switch,
  closeWhenSaved,
  reorderKeys,
} from './parts';

type Editing = { kind: 'new' } | { kind: 'rename'; id: string } | null;

export function DispositionsSettings() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const { saveDisposition, reorder } = useSettingsAdminStore();
  const [editing, setEditing] = useState<Editing>(null);
  const lastId = useId();
  if (!session) return null;
  const done = closeWhenSaved(() => setEditing(null));
  const list = session.dispositions;
  const ids = list.map((d) => d.id);
  const activeCount = list.filter((d) => d.active).length;
  const move = (id: string, delta: -1 | 1) => {
    const next = moved(ids, id, delta);
    if (next) void reorder('dispositions', next);
  };
  const save = (d: Disposition, patch: Partial<Pick<Disposition, 'name' | 'needsFollowUp' | 'active'>>) =>
    saveDisposition({
      dispositionId: d.id,
      name: patch.name ?? d.name,
      needsFollowUp: patch.needsFollowUp ?? d.needsFollowUp,
      active: patch.active ?? d.active,
    });

  return (
    <div className="adm-section">
      <SectionHead
        title={t('admin.dispositions.title')}
        body={t('admin.dispositions.help')}
        action={<NewButton label={t('admin.dispositions.new')} onClick={() => setEditing({ kind: 'new' })} />}
      />
      {editing?.kind === 'new' ? (
        <NewDisposition
          onCancel={() => setEditing(null)}
          onSubmit={async (name, needsFollowUp) => done(await saveDisposition({ name, needsFollowUp, active: true }))}
        />
      ) : null}
      <p className="visually-hidden" id={lastId}>
        {t('admin.dispositions.lastActive')}
      </p>
      <ul className="adm-list" aria-label={t('admin.dispositions.list')}>
        {list.map((d, i) => {
          const onlyActive = d.active && activeCount <= 1;
          return (
            <li
              key={d.id}
              className={`adm-item${d.active ? '' : ' inactive'}`}
              onKeyDown={reorderKeys((delta) => move(d.id, delta))}
            >
              {editing?.kind === 'rename' && editing.id === d.id ? (
                <NameForm
                  title={t('admin.dispositions.renameTitle', { name: d.name })}
                  label={t('admin.dispositions.name')}
                  initial={d.name}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (name) => done(await save(d, { name }))}
                />
              ) : (
                <div className="adm-row">
                  <ReorderButtons
                    name={d.name}
                    first={i === 0}
                    last={i === list.length - 1}
                    onMove={(x) => move(d.id, x)}
                  />
                  <span className="adm-name">{d.name}</span>
                  {d.active ? null : <InactiveBadge />}
                  <span className="adm-followup">
                    <span className="adm-followup-text" aria-hidden="true">
                      {t('admin.dispositions.followUpShort')}
                    </span>
                    <Switch
                      checked={d.needsFollowUp}
                      label={t('admin.dispositions.followUpLabel', { name: d.name })}
                      onChange={(needsFollowUp) => void save(d, { needsFollowUp })}
                    />
                  </span>
                  <span className="adm-actions">
                    <button
                      type="button"
                      className="btn btn-sm"
                      aria-label={t('admin.settings.renameLabel', { name: d.name })}
                      onClick={() => setEditing({ kind: 'rename', id: d.id })}
                    >
                      {t('admin.settings.rename')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm"
                      aria-label={t(d.active ? 'admin.settings.deactivateLabel' : 'admin.settings.reactivateLabel', {
                        name: d.name,
                      })}
                      aria-disabled={onlyActive || undefined}
                      aria-describedby={onlyActive ? lastId : undefined}
                      title={onlyActive ? t('admin.dispositions.lastActive') : undefined}
                      onClick={() => !onlyActive && void save(d, { active: !d.active })}
                    >
                      {t(d.active ? 'admin.settings.deactivate' : 'admin.settings.reactivate')}
                    </button>
                  </span>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function NewDisposition({
  onSubmit,
  onCancel,
}: {
  onSubmit(name: string, needsFollowUp: boolean): Promise<boolean>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [followUp, setFollowUp] = useState(false);
  return (
    <NameForm
      title={t('admin.dispositions.new')}
      label={t('admin.dispositions.name')}
      submitLabel={t('admin.dispositions.create')}
      onCancel={onCancel}
      onSubmit={(name) => onSubmit(name, followUp)}
    >
      <div className="adm-field adm-field-inline">
        <input id={id} type="checkbox" checked={followUp} onChange={(e) => setFollowUp(e.target.checked)} />
        <label htmlFor={id}>{t('admin.dispositions.followUp')}</label>
        <span className="adm-help">{t('admin.dispositions.followUpHelp')}</span>
      </div>
    </NameForm>
  );
}

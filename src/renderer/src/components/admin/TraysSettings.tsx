// Ajustes › Bandejas y categorías (admins): create, rename, change team, reorder (buttons or Alt+↑/↓),
// deactivate and reactivate trays and their categories. The order is column 1's; Global receives whatever
// arrives unclassified, so it can never be deactivated. Deactivating keeps the conversations, it only takes
// the tray (or category) out of navigation and of Mover.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Category, Tray } from '../../../../shared/entities';
import { useCountsStore } from '../../stores/countsStore';
import { useSessionStore } from '../../stores/sessionStore';
import { moved, useSettingsAdminStore } from '../../stores/settingsAdminStore';
import { AdminIcon } from './AdminIcon';
import { InactiveBadge, NameForm, ReorderButtons, SectionHead, reorderKeys } from './parts';

/** The tray that receives everything unclassified (DEFAULT_TRAYS): always active. */
export const isGlobalTray = (tray: Tray) => tray.key === 'global';

const NEW_TEAM = '__new__';

export function teamLabel(t: TFunction, team: string): string {
  return t(`admin.teams.${team}`, { defaultValue: team });
}

type Editing =
  | { kind: 'newTray' }
  | { kind: 'tray'; id: string }
  | { kind: 'newCategory'; trayId: string }
  | { kind: 'category'; id: string }
  | { kind: 'confirmTray'; id: string }
  | null;

export function TraysSettings() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const { saveTray, reorder } = useSettingsAdminStore();
  const [editing, setEditing] = useState<Editing>(null);
  if (!session) return null;
  const trays = session.trays;
  const teams = [...new Set(trays.map((tr) => tr.team))];
  const ids = trays.map((tr) => tr.id);
  const move = (id: string, delta: -1 | 1) => {
    const next = moved(ids, id, delta);
    if (next) void reorder('trays', next);
  };

  return (
    <div className="adm-section">
      <SectionHead
        title={t('admin.trays.title')}
        body={t('admin.trays.help')}
        action={
          <button type="button" className="btn btn-sm" onClick={() => setEditing({ kind: 'newTray' })}>
            <AdminIcon name="plus" size={14} />
            {t('admin.trays.new')}
          </button>
        }
      />
      {editing?.kind === 'newTray' ? (
        <TrayForm
          title={t('admin.trays.new')}
          teams={teams}
          onCancel={() => setEditing(null)}
          onSubmit={async (name, team) => {
            const id = await saveTray({ name, team, active: true });
            // A new tray usually needs categories: offer the first one right away.
            if (id) setEditing({ kind: 'newCategory', trayId: id });
            return Boolean(id);
          }}
        />
      ) : null}
      <ul className="adm-list" aria-label={t('admin.trays.list')}>
        {trays.map((tray, i) => (
          <li
            key={tray.id}
            className={`adm-item adm-tray${tray.active ? '' : ' inactive'}`}
            onKeyDown={reorderKeys((d) => move(tray.id, d))}
          >
            {editing?.kind === 'tray' && editing.id === tray.id ? (
              <TrayForm
                title={t('admin.trays.editTitle', { name: tray.name })}
                tray={tray}
                teams={teams}
                onCancel={() => setEditing(null)}
                onSubmit={async (name, team) => {
                  const id = await saveTray({ trayId: tray.id, name, team, active: tray.active });
                  if (id) setEditing(null);
                  return Boolean(id);
                }}
              />
            ) : (
              <TrayRow
                tray={tray}
                first={i === 0}
                last={i === trays.length - 1}
                confirming={editing?.kind === 'confirmTray' && editing.id === tray.id}
                onMove={(d) => move(tray.id, d)}
                onEdit={() => setEditing({ kind: 'tray', id: tray.id })}
                onConfirm={(on) => setEditing(on ? { kind: 'confirmTray', id: tray.id } : null)}
              />
            )}
            <Categories tray={tray} editing={editing} setEditing={setEditing} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function TrayRow({
  tray,
  first,
  last,
  confirming,
  onMove,
  onEdit,
  onConfirm,
}: {
  tray: Tray;
  first: boolean;
  last: boolean;
  confirming: boolean;
  onMove(d: -1 | 1): void;
  onEdit(): void;
  onConfirm(on: boolean): void;
}) {
  const { t } = useTranslation();
  const saveTray = useSettingsAdminStore((s) => s.saveTray);
  const counts = useCountsStore((s) => s.counts?.trays[tray.id]);
  const unresolved = counts ? counts.open + counts.pending + counts.snoozed : 0;
  const setActive = (active: boolean) => {
    onConfirm(false);
    void saveTray({ trayId: tray.id, name: tray.name, team: tray.team, active });
  };
  return (
    <>
      <div className="adm-row">
        <ReorderButtons name={tray.name} first={first} last={last} onMove={onMove} />
        <span className="adm-name">{tray.name}</span>
        <span className="adm-meta">{t('admin.trays.teamOf', { team: teamLabel(t, tray.team) })}</span>
        {tray.active ? null : <InactiveBadge />}
        <span className="adm-actions">
          <button
            type="button"
            className="btn btn-sm"
            aria-label={t('admin.trays.editLabel', { name: tray.name })}
            onClick={onEdit}
          >
            {t('admin.settings.edit')}
          </button>
          {isGlobalTray(tray) ? (
            <span className="adm-fixed" title={t('admin.trays.globalHint')}>
              {t('admin.trays.alwaysActive')}
            </span>
          ) : tray.active ? (
            <button
              type="button"
              className="btn btn-sm"
              aria-label={t('admin.settings.deactivateLabel', { name: tray.name })}
              onClick={() => (unresolved > 0 ? onConfirm(true) : setActive(false))}
            >
              {t('admin.settings.deactivate')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-sm"
              aria-label={t('admin.settings.reactivateLabel', { name: tray.name })}
              onClick={() => setActive(true)}
            >
              {t('admin.settings.reactivate')}
            </button>
          )}
        </span>
      </div>
      {confirming ? (
        <div className="adm-confirm" role="alert">
          <p>{t('admin.trays.confirmDeactivate', { name: tray.name, count: unresolved })}</p>
          <div className="adm-form-actions">
            <button type="button" className="btn btn-sm btn-danger" onClick={() => setActive(false)}>
              {t('admin.trays.confirmYes', { name: tray.name })}
            </button>
            <button type="button" className="btn btn-sm" onClick={() => onConfirm(false)}>
              {t('admin.settings.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </>
  );
}

function TrayForm({
  title,
  tray,
  teams,
  onSubmit,
  onCancel,
}: {
  title: string;
  tray?: Tray;
  teams: string[];
  onSubmit(name: string, team: string): Promise<boolean>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [team, setTeam] = useState(tray?.team ?? teams[0] ?? NEW_TEAM);
  const [newTeam, setNewTeam] = useState('');
  const [teamError, setTeamError] = useState(false);
  return (
    <NameForm
      title={title}
      label={t('admin.trays.name')}
      initial={tray?.name ?? ''}
      submitLabel={tray ? t('admin.settings.save') : t('admin.trays.create')}
      onCancel={onCancel}
      onSubmit={(name) => {
        const chosen = team === NEW_TEAM ? newTeam.trim() : team;
        if (!chosen || chosen.length > 40) {
          setTeamError(true);
          return false;
        }
        return onSubmit(name, chosen);
      }}
    >
      <div className="adm-field">
        <label htmlFor={`${id}-team`}>{t('admin.trays.team')}</label>
        <select id={`${id}-team`} value={team} onChange={(e) => setTeam(e.target.value)}>
          {teams.map((k) => (
            <option key={k} value={k}>
              {teamLabel(t, k)}
            </option>
          ))}
          <option value={NEW_TEAM}>{t('admin.trays.newTeam')}</option>
        </select>
        <span className="adm-help">{t('admin.trays.teamHelp')}</span>
      </div>
      {team === NEW_TEAM ? (
        <div className="adm-field">
          <label htmlFor={`${id}-newteam`}>{t('admin.trays.newTeamName')}</label>
          <input
            id={`${id}-newteam`}
            className="text-input"
            value={newTeam}
            maxLength={40}
            aria-invalid={teamError || undefined}
            onChange={(e) => {
              setNewTeam(e.target.value);
              setTeamError(false);
            }}
          />
          {teamError ? (
            <span className="adm-error" role="alert">
              {t('admin.trays.teamRequired')}
            </span>
          ) : null}
        </div>
      ) : null}
    </NameForm>
  );
}

function Categories({ tray, editing, setEditing }: { tray: Tray; editing: Editing; setEditing(e: Editing): void }) {
  const { t } = useTranslation();
  const { saveCategory, reorder } = useSettingsAdminStore();
  const cats = tray.categories;
  const ids = cats.map((c) => c.id);
  const move = (id: string, delta: -1 | 1) => {
    const next = moved(ids, id, delta);
    if (next) void reorder('categories', next, tray.id);
  };
  const adding = editing?.kind === 'newCategory' && editing.trayId === tray.id;
  return (
    <div className="adm-sub">
      {cats.length > 0 ? (
        <ul className="adm-list" aria-label={t('admin.categories.list', { name: tray.name })}>
          {cats.map((c, i) => (
            <li
              key={c.id}
              className={`adm-item adm-subitem${c.active ? '' : ' inactive'}`}
              onKeyDown={reorderKeys((d) => move(c.id, d))}
            >
              {editing?.kind === 'category' && editing.id === c.id ? (
                <NameForm
                  title={t('admin.categories.renameTitle', { name: c.name })}
                  label={t('admin.categories.name')}
                  initial={c.name}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (name) => {
                    const id = await saveCategory({ categoryId: c.id, trayId: tray.id, name, active: c.active });
                    if (id) setEditing(null);
                    return Boolean(id);
                  }}
                />
              ) : (
                <CategoryRow
                  category={c}
                  first={i === 0}
                  last={i === cats.length - 1}
                  onMove={(d) => move(c.id, d)}
                  onRename={() => setEditing({ kind: 'category', id: c.id })}
                  onActive={(active) => void saveCategory({ categoryId: c.id, trayId: tray.id, name: c.name, active })}
                />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {adding ? (
        <NameForm
          title={t('admin.categories.newTitle', { name: tray.name })}
          label={t('admin.categories.name')}
          submitLabel={t('admin.categories.create')}
          onCancel={() => setEditing(null)}
          onSubmit={async (name) => {
            const id = await saveCategory({ trayId: tray.id, name, active: true });
            if (id) setEditing(null);
            return Boolean(id);
          }}
        />
      ) : (
        <button
          type="button"
          className="link-btn adm-add"
          aria-label={t('admin.categories.addLabel', { name: tray.name })}
          onClick={() => setEditing({ kind: 'newCategory', trayId: tray.id })}
        >
          <AdminIcon name="plus" size={12} />
          {t('admin.categories.add')}
        </button>
      )}
    </div>
  );
}

function CategoryRow({
  category,
  first,
  last,
  onMove,
  onRename,
  onActive,
}: {
  category: Category;
  first: boolean;
  last: boolean;
  onMove(d: -1 | 1): void;
  onRename(): void;
  onActive(active: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="adm-row">
      <ReorderButtons name={category.name} first={first} last={last} onMove={onMove} />
      <span className="adm-name">{category.name}</span>
      {category.active ? null : <InactiveBadge />}
      <span className="adm-actions">
        <button
          type="button"
          className="btn btn-sm"
          aria-label={t('admin.settings.renameLabel', { name: category.name })}
          onClick={onRename}
        >
          {t('admin.settings.rename')}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          aria-label={t(category.active ? 'admin.settings.deactivateLabel' : 'admin.settings.reactivateLabel', {
            name: category.name,
          })}
          onClick={() => onActive(!category.active)}
        >
          {t(category.active ? 'admin.settings.deactivate' : 'admin.settings.reactivate')}
        </button>
      </span>
    </div>
  );
}

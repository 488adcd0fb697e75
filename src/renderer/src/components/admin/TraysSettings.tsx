// Ajustes › Bandejas y categorías (admins): create, rename, change team, reorder (buttons or Alt+↑/↓),
// deactivate and reactivate trays and their categories, and choose the agents who work each tray
// (Miembros). The order is column 1's; Global receives whatever arrives unclassified, so it can never be
// deactivated. Deactivating keeps the conversations, it only takes the tray (or category) out of
// navigation and of Mover.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Agent, Category, Tray } from '../../../../shared/entities';
import { useCountsStore } from '../../stores/countsStore';
import { useSessionStore } from '../../stores/sessionStore';
import { moved, useSettingsAdminStore } from '../../stores/settingsAdminStore';
import { Icon } from '../common/Icon';
import { InactiveBadge, NameForm, NewButton, ReorderButtons, SectionHead, closeWhenSaved, reorderKeys } from './parts';

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

/** Whose members are being chosen; `fresh`: a tray just created (the form says it has nobody yet). */
type MembersOpen = { trayId: string; fresh: boolean } | null;

/** The agents a tray's members are chosen from: active ones with role agent (the others see every tray). */
function assignableAgents(agents: Agent[]): Agent[] {
  return agents.filter((a) => a.active && a.role === 'agent').sort((a, b) => a.name.localeCompare(b.name));
}

export function TraysSettings() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const { saveTray, reorder } = useSettingsAdminStore();
  const [editing, setEditing] = useState<Editing>(null);
  const [members, setMembers] = useState<MembersOpen>(null);
  if (!session) return null;
  const done = closeWhenSaved(() => setEditing(null));
  const agents = assignableAgents(session.agents);
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
        action={<NewButton label={t('admin.trays.new')} onClick={() => setEditing({ kind: 'newTray' })} />}
      />
      {editing?.kind === 'newTray' ? (
        <TrayForm
          title={t('admin.trays.new')}
          teams={teams}
          onCancel={() => setEditing(null)}
          onSubmit={async (name, team) => {
            const id = await saveTray({ name, team, active: true });
            // A new tray needs its agents and usually categories: offer both right away.
            if (id) {
              setEditing({ kind: 'newCategory', trayId: id });
              setMembers({ trayId: id, fresh: true });
            }
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
                onSubmit={async (name, team) =>
                  done(await saveTray({ trayId: tray.id, name, team, active: tray.active }))
                }
              />
            ) : (
              <TrayRow
                tray={tray}
                first={i === 0}
                last={i === trays.length - 1}
                confirming={editing?.kind === 'confirmTray' && editing.id === tray.id}
                agents={agents}
                membersOpen={members?.trayId === tray.id}
                onMembers={() => setMembers(members?.trayId === tray.id ? null : { trayId: tray.id, fresh: false })}
                onMove={(d) => move(tray.id, d)}
                onEdit={() => setEditing({ kind: 'tray', id: tray.id })}
                onConfirm={(on) => setEditing(on ? { kind: 'confirmTray', id: tray.id } : null)}
              />
            )}
            {members?.trayId === tray.id ? (
              <MembersForm tray={tray} agents={agents} fresh={members.fresh} onClose={() => setMembers(null)} />
            ) : null}
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
  agents,
  membersOpen,
  onMembers,
  onMove,
  onEdit,
  onConfirm,
}: {
  tray: Tray;
  first: boolean;
  last: boolean;
  confirming: boolean;
  agents: Agent[];
  membersOpen: boolean;
  onMembers(): void;
  onMove(d: -1 | 1): void;
  onEdit(): void;
  onConfirm(on: boolean): void;
}) {
  const { t } = useTranslation();
  const saveTray = useSettingsAdminStore((s) => s.saveTray);
  const counts = useCountsStore((s) => s.counts?.trays[tray.id]);
  const unresolved = counts ? counts.open + counts.pending + counts.snoozed : 0;
  const agentMembers = agents.filter((a) => tray.memberIds.includes(a.id)).length;
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
            aria-label={t('admin.members.buttonLabel', { name: tray.name, count: agentMembers })}
            id={membersButtonId(tray)}
            aria-expanded={membersOpen}
            aria-controls={membersOpen ? membersFormId(tray) : undefined}
            onClick={onMembers}
          >
            {t('admin.members.button', { count: agentMembers })}
          </button>
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
      {!membersOpen && agentMembers === 0 ? <NoAgentsWarning tray={tray} /> : null}
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

const membersFormId = (tray: Tray) => `adm-members-${tray.id}`;
const membersButtonId = (tray: Tray) => `adm-members-btn-${tray.id}`;

/** Whether the tray holds any conversation (resolved ones too: a customer's reply reopens them there). */
function useHasConversations(trayId: string): boolean {
  const c = useCountsStore((s) => s.counts?.trays[trayId]);
  return c ? c.open + c.pending + c.snoozed + c.resolved > 0 : false;
}

/** A tray with conversations and no agent: only supervisors and admins would see them. */
function NoAgentsWarning({ tray }: { tray: Tray }) {
  const { t } = useTranslation();
  if (!useHasConversations(tray.id)) return null;
  return <p className="adm-warn">{t('admin.members.noAgentWarning', { name: tray.name })}</p>;
}

/**
 * Miembros: a checkbox per active agent; saved as the tray's whole member list. Members not listed here
 * (supervisors, admins, deactivated agents) are kept as they are. Escape closes without saving.
 */
function MembersForm({
  tray,
  agents,
  fresh,
  onClose,
}: {
  tray: Tray;
  agents: Agent[];
  fresh: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const setTrayMembers = useSettingsAdminStore((s) => s.setTrayMembers);
  const listed = new Set(agents.map((a) => a.id));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(tray.memberIds.filter((m) => listed.has(m))));
  const [busy, setBusy] = useState(false);
  const toggle = (agentId: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(agentId);
      else next.delete(agentId);
      return next;
    });
  // Closed from inside (saved, Cancelar, Escape): the keyboard goes back to the Miembros button.
  const close = () => {
    const at = document.activeElement;
    const inside = !at || at === document.body || Boolean(formRef.current?.contains(at));
    onClose();
    if (inside) requestAnimationFrame(() => document.getElementById(membersButtonId(tray))?.focus());
  };
  const save = async () => {
    if (busy) return;
    setBusy(true);
    const kept = tray.memberIds.filter((m) => !listed.has(m));
    const ok = await setTrayMembers({
      trayId: tray.id,
      agentIds: [...kept, ...agents.filter((a) => chosen.has(a.id)).map((a) => a.id)],
    });
    setBusy(false);
    if (ok) close();
  };
  return (
    <form
      ref={formRef}
      id={membersFormId(tray)}
      className="adm-form adm-members"
      aria-label={t('admin.members.title', { name: tray.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // The form closes; the settings dialog stays.
          e.stopPropagation();
          close();
        }
      }}
    >
      {fresh ? <p className="adm-help">{t('admin.members.fresh', { name: tray.name })}</p> : null}
      <fieldset className="adm-field" aria-describedby={`${id}-help`}>
        <legend className="adm-label">{t('admin.members.agents')}</legend>
        <p className="adm-help" id={`${id}-help`}>
          {t('admin.members.help')}
        </p>
        {agents.length === 0 ? (
          <p className="adm-help">{t('admin.members.noAgents')}</p>
        ) : (
          <ul className="adm-checks">
            {agents.map((a) => (
              <li key={a.id}>
                <input
                  id={`${id}-${a.id}`}
                  type="checkbox"
                  checked={chosen.has(a.id)}
                  onChange={(e) => toggle(a.id, e.target.checked)}
                />
                <label htmlFor={`${id}-${a.id}`}>{a.name}</label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div aria-live="polite">{chosen.size === 0 ? <NoAgentsWarning tray={tray} /> : null}</div>
      <div className="adm-form-actions">
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
          {t('admin.members.save')}
        </button>
        <button type="button" className="btn btn-sm" onClick={close}>
          {t('admin.settings.cancel')}
        </button>
      </div>
    </form>
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
  const done = closeWhenSaved(() => setEditing(null));
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
                  onSubmit={async (name) =>
                    done(await saveCategory({ categoryId: c.id, trayId: tray.id, name, active: c.active }))
                  }
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
          onSubmit={async (name) => done(await saveCategory({ trayId: tray.id, name, active: true }))}
        />
      ) : (
        <button
          type="button"
          className="link-btn adm-add"
          aria-label={t('admin.categories.addLabel', { name: tray.name })}
          onClick={() => setEditing({ kind: 'newCategory', trayId: tray.id })}
        >
          <Icon name="plus" size={12} />
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

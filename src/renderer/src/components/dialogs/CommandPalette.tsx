// Ctrl/⌘+K: search conversations, jump to views (Mis tareas, Revisión de cierres too), run actions (snooze or
// wake the conversation on screen, theme, language, shortcuts, details, notifications, settings and — for
// admins — each settings section).
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { View } from '../../../../shared/contract';
import { actions as conversationActions } from '../../lib/actions';
import { openSnooze } from '../../lib/snooze';
import { usePrefsStore } from '../../stores/prefsStore';
import { useConversationStore } from '../../stores/conversationStore';
import { useListStore } from '../../stores/listStore';
import { useNavStore } from '../../stores/navStore';
import { useNotificationsStore } from '../../stores/notificationsStore';
import { usePaletteStore } from '../../stores/paletteStore';
import { canReview, isAdmin, useSessionStore } from '../../stores/sessionStore';
import { useSettingsAdminStore, type SettingsSection } from '../../stores/settingsAdminStore';
import { useUiStore } from '../../stores/uiStore';
import { ChannelIcon } from '../common/ChannelIcon';
import { Icon } from '../common/Icon';
import { openScreen } from '../views/openScreen';
import { Modal } from './Modal';

interface Command {
  id: string;
  group: 'conversations' | 'views' | 'actions';
  label: string;
  hint?: string;
  icon?: ReactNode;
  run(): void;
}

function openSettings(section: SettingsSection): void {
  useSettingsAdminStore.getState().setSection(section);
  useUiStore.getState().setSettingsOpen(true);
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function CommandPalette() {
  const { t } = useTranslation();
  const { open, query, results, searching, setOpen, setQuery } = usePaletteStore();
  const session = useSessionStore((s) => s.session);
  const setView = useNavStore((s) => s.setView);
  const updatePrefs = usePrefsStore((s) => s.update);
  const prefs = usePrefsStore((s) => s.prefs);
  const detail = useConversationStore((s) => s.detail);
  const selected = useListStore((s) => s.selected);
  const [active, setActive] = useState(0);

  const commands = useMemo<Command[]>(() => {
    if (!session) return [];
    const go = (view: View, label: string, icon?: ReactNode): Command => ({
      id: `view-${JSON.stringify(view)}`,
      group: 'views',
      label: t('palette.goTo', { name: label }),
      icon,
      run: () => setView(view),
    });
    const views: Command[] = [
      go({ kind: 'mine' }, t('nav.mine'), <Icon name="user" size={14} />),
      go({ kind: 'unassigned' }, t('nav.unassigned'), <Icon name="inbox" size={14} />),
      go({ kind: 'all' }, t('nav.all'), <Icon name="layers" size={14} />),
      {
        id: 'screen-tasks',
        group: 'views',
        label: t('palette.goTo', { name: t('admin.tasks.title') }),
        icon: <Icon name="tasks" size={14} />,
        run: () => openScreen('tasks'),
      },
      ...(canReview(session.me.role)
        ? [
            {
              id: 'screen-review',
              group: 'views' as const,
              label: t('palette.goTo', { name: t('admin.review.title') }),
              icon: <Icon name="review" size={14} />,
              run: () => openScreen('review'),
            },
          ]
        : []),
      ...session.trays.flatMap((tr) => [
        go({ kind: 'tray', trayId: tr.id }, tr.name, <Icon name="inbox" size={14} />),
        ...tr.categories.map((c) =>
          go({ kind: 'category', categoryId: c.id }, `${tr.name} › ${c.name}`, <Icon name="chevron-right" size={14} />),
        ),
      ]),
      ...session.tags.map((tg) => go({ kind: 'tag', tagId: tg.id }, `#${tg.name}`, <Icon name="hash" size={14} />)),
    ];
    const act = (id: string, label: string, run: () => void, icon?: ReactNode): Command => ({
      id,
      group: 'actions',
      label,
      run,
      icon,
    });
    const actions: Command[] = [
      act('theme-light', t('palette.themeLight'), () => void updatePrefs({ theme: 'light' })),
      act('theme-dark', t('palette.themeDark'), () => void updatePrefs({ theme: 'dark' })),
      act('theme-system', t('palette.themeSystem'), () => void updatePrefs({ theme: 'system' })),
      act('lang-es', t('palette.langEs'), () => void updatePrefs({ locale: 'es' })),
      act('lang-en', t('palette.langEn'), () => void updatePrefs({ locale: 'en' })),
      act(
        'details',
        t('palette.toggleDetails'),
        () => void updatePrefs({ detailsCollapsed: !prefs.detailsCollapsed }),
        <Icon name="panel-right" size={14} />,
      ),
      act(
        'shortcuts',
        t('palette.showShortcuts'),
        () => useUiStore.getState().setShortcutsOpen(true),
        <Icon name="keyboard" size={14} />,
      ),
      act(
        'notifications',
        t('admin.palette.notifications'),
        () => {
          void useNotificationsStore.getState().load();
          useNotificationsStore.getState().setOpen(true);
        },
        <Icon name="bell" size={14} />,
      ),
      act('settings', t('admin.palette.settings'), () => openSettings('general'), <Icon name="settings" size={14} />),
      act('notice-prefs', t('reminders.palette.prefs'), () => openSettings('general'), <Icon name="bell" size={14} />),
      ...(isAdmin(session.me.role)
        ? (['trays', 'tags', 'dispositions', 'rules'] as const).map((section) =>
            act(
              `settings-${section}`,
              t('admin.palette.settingsSection', { name: t(`admin.settings.section.${section}`) }),
              () => openSettings(section),
              <Icon name="settings" size={14} />,
            ),
          )
        : []),
    ];
    return [...views, ...actions];
  }, [session, t, setView, updatePrefs, prefs.detailsCollapsed]);

  if (!open) return null;

  // What the conversation on screen (or the selection) can do right now: snooze it, or wake it.
  const reminderCommands: Command[] = [];
  if (selected.size > 0) {
    const conversationIds = [...selected];
    reminderCommands.push({
      id: 'snooze-bulk',
      group: 'actions',
      label: t('reminders.palette.snoozeBulk'),
      hint: 's',
      icon: <Icon name="clock" size={14} />,
      run: () => openSnooze({ kind: 'bulk', conversationIds }),
    });
  } else if (detail && detail.status !== 'resolved') {
    const conversationId = detail.id;
    reminderCommands.push({
      id: 'snooze',
      group: 'actions',
      label: t('reminders.palette.snooze'),
      hint: 's',
      icon: <Icon name="clock" size={14} />,
      run: () => openSnooze({ kind: 'one', conversationId }),
    });
    if (detail.status === 'snoozed')
      reminderCommands.push({
        id: 'wake',
        group: 'actions',
        label: t('reminders.palette.wake'),
        icon: <Icon name="inbox" size={14} />,
        run: () => void conversationActions.wake(conversationId),
      });
  }

  const q = fold(query.trim());
  const convs: Command[] = results.map((r) => ({
    id: `conv-${r.id}`,
    group: 'conversations',
    label: r.contactName,
    hint: r.subject ?? r.snippet,
    icon: <ChannelIcon kind={r.channelKind} size={14} />,
    run: () => {
      useListStore.getState().setCursor(r.id);
      void useConversationStore.getState().open(r.id);
    },
  }));
  const everything = [
    ...commands.filter((c) => c.group === 'views'),
    ...reminderCommands,
    ...commands.filter((c) => c.group !== 'views'),
  ];
  const matched = [...convs, ...everything.filter((c) => !q || fold(c.label).includes(q))].slice(0, 40);
  const current = matched[Math.min(active, matched.length - 1)];
  const runIt = (c: Command) => {
    setOpen(false);
    c.run();
  };

  let lastGroup = '';
  return (
    <Modal label={t('palette.title')} onClose={() => setOpen(false)} className="palette">
      <div className="picker-head">
        <Icon name="search" size={16} />
        <input
          className="picker-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={current ? `pal-${current.id}` : undefined}
          aria-label={t('palette.title')}
          placeholder={t('palette.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((i) => Math.min(matched.length - 1, i + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(0, i - 1));
            } else if (e.key === 'Enter' && current) {
              e.preventDefault();
              runIt(current);
            }
          }}
        />
        {searching ? <span className="picker-hint">{t('palette.searching')}</span> : null}
      </div>
      <ul id="palette-list" role="listbox" aria-label={t('palette.title')} className="picker-list">
        {matched.length === 0 ? <li className="picker-empty">{t('picker.noResults')}</li> : null}
        {matched.map((c, i) => {
          const header = c.group !== lastGroup ? t(`palette.${c.group}`) : null;
          lastGroup = c.group;
          return (
            <li key={c.id} role="presentation">
              {header ? (
                <div className="palette-group" aria-hidden="true">
                  {header}
                </div>
              ) : null}
              <div
                id={`pal-${c.id}`}
                role="option"
                aria-selected={c === current}
                className={`picker-option${c === current ? ' active' : ''}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => runIt(c)}
              >
                {c.icon ? <span className="picker-icon">{c.icon}</span> : <span className="picker-icon" />}
                <span className="picker-label">{c.label}</span>
                {c.hint ? <span className="picker-hint">{c.hint}</span> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}

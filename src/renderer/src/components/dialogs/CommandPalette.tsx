// Ctrl/⌘+K: search conversations, jump to views, run actions (theme, language, shortcuts, details).
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { View } from '../../../../shared/contract';
import { usePrefsStore } from '../../stores/prefsStore';
import { useConversationStore } from '../../stores/conversationStore';
import { useListStore } from '../../stores/listStore';
import { useNavStore } from '../../stores/navStore';
import { usePaletteStore } from '../../stores/paletteStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useUiStore } from '../../stores/uiStore';
import { ChannelIcon } from '../common/ChannelIcon';
import { Icon } from '../common/Icon';
import { Modal } from './Modal';

interface Command {
  id: string;
  group: 'conversations' | 'views' | 'actions';
  label: string;
  hint?: string;
  icon?: ReactNode;
  run(): void;
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
    ];
    return [...views, ...actions];
  }, [session, t, setView, updatePrefs, prefs.detailsCollapsed]);

  if (!open) return null;

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
  const matched = [...convs, ...commands.filter((c) => !q || fold(c.label).includes(q))].slice(0, 40);
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

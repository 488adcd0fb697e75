// "?" — every shortcut on one card.
import { useTranslation } from 'react-i18next';
import { isMac } from '../../lib/keyboard';
import { canReview, useSessionStore } from '../../stores/sessionStore';
import { useUiStore } from '../../stores/uiStore';
import { Modal } from './Modal';

const MOD = isMac ? '⌘' : 'Ctrl';
const ROWS: [string[], string][] = [
  [['j'], 'shortcuts.next'],
  [['k'], 'shortcuts.prev'],
  [['Enter'], 'shortcuts.open'],
  [['r'], 'shortcuts.reply'],
  [['n'], 'shortcuts.note'],
  [['a'], 'shortcuts.assign'],
  [['m'], 'shortcuts.move'],
  [['t'], 'shortcuts.tag'],
  [['e'], 'shortcuts.resolve'],
  [['1–9'], 'shortcuts.disposition'],
  [['s'], 'reminders.shortcuts.snooze'],
  [['1–5'], 'reminders.shortcuts.snoozeChoice'],
  [['Enter'], 'shortcuts.confirm'],
  [['x'], 'shortcuts.select'],
  [[MOD, 'Enter'], 'shortcuts.send'],
  [[MOD, 'Enter'], 'shortcuts.saveNote'],
  [['@'], 'shortcuts.mention'],
  [['g', 'i'], 'reminders.shortcuts.goInbox'],
  [['g', 't'], 'reminders.shortcuts.goTasks'],
  [['g', 'r'], 'reminders.shortcuts.goReview'],
  [[MOD, 'K'], 'shortcuts.palette'],
  [['?'], 'shortcuts.help'],
  [['Esc'], 'shortcuts.escape'],
];

export function ShortcutsDialog() {
  const { t } = useTranslation();
  const open = useUiStore((s) => s.shortcutsOpen);
  const setOpen = useUiStore((s) => s.setShortcutsOpen);
  const reviewer = useSessionStore((s) => canReview(s.session?.me.role));
  if (!open) return null;
  // The closure review is for supervisors and admins: nobody else gets its shortcut.
  const rows = ROWS.filter(([, label]) => reviewer || label !== 'reminders.shortcuts.goReview');
  return (
    <Modal label={t('shortcuts.title')} onClose={() => setOpen(false)} className="shortcuts">
      <div className="dialog-head">
        <h2>{t('shortcuts.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('shortcuts.close')} onClick={() => setOpen(false)}>
          ✕
        </button>
      </div>
      <dl className="shortcut-grid">
        {rows.map(([keys, label]) => (
          <div key={label} className="shortcut-row">
            <dt>{t(label)}</dt>
            <dd>
              {keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}

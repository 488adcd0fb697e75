// Ajustes › Avisos (every agent): which kinds of notification also reach the desktop — menciones,
// asignaciones, pospuestas que vencen, seguimientos, tareas que vencen — and a daily "No molestar" span
// (it may cross midnight), saved with prefs.set { notifications }. In-app notifications always stay in the
// bell; the text says so. In the browser it also shows whether notices are allowed and offers to allow them.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ClockTime,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPrefs,
} from '../../../../shared/entities';
import { agentTimeZone, zoneCity } from '../../lib/wake';
import { useDesktopNoticeStore } from '../../stores/desktopNoticeStore';
import { usePrefsStore } from '../../stores/prefsStore';
import { Switch } from '../admin/parts';

export function NoticePrefs() {
  const { t } = useTranslation();
  const titleId = useId();
  const prefs = usePrefsStore((s) => s.prefs.notifications);
  const update = usePrefsStore((s) => s.update);
  const save = (next: NotificationPrefs) => void update({ notifications: next });
  return (
    <div className="notice-prefs" role="group" aria-labelledby={titleId}>
      <h3 className="field-label notice-prefs-title" id={titleId}>
        {t('reminders.prefs.title')}
      </h3>
      <p className="notice-prefs-lead">{t('reminders.prefs.lead')}</p>
      <BrowserPermission />
      <ul className="notice-kinds" aria-label={t('reminders.prefs.types')}>
        {NOTIFICATION_KINDS.map((kind) => (
          <Kind
            key={kind}
            kind={kind}
            on={prefs.types[kind]}
            onChange={(on) => save({ ...prefs, types: { ...prefs.types, [kind]: on } })}
          />
        ))}
      </ul>
      <QuietHours prefs={prefs} onChange={save} />
    </div>
  );
}

function Kind({ kind, on, onChange }: { kind: NotificationKind; on: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <li className="notice-kind">
      <div className="notice-kind-text">
        <span className="notice-kind-title" id={`${id}-t`}>
          {t(`reminders.prefs.kind.${kind}.title`)}
        </span>
        <span className="notice-kind-body" id={`${id}-d`}>
          {t(`reminders.prefs.kind.${kind}.body`)}
        </span>
      </div>
      <Switch checked={on} labelledBy={`${id}-t`} describedBy={`${id}-d`} onChange={onChange} />
    </li>
  );
}

function QuietHours({ prefs, onChange }: { prefs: NotificationPrefs; onChange(next: NotificationPrefs): void }) {
  const { t } = useTranslation();
  const id = useId();
  const zone = useMemo(() => zoneCity(agentTimeZone()), []);
  const dnd = prefs.doNotDisturb;
  const setTime = (field: 'from' | 'to', value: string) => {
    // Half-typed times are not saved; the field keeps what the agent types.
    if (ClockTime.safeParse(value).success && value !== dnd[field])
      onChange({ ...prefs, doNotDisturb: { ...dnd, [field]: value } });
  };
  return (
    <div className="notice-dnd">
      <div className="notice-kind">
        <div className="notice-kind-text">
          <span className="notice-kind-title" id={`${id}-t`}>
            {t('reminders.prefs.dnd')}
          </span>
          <span className="notice-kind-body" id={`${id}-d`}>
            {t('reminders.prefs.dndBody', { zone })}
          </span>
        </div>
        <Switch
          checked={dnd.enabled}
          labelledBy={`${id}-t`}
          describedBy={`${id}-d`}
          onChange={(enabled) => onChange({ ...prefs, doNotDisturb: { ...dnd, enabled } })}
        />
      </div>
      <div className={`notice-dnd-times${dnd.enabled ? '' : ' off'}`}>
        <label htmlFor={`${id}-from`}>{t('reminders.prefs.from')}</label>
        <TimeField id={`${id}-from`} value={dnd.from} disabled={!dnd.enabled} onValue={(v) => setTime('from', v)} />
        <label htmlFor={`${id}-to`}>{t('reminders.prefs.to')}</label>
        <TimeField id={`${id}-to`} value={dnd.to} disabled={!dnd.enabled} onValue={(v) => setTime('to', v)} />
      </div>
      {dnd.enabled ? (
        <p className="notice-dnd-hint" role="status">
          {dnd.from === dnd.to
            ? t('reminders.prefs.dndSame')
            : dnd.from > dnd.to
              ? t('reminders.prefs.dndNight', { from: dnd.from, to: dnd.to })
              : null}
        </p>
      ) : null}
    </div>
  );
}

/** An "HH:MM" field that shows what the agent types and hands on only complete times. */
function TimeField({
  id,
  value,
  disabled,
  onValue,
}: {
  id: string;
  value: string;
  disabled: boolean;
  onValue(value: string): void;
}) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // Saved elsewhere (another window): show the new value.
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  return (
    <input
      id={id}
      type="time"
      className="text-input text-input-sm"
      value={text}
      disabled={disabled}
      onChange={(e) => {
        setText(e.target.value);
        onValue(e.target.value);
      }}
    />
  );
}

/** Browser only: are desktop notices allowed here, and the button to allow them. */
function BrowserPermission() {
  const { t } = useTranslation();
  const permission = useDesktopNoticeStore((s) => s.permission);
  const request = useDesktopNoticeStore((s) => s.request);
  if (permission === 'native') return null;
  return (
    <div className="notice-browser">
      <span className="notice-kind-title">{t('reminders.prefs.browser')}</span>
      {permission === 'default' ? (
        <button type="button" className="btn btn-sm btn-primary" onClick={() => void request()}>
          {t('reminders.desktop.enable')}
        </button>
      ) : (
        <span className={`notice-browser-state ${permission}`}>
          {permission === 'granted'
            ? t('reminders.desktop.granted')
            : permission === 'denied'
              ? t('reminders.desktop.denied')
              : t('reminders.desktop.unsupported')}
        </span>
      )}
    </div>
  );
}

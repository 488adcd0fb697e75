// Ajustes › Reglas (admins): when the guide's descriptive note is mandatory before an action (the six
// switches of WorkspaceSettings.noteRules, explained in the guide's words) and the reopen window: how long
// after a resolution a customer message reopens the same conversation as a new cycle.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REOPEN_WINDOW_HOURS, NOTE_RULE_KEYS, type NoteRuleKey } from '../../../../shared/settings';
import { useSessionStore } from '../../stores/sessionStore';
import { useSettingsAdminStore } from '../../stores/settingsAdminStore';
import { SectionHead, Switch } from './parts';

export function RulesSettings() {
  const { t } = useTranslation();
  const settings = useSessionStore((s) => s.session?.settings);
  const update = useSettingsAdminStore((s) => s.update);
  if (!settings) return null;
  return (
    <div className="adm-section">
      <SectionHead title={t('admin.rules.notesTitle')} body={t('admin.rules.notesHelp')} />
      <ul className="adm-list adm-rules" aria-label={t('admin.rules.notesTitle')}>
        {NOTE_RULE_KEYS.map((key) => (
          <Rule
            key={key}
            rule={key}
            on={settings.noteRules[key]}
            onChange={(value) => void update({ noteRules: { [key]: value } })}
          />
        ))}
      </ul>
      <ReopenWindow hours={settings.reopenWindowHours} />
    </div>
  );
}

function Rule({ rule, on, onChange }: { rule: NoteRuleKey; on: boolean; onChange(on: boolean): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <li className="adm-item adm-rule">
      <div className="adm-rule-text">
        <span className="adm-rule-title" id={`${id}-t`}>
          {t(`admin.rules.${rule}.title`)}
        </span>
        <span className="adm-help" id={`${id}-d`}>
          {t(`admin.rules.${rule}.body`)}
        </span>
      </div>
      <Switch checked={on} labelledBy={`${id}-t`} describedBy={`${id}-d`} onChange={onChange} />
    </li>
  );
}

function ReopenWindow({ hours }: { hours: number }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useSettingsAdminStore((s) => s.update);
  const [value, setValue] = useState(String(hours));
  const [seen, setSeen] = useState(hours);
  // The session changed under us (saved here, or by another admin): show the new value.
  if (seen !== hours) {
    setSeen(hours);
    setValue(String(hours));
  }
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_REOPEN_WINDOW_HOURS;
  const changed = valid && n !== hours;
  const save = () => {
    if (changed) void update({ reopenWindowHours: n });
  };
  return (
    <form
      className="adm-reopen"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <SectionHead title={t('admin.rules.reopenTitle')} body={t('admin.rules.reopenHelp')} />
      <h4 className="visually-hidden" id={`${id}-title`}>
        {t('admin.rules.reopenTitle')}
      </h4>
      <div className="adm-reopen-row">
        <label htmlFor={`${id}-hours`}>{t('admin.rules.reopenLabel')}</label>
        <input
          id={`${id}-hours`}
          className="text-input adm-hours"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_REOPEN_WINDOW_HOURS}
          step={1}
          value={value}
          aria-invalid={!valid || undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setValue(e.target.value)}
        />
        <span className="adm-unit" aria-hidden="true">
          {t('admin.rules.hoursUnit')}
        </span>
        <button type="submit" className="btn btn-sm btn-primary" disabled={!changed}>
          {t('admin.settings.save')}
        </button>
      </div>
      <p className={`adm-help${valid ? '' : ' adm-error'}`} id={`${id}-hint`}>
        {valid
          ? n === 0
            ? t('admin.rules.reopenNever')
            : t('admin.rules.reopenMeaning', { count: n })
          : t('admin.rules.reopenInvalid', { max: MAX_REOPEN_WINDOW_HOURS })}
      </p>
    </form>
  );
}

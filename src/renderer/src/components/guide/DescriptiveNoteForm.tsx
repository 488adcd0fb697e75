// The guide's descriptive note as a form: Contexto, Acciones realizadas, Próximos pasos, Datos faltantes,
// Canal externo. Required fields are marked and checked live with the shared `isMeaningful` (two words,
// twelve letters, not "ok"); the others can be added. Ctrl/⌘+Enter saves. @mentions work in every field.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescriptiveFields } from '../../../../shared/mutations';
import { DESCRIPTIVE_FIELDS, type DescriptiveField, isMeaningful } from '../../../../shared/rules/descriptive-note';
import { BASE_FIELDS } from '../../../../shared/rules/note-requirements';
import { fieldList } from '../../lib/errorText';
import { modKey } from '../../lib/keyboard';
import { mentionedIds } from '../../lib/mentions';
import { Icon } from '../common/Icon';
import { GuideForm, NoteFormActions } from './formParts';
import { MentionTextarea, useMentionableAgents } from './MentionTextarea';

interface Props {
  /** Prefix of element ids (two forms may be on screen: the dialog and an inline fix). */
  idPrefix: string;
  /** Fields the rules ask for; the ones a descriptive note always needs are added. */
  required: readonly DescriptiveField[];
  /** Show every field from the start (a note written by choice). */
  showAll?: boolean;
  initial?: DescriptiveFields;
  submitLabel: string;
  /** Saves; answers false when the core refused (the form stays as it is). */
  onSubmit(fields: DescriptiveFields, mentions: string[]): Promise<boolean>;
  onCancel?(): void;
  /** Trays of the conversations the note goes to, for @mentions (default: the open conversation's). */
  trayIds?: readonly string[];
}

export function DescriptiveNoteForm({
  idPrefix,
  required,
  showAll = false,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  trayIds,
}: Props) {
  const { t } = useTranslation();
  const agents = useMentionableAgents(trayIds);
  const must = DESCRIPTIVE_FIELDS.filter((f) => required.includes(f) || BASE_FIELDS.includes(f));
  const [values, setValues] = useState<Record<DescriptiveField, string>>(() => ({
    context: initial?.context ?? '',
    actions: initial?.actions ?? '',
    nextSteps: initial?.nextSteps ?? '',
    missingData: initial?.missingData ?? '',
    externalChannel: initial?.externalChannel ?? '',
  }));
  const [extra, setExtra] = useState(showAll);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const refs = useRef<Partial<Record<DescriptiveField, HTMLTextAreaElement | null>>>({});
  const shown = DESCRIPTIVE_FIELDS.filter((f) => extra || must.includes(f) || values[f].trim() !== '');
  const hidden = DESCRIPTIVE_FIELDS.filter((f) => !shown.includes(f));
  const invalid = must.filter((f) => !isMeaningful(values[f]));

  const submit = async () => {
    if (busy) return;
    if (invalid.length) {
      setTried(true);
      refs.current[invalid[0]!]?.focus();
      return;
    }
    const fields: DescriptiveFields = Object.fromEntries(
      DESCRIPTIVE_FIELDS.filter((f) => values[f].trim()).map((f) => [f, values[f].trim()]),
    );
    const mentions = mentionedIds(DESCRIPTIVE_FIELDS.map((f) => values[f]).join('\n'), agents);
    setBusy(true);
    try {
      await onSubmit(fields, mentions);
    } finally {
      setBusy(false);
    }
  };

  return (
    <GuideForm className="dnote-form" label={t('guide.note.formLabel')} onSubmit={() => void submit()}>
      {shown.map((f) => {
        const id = `${idPrefix}-${f}`;
        const isRequired = must.includes(f);
        const ok = isMeaningful(values[f]);
        const bad = isRequired && tried && !ok;
        return (
          <div key={f} className={`dnote-field${bad ? ' invalid' : ''}`}>
            <div className="dnote-label-row">
              <label htmlFor={id} className="dnote-label">
                {t(`guide.field.${f}`)}
                {isRequired ? <span className="dnote-required"> · {t('guide.note.required')}</span> : null}
              </label>
              {isRequired && ok ? (
                <span className="dnote-ok" aria-hidden="true">
                  <Icon name="check" size={12} />
                </span>
              ) : null}
            </div>
            <MentionTextarea
              id={id}
              textareaRef={(el) => {
                refs.current[f] = el;
              }}
              className="dnote-input"
              {...(trayIds ? { trayIds } : {})}
              rows={2}
              value={values[f]}
              placeholder={t(`guide.fieldHint.${f}`)}
              aria-required={isRequired}
              aria-invalid={bad}
              aria-describedby={bad ? `${id}-err` : undefined}
              onValue={(v) => setValues((s) => ({ ...s, [f]: v }))}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && modKey(e)) {
                  e.preventDefault();
                  void submit();
                }
              }}
            />
            {bad ? (
              <p id={`${id}-err`} className="dnote-error">
                {t('guide.note.notMeaningful')}
              </p>
            ) : null}
          </div>
        );
      })}
      {hidden.length ? (
        <button type="button" className="link-btn dnote-more" onClick={() => setExtra(true)}>
          {t('guide.note.moreFields', { fields: fieldList(t, hidden) })}
        </button>
      ) : null}
      {tried && invalid.length ? (
        <p className="dnote-summary" role="alert">
          {t('guide.note.fixFields', { fields: fieldList(t, invalid) })}
        </p>
      ) : null}
      <NoteFormActions busy={busy} onCancel={onCancel}>
        <Icon name="lock" size={13} /> {submitLabel}
      </NoteFormActions>
    </GuideForm>
  );
}

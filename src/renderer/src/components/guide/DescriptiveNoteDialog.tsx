// The descriptive note before a hand-off, or written by choice from the composer. It says why the guide
// asks for it (the reasons of conversations.check), marks the fields that must say something, and once
// saved runs the action that was waiting (the move, the escalation) — on each conversation of a bulk one.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescriptiveFields } from '../../../../shared/mutations';
import { BASE_FIELDS } from '../../../../shared/rules/note-requirements';
import { actions } from '../../lib/actions';
import { fieldList } from '../../lib/errorText';
import { placeName } from '../../lib/labels';
import { useComposerStore } from '../../stores/composerStore';
import { useConversationStore } from '../../stores/conversationStore';
import type { GuideDialog } from '../../stores/guideDialogStore';
import { useSessionStore } from '../../stores/sessionStore';
import { useTraysOf } from '../../hooks/useTraysOf';
import { Icon } from '../common/Icon';
import { DescriptiveNoteForm } from './DescriptiveNoteForm';
import { DialogHead } from './dialogParts';
import { GuideModal } from './GuideModal';

type NoteDialog = Extract<GuideDialog, { kind: 'note' }>;

export function DescriptiveNoteDialog({ dialog, onClose }: { dialog: NoteDialog; onClose(): void }) {
  const { t } = useTranslation();
  const lookup = useSessionStore();
  const detail = useConversationStore((s) => s.detail);
  const items = useConversationStore((s) => s.items);
  const descId = useId();
  const { conversationIds, requirement, pending } = dialog;
  const count = conversationIds.length;
  const trayIds = useTraysOf(conversationIds);

  // What the note unlocks, in words: "mover a Servicio y Soporte › Garantías", "asignar a Carlos Muñoz".
  let what = '';
  if (pending?.action.type === 'move')
    what = t('guide.note.forMove', { place: placeName(lookup, pending.action.trayId, pending.action.categoryId) });
  else if (pending?.action.type === 'assign')
    what = t('guide.note.forAssign', {
      name: (pending.action.assigneeId && lookup.agentsById.get(pending.action.assigneeId)?.name) || '',
    });
  const title = pending ? t('guide.note.titleBefore', { what }) : t('guide.note.title');
  const submitLabel =
    pending?.action.type === 'move'
      ? t('guide.note.saveAndMove')
      : pending?.action.type === 'assign'
        ? t('guide.note.saveAndAssign')
        : t('guide.note.save');

  // One note of the cycle must say everything: start from the latest one of the open conversation.
  const single = count === 1 && detail?.id === conversationIds[0] ? detail : null;
  let initial: DescriptiveFields | undefined = dialog.initial;
  if (!initial && single) {
    for (let i = items.length - 1; i >= 0 && items[i]!.createdAt >= single.cycleStartedAt; i--) {
      const n = items[i]!;
      if (n.type === 'note' && n.kind === 'descriptive' && n.fields) {
        initial = n.fields;
        break;
      }
    }
  }

  const submit = async (fields: DescriptiveFields, mentions: string[]) => {
    for (const id of conversationIds) {
      if (!(await actions.addDescriptiveNote(id, fields, mentions))) return false;
    }
    if (dialog.fromComposer) useComposerStore.getState().setText('');
    onClose();
    if (pending) await actions.runPending(pending);
    return true;
  };

  return (
    <GuideModal label={title} describedBy={descId} onClose={onClose} className="note-dialog" initialFocus="textarea">
      <DialogHead title={title} icon={<Icon name="lock" size={14} />} className="note-head-bar" onClose={onClose} />
      <div className="guide-body">
        <div id={descId} className="note-why">
          {requirement ? (
            <>
              <p className="guide-lead">{t('guide.note.why')}</p>
              <ul className="reason-list">
                {requirement.reasons.map((r) => (
                  <li key={r}>{t(`guide.reason.${r}`)}</li>
                ))}
              </ul>
              {requirement.missingFields.length ? (
                <p className="guide-muted">
                  {t('guide.note.stillMissing', { fields: fieldList(t, requirement.missingFields) })}
                </p>
              ) : null}
            </>
          ) : (
            <p className="guide-lead">{t('guide.note.freeLead')}</p>
          )}
          {count > 1 ? <p className="guide-muted">{t('guide.note.bulk', { count })}</p> : null}
          <p className="guide-private">
            <Icon name="lock" size={12} /> {t('guide.note.private')}
          </p>
        </div>
        <DescriptiveNoteForm
          idPrefix="dnote"
          required={requirement?.fields ?? BASE_FIELDS}
          showAll={!requirement}
          {...(initial ? { initial } : {})}
          submitLabel={submitLabel}
          trayIds={trayIds}
          onSubmit={submit}
          onCancel={onClose}
        />
      </div>
    </GuideModal>
  );
}

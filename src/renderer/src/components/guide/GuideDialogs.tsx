// Renders the guide's open dialog (stores/guideDialogStore.ts): resolve, descriptive note, external
// contact, merge, snooze. Mounted once in the inbox, next to the pickers; closed when the inbox goes away.
import { useEffect } from 'react';
import { useGuideDialogStore } from '../../stores/guideDialogStore';
import { DescriptiveNoteDialog } from './DescriptiveNoteDialog';
import { ExternalContactDialog } from './ExternalContactDialog';
import { MergeDialog } from './MergeDialog';
import { ResolveDialog } from './ResolveDialog';
import { SnoozeDialog } from '../reminders/SnoozeDialog';

export function GuideDialogs() {
  const dialog = useGuideDialogStore((s) => s.dialog);
  const close = useGuideDialogStore((s) => s.close);
  // Signed out (or another agent): nothing of this session's dialogs survives the inbox.
  useEffect(() => () => useGuideDialogStore.getState().close(), []);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'resolve':
      return <ResolveDialog key={JSON.stringify(dialog.target)} target={dialog.target} onClose={close} />;
    case 'note':
      return <DescriptiveNoteDialog dialog={dialog} onClose={close} />;
    case 'external':
      return <ExternalContactDialog conversationId={dialog.conversationId} onClose={close} />;
    case 'merge':
      return <MergeDialog keepId={dialog.keepId} sourceId={dialog.sourceId} onClose={close} />;
    case 'snooze':
      return <SnoozeDialog key={JSON.stringify(dialog.target)} target={dialog.target} onClose={close} />;
  }
}

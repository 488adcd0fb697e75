// Opening "Posponer" from anywhere (s, the thread header, the details, the bulk bar, the palette): one
// conversation or the selection. A resolved conversation is not snoozed (the status machine refuses it);
// the agent is told why instead of a dialog that could only fail.
import { i18next } from '../i18n';
import { useConversationStore } from '../stores/conversationStore';
import { useGuideDialogStore, type GuideTarget } from '../stores/guideDialogStore';
import { useListStore } from '../stores/listStore';
import { useUiStore } from '../stores/uiStore';

function statusOf(conversationId: string) {
  const detail = useConversationStore.getState().detail;
  if (detail?.id === conversationId) return detail.status;
  return useListStore.getState().rows.find((r) => r.id === conversationId)?.status;
}

/** Opens the snooze dialog; false when there is nothing to snooze. */
export function openSnooze(target: GuideTarget): boolean {
  if (target.kind === 'one' && statusOf(target.conversationId) === 'resolved') {
    useUiStore.getState().pushInfo(i18next.t('reminders.snooze.notResolved'));
    return false;
  }
  useGuideDialogStore.getState().open({ kind: 'snooze', target });
  return true;
}

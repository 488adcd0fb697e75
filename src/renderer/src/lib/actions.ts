// User actions on conversations. Each one calls the core, then immediately re-reads what it touched
// (the core also emits data.changed; reading at once makes the UI answer without waiting for it).
import type { BulkAction } from '../../../shared/mutations';
import type { SettableStatus } from '../../../shared/mutations';
import { useConversationStore } from '../stores/conversationStore';
import { useCountsStore } from '../stores/countsStore';
import { useListStore } from '../stores/listStore';
import { useUiStore } from '../stores/uiStore';
import { call, run } from './api';

export function refreshAfterChange(conversationIds: string[]): void {
  void useCountsStore.getState().refresh();
  void useListStore.getState().patch(conversationIds);
  const openId = useConversationStore.getState().openId;
  if (openId && (conversationIds.length === 0 || conversationIds.includes(openId)))
    void useConversationStore.getState().refresh();
}

async function mutate(conversationId: string, fn: () => Promise<unknown>): Promise<boolean> {
  const ok = (await fn()) !== undefined;
  refreshAfterChange([conversationId]);
  return ok;
}

export const actions = {
  assign: (conversationId: string, assigneeId: string | null) =>
    mutate(conversationId, () => run('conversations.assign', { conversationId, assigneeId })),
  move: (conversationId: string, trayId: string, categoryId: string | null) =>
    mutate(conversationId, () => run('conversations.move', { conversationId, trayId, categoryId })),
  setStatus: (conversationId: string, status: SettableStatus) =>
    mutate(conversationId, () => run('conversations.setStatus', { conversationId, status })),
  addTag: (conversationId: string, tagId: string) =>
    mutate(conversationId, () => run('conversations.addTag', { conversationId, tagId })),
  removeTag: (conversationId: string, tagId: string) =>
    mutate(conversationId, () => run('conversations.removeTag', { conversationId, tagId })),

  /** Applies one action to many conversations and reports per item what happened. */
  async bulk(conversationIds: string[], action: BulkAction): Promise<void> {
    const wanted = new Set(conversationIds);
    const names = Object.fromEntries(
      useListStore
        .getState()
        .rows.filter((r) => wanted.has(r.id))
        .map((r) => [r.id, r.contactName] as const),
    );
    try {
      const { results } = await call('conversations.bulk', { conversationIds, action });
      useUiStore.getState().pushBulk(results, names);
      // Keep only the failed ones selected, so the agent can look at them or retry.
      const failed = new Set(results.filter((r) => !r.ok).map((r) => r.conversationId));
      useListStore.setState({ selected: failed });
    } catch (err) {
      useUiStore.getState().pushError(err);
    }
    refreshAfterChange(conversationIds);
  },

  openAttachment: (url: string) => run('attachments.open', { url }),
};

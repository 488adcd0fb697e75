// The trays of some conversations, as far as the screen knows them (the open one, the list's rows): what
// a note on them can mention, who can see them. Ids not on screen are left out (the core decides there).
import { useMemo } from 'react';
import { useConversationStore } from '../stores/conversationStore';
import { useListStore } from '../stores/listStore';

export function useTraysOf(conversationIds: readonly string[]): string[] {
  const detail = useConversationStore((s) => s.detail);
  const rows = useListStore((s) => s.rows);
  const key = conversationIds.join(',');
  return useMemo(() => {
    const wanted = new Set(key.split(','));
    const trays = new Set<string>();
    if (detail && wanted.has(detail.id)) trays.add(detail.trayId);
    for (const r of rows) if (wanted.has(r.id)) trays.add(r.trayId);
    return [...trays];
  }, [key, detail, rows]);
}

// Column 3 + 4: the open conversation — its detail, contact, thread pages (oldest → newest) and
// audit timeline. Only one conversation is open; switching drops the previous one's data.
import { create } from 'zustand';
import type { AuditEvent, Contact, ConversationDetail, ThreadItem } from '../../../shared/entities';
import { call } from '../lib/api';
import { useUiStore } from './uiStore';

const THREAD_PAGE = 50;
const AUDIT_PAGE = 30;

interface ConversationState {
  openId: string | null;
  detail: ConversationDetail | null;
  contact: Contact | null;
  items: ThreadItem[];
  olderCursor: string | null;
  loadingOlder: boolean;
  audit: AuditEvent[];
  auditCursor: string | null;
  open(id: string | null): Promise<void>;
  refresh(): Promise<void>;
  loadOlder(): Promise<void>;
  loadOlderAudit(): Promise<void>;
}

const byTime = (a: { createdAt: number }, b: { createdAt: number }) => a.createdAt - b.createdAt;

/** Detail, newest thread page and newest history page of one conversation, in parallel. */
function fetchNewest(id: string) {
  return Promise.all([
    call('conversations.get', { id }),
    call('thread.page', { conversationId: id, limit: THREAD_PAGE }),
    call('audit.timeline', { conversationId: id, limit: AUDIT_PAGE }),
  ]);
}

export const useConversationStore = create<ConversationState>((set, get) => ({
  openId: null,
  detail: null,
  contact: null,
  items: [],
  olderCursor: null,
  loadingOlder: false,
  audit: [],
  auditCursor: null,

  async open(id) {
    if (id === get().openId) return;
    set({ openId: id, detail: null, contact: null, items: [], olderCursor: null, audit: [], auditCursor: null });
    if (!id) return;
    try {
      const [detail, thread, audit] = await fetchNewest(id);
      if (get().openId !== id) return;
      set({
        detail,
        items: thread.items,
        olderCursor: thread.nextCursor,
        audit: audit.items,
        auditCursor: audit.nextCursor,
      });
      const contact = await call('contacts.get', { id: detail.contactId });
      if (get().openId === id) set({ contact });
    } catch (err) {
      if (get().openId === id) useUiStore.getState().pushError(err);
    }
  },

  /** Something changed in the open conversation: re-read detail, newest thread page and history. */
  async refresh() {
    const id = get().openId;
    if (!id) return;
    try {
      const [detail, thread, audit] = await fetchNewest(id);
      if (get().openId !== id) return;
      // Keep the older pages the agent already scrolled to; replace the newest page wholesale.
      const fresh = new Set(thread.items.map((i) => i.id));
      const oldest = thread.items[0]?.createdAt ?? Infinity;
      const older = get().items.filter((i) => !fresh.has(i.id) && i.createdAt < oldest);
      set({
        detail,
        items: [...older, ...thread.items].sort(byTime),
        olderCursor: older.length ? get().olderCursor : thread.nextCursor,
        audit: audit.items,
        auditCursor: audit.nextCursor,
      });
      if (get().contact?.id !== detail.contactId) {
        const contact = await call('contacts.get', { id: detail.contactId });
        if (get().openId === id) set({ contact });
      }
    } catch (err) {
      // The conversation may have left this agent's reach; show why rather than a frozen pane.
      if (get().openId === id) useUiStore.getState().pushError(err);
    }
  },

  async loadOlder() {
    const { openId, olderCursor, loadingOlder } = get();
    if (!openId || !olderCursor || loadingOlder) return;
    set({ loadingOlder: true });
    try {
      const page = await call('thread.page', { conversationId: openId, before: olderCursor, limit: THREAD_PAGE });
      if (get().openId !== openId) return;
      const have = new Set(get().items.map((i) => i.id));
      set((s) => ({
        items: [...page.items.filter((i) => !have.has(i.id)), ...s.items],
        olderCursor: page.nextCursor,
        loadingOlder: false,
      }));
    } catch (err) {
      set({ loadingOlder: false });
      useUiStore.getState().pushError(err);
    }
  },

  async loadOlderAudit() {
    const { openId, auditCursor } = get();
    if (!openId || !auditCursor) return;
    try {
      const page = await call('audit.timeline', { conversationId: openId, before: auditCursor, limit: AUDIT_PAGE });
      if (get().openId !== openId) return;
      const have = new Set(get().audit.map((a) => a.id));
      set((s) => ({ audit: [...s.audit, ...page.items.filter((a) => !have.has(a.id))], auditCursor: page.nextCursor }));
    } catch (err) {
      useUiStore.getState().pushError(err);
    }
  },
}));

// Column 3 + 4: the open conversation — its detail, contact, thread pages (oldest → newest), audit
// timeline, its tasks and tickets, and (on demand) the history of the conversation it continues. Only one
// conversation is open; switching drops the previous one's data.
import { create } from 'zustand';
import type { AuditEvent, Contact, ConversationDetail, Task, ThreadItem, Ticket } from '../../../shared/entities';
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
  /** Tasks linked to the conversation (open and done) and its tickets. */
  tasks: Task[];
  tickets: Ticket[];
  /** The earlier conversation this one continues (linkedFromId), loaded when the agent asks to see it. */
  previous: { id: string; items: ThreadItem[]; olderCursor: string | null; loading: boolean } | null;
  open(id: string | null): Promise<void>;
  refresh(): Promise<void>;
  loadOlder(): Promise<void>;
  loadOlderAudit(): Promise<void>;
  /** Re-read the contact (after a rename, a company, a phone or email). */
  refreshContact(): Promise<void>;
  /** Re-read tasks and tickets (they change without touching the conversation row). */
  refreshWork(): Promise<void>;
  /** Show or hide the history of the conversation this one continues. */
  togglePrevious(): Promise<void>;
  loadOlderPrevious(): Promise<void>;
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

/**
 * Tasks and tickets of a conversation. Decoration of the details column: a failure leaves the cards as
 * they were (the action that failed reports itself) rather than blanking the conversation.
 */
async function fetchWork(id: string): Promise<{ tasks?: Task[]; tickets?: Ticket[] }> {
  const [tasks, tickets] = await Promise.all([
    call('tasks.list', { scope: 'conversation', conversationId: id, includeDone: true }).catch(() => null),
    call('tickets.forConversation', { conversationId: id }).catch(() => null),
  ]);
  return { ...(tasks ? { tasks: tasks.items } : {}), ...(tickets ? { tickets: tickets.items } : {}) };
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
  tasks: [],
  tickets: [],
  previous: null,

  async open(id) {
    if (id === get().openId) return;
    set({
      openId: id,
      detail: null,
      contact: null,
      items: [],
      olderCursor: null,
      audit: [],
      auditCursor: null,
      tasks: [],
      tickets: [],
      previous: null,
    });
    if (!id) return;
    void fetchWork(id).then((work) => {
      if (get().openId === id) set(work);
    });
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
    void get().refreshWork();
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
      // The contact too: its company, phones and name change without a new contact id.
      const contact = await call('contacts.get', { id: detail.contactId });
      if (get().openId === id) set({ contact });
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

  async refreshContact() {
    const { openId, detail } = get();
    if (!openId || !detail) return;
    try {
      const [contact, fresh] = await Promise.all([
        call('contacts.get', { id: detail.contactId }),
        call('conversations.get', { id: openId }),
      ]);
      if (get().openId === openId) set({ contact, detail: fresh });
    } catch (err) {
      if (get().openId === openId) useUiStore.getState().pushError(err);
    }
  },

  async refreshWork() {
    const id = get().openId;
    if (!id) return;
    const work = await fetchWork(id);
    if (get().openId === id) set(work);
  },

  async togglePrevious() {
    const { detail, previous } = get();
    if (previous) return set({ previous: null });
    const prevId = detail?.linkedFromId;
    if (!detail || !prevId) return;
    set({ previous: { id: prevId, items: [], olderCursor: null, loading: true } });
    try {
      const page = await call('thread.page', { conversationId: prevId, limit: THREAD_PAGE });
      if (get().previous?.id !== prevId) return;
      set({ previous: { id: prevId, items: page.items, olderCursor: page.nextCursor, loading: false } });
    } catch (err) {
      if (get().previous?.id === prevId) set({ previous: null });
      useUiStore.getState().pushError(err);
    }
  },

  async loadOlderPrevious() {
    const prev = get().previous;
    if (!prev || !prev.olderCursor || prev.loading) return;
    set({ previous: { ...prev, loading: true } });
    try {
      const page = await call('thread.page', { conversationId: prev.id, before: prev.olderCursor, limit: THREAD_PAGE });
      const now = get().previous;
      if (now?.id !== prev.id) return;
      const have = new Set(now.items.map((i) => i.id));
      set({
        previous: {
          ...now,
          items: [...page.items.filter((i) => !have.has(i.id)), ...now.items],
          olderCursor: page.nextCursor,
          loading: false,
        },
      });
    } catch (err) {
      const now = get().previous;
      if (now?.id === prev.id) set({ previous: { ...now, loading: false } });
      useUiStore.getState().pushError(err);
    }
  },
}));

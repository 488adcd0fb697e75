// The composer of the open conversation: mode (reply / private note) and text. Drafts live in the core
// (drafts.get / drafts.set), saved ~400 ms after typing stops, so they survive a restart. A private note's
// "@Nombre Apellido" mentions are sent with it.
import { create } from 'zustand';
import { call, run } from '../lib/api';
import { debounce } from '../lib/debounce';
import { mentionableAgents, mentionedIds } from '../lib/mentions';
import { useConversationStore } from './conversationStore';
import { useSessionStore } from './sessionStore';
import { useUiStore } from './uiStore';

export type ComposerMode = 'reply' | 'note';

interface ComposerState {
  conversationId: string | null;
  mode: ComposerMode;
  text: string;
  sending: boolean;
  /** Bumped to ask the textarea to take focus (r / n shortcuts). */
  focusTick: number;
  load(conversationId: string | null): Promise<void>;
  setText(text: string): void;
  setMode(mode: ComposerMode): void;
  focus(mode?: ComposerMode): void;
  send(): Promise<boolean>;
  /** Signed out: drop the pending draft save (the core would refuse it) and the text. */
  reset(): void;
}

const saveDraft = debounce((conversationId: string, text: string, mode: ComposerMode) => {
  void run('drafts.set', { conversationId, text, mode });
}, 400);

export const useComposerStore = create<ComposerState>((set, get) => ({
  conversationId: null,
  mode: 'reply',
  text: '',
  sending: false,
  focusTick: 0,

  async load(conversationId) {
    saveDraft.flush(); // never lose the last keystrokes of the conversation we are leaving
    set({ conversationId, text: '', mode: 'reply' });
    if (!conversationId) return;
    try {
      const draft = await call('drafts.get', { conversationId });
      // Only adopt the stored draft if the agent has not started typing meanwhile.
      if (get().conversationId === conversationId && get().text === '') set({ text: draft.text, mode: draft.mode });
    } catch {
      // No draft is a normal state.
    }
  },

  setText(text) {
    set({ text });
    const { conversationId, mode } = get();
    if (conversationId) saveDraft(conversationId, text, mode);
  },

  setMode(mode) {
    set({ mode });
    const { conversationId, text } = get();
    if (conversationId) saveDraft(conversationId, text, mode);
  },

  focus(mode) {
    if (mode) get().setMode(mode);
    set((s) => ({ focusTick: s.focusTick + 1 }));
  },

  async send() {
    const { conversationId, mode, text, sending } = get();
    const body = text.trim();
    if (!conversationId || !body || sending) return false;
    set({ sending: true });
    try {
      if (mode === 'reply') await call('messages.sendReply', { conversationId, text: body });
      else {
        // "@Nombre Apellido" in the note notifies that teammate (the core checks they can see it).
        const { session, traysById } = useSessionStore.getState();
        const trayId = useConversationStore.getState().detail?.trayId;
        const mentions = mentionedIds(body, mentionableAgents(session, traysById, trayId ? [trayId] : []));
        await call('notes.add', { conversationId, body, ...(mentions.length ? { mentions } : {}) });
      }
      saveDraft.cancel();
      if (get().conversationId === conversationId) set({ text: '' });
      await call('drafts.set', { conversationId, text: '', mode });
      return true;
    } catch (err) {
      useUiStore.getState().pushError(err);
      return false;
    } finally {
      set({ sending: false });
    }
  },

  reset() {
    saveDraft.cancel();
    set({ conversationId: null, mode: 'reply', text: '', sending: false });
  },
}));

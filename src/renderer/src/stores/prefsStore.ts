// Theme, language and layout widths. The core owns prefs (prefs.get/prefs.set, prefs.changed); this
// store mirrors them and applies them to the document (data-theme on <html>, i18next language).
import { create } from 'zustand';
import { DEFAULT_PREFS, type Prefs } from '../../../shared/entities';
import { setLocale } from '../i18n';
import { call, run } from '../lib/api';

type PrefsPatch = Partial<Prefs>;

interface PrefsState {
  prefs: Prefs;
  load(): Promise<void>;
  apply(prefs: Prefs): void;
  update(patch: PrefsPatch): Promise<void>;
}

const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function applyTheme(theme: Prefs['theme']): void {
  const resolved = theme === 'system' ? (media?.matches ? 'dark' : 'light') : theme;
  document.documentElement.dataset.theme = resolved;
}

export const usePrefsStore = create<PrefsState>((set, get) => ({
  prefs: DEFAULT_PREFS,
  async load() {
    try {
      get().apply(await call('prefs.get', {}));
    } catch {
      get().apply(DEFAULT_PREFS);
    }
  },
  apply(prefs) {
    set({ prefs });
    applyTheme(prefs.theme);
    setLocale(prefs.locale);
  },
  async update(patch) {
    // Apply at once (a theme switch must feel instant), then take the core's answer as the truth.
    get().apply({ ...get().prefs, ...patch });
    const saved = await run('prefs.set', patch);
    if (saved) get().apply(saved);
  },
}));

media?.addEventListener('change', () => applyTheme(usePrefsStore.getState().prefs.theme));

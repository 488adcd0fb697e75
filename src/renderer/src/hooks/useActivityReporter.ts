// Tells the core when the person at this window becomes active or idle (presence.setActivity), so
// colleagues see them "Ausente" after 5 minutes away from the keyboard or with the window hidden. The
// policy (when to call, never twice for one change) lives in lib/activity; this hook only feeds it events.
import { useEffect } from 'react';
import { ActivityReporter } from '../lib/activity';
import { getTransport } from '../transport';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function useActivityReporter(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const reporter = new ActivityReporter((state) => getTransport().invoke('presence.setActivity', { state }), {
      now: () => Date.now(),
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
    });
    const onInput = () => reporter.input();
    const onVisibility = () => reporter.visibility(document.visibilityState === 'hidden');
    const opts = { capture: true, passive: true } as const;
    INPUT_EVENTS.forEach((e) => window.addEventListener(e, onInput, opts));
    window.addEventListener('focus', onInput);
    document.addEventListener('visibilitychange', onVisibility);
    reporter.start(document.visibilityState === 'hidden');
    return () => {
      reporter.stop();
      INPUT_EVENTS.forEach((e) => window.removeEventListener(e, onInput, opts));
      window.removeEventListener('focus', onInput);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled]);
}

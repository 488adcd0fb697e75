// When the person at this window is active or idle, reduced to the few presence.setActivity calls the
// server needs (no DOM here: hooks/useActivityReporter feeds it, unit tests drive it with a fake clock).
//   - idle after IDLE_AFTER_MS without keyboard, pointer or focus, or at once when the window is hidden;
//   - active on the next input after that — one call per change, however many events arrive;
//   - while active, `active` again at most every REFRESH_MS when there was input: the server counts a
//     connection with no activity frame for 5 minutes as away (src/shared/realtime.ts), so a person who
//     works for an hour without a state change would otherwise turn amber for everyone else.
import type { ActivityState } from '../../../shared/realtime';

export const IDLE_AFTER_MS = 5 * 60_000;
export const REFRESH_MS = 2 * 60_000;
/** A failed call is tried again on a later input, not on every mouse move while the link is down. */
export const RETRY_MS = 15_000;

export interface ActivityClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class ActivityReporter {
  private reported: ActivityState | null = null;
  private lastInput = 0;
  private lastSent = 0;
  private hidden = false;
  private timer: unknown = null;
  private stopped = false;

  constructor(
    private readonly send: (state: ActivityState) => Promise<unknown>,
    private readonly clock: ActivityClock,
    private readonly idleAfterMs = IDLE_AFTER_MS,
    private readonly refreshMs = REFRESH_MS,
  ) {}

  /** Declares the starting state once (the core may hold `idle` from a window that was reloaded). */
  start(hidden: boolean): void {
    this.hidden = hidden;
    this.lastInput = this.clock.now();
    if (hidden) this.report('idle');
    else {
      this.report('active');
      this.armIdleTimer();
    }
  }

  /** Keyboard, pointer, wheel, touch or focus: cheap enough to call on every event. */
  input(): void {
    if (this.stopped || this.hidden) return;
    const now = this.clock.now();
    this.lastInput = now;
    if (this.reported !== 'active') this.report('active');
    else if (now - this.lastSent >= this.refreshMs) this.report('active');
    this.armIdleTimer();
  }

  visibility(hidden: boolean): void {
    if (this.stopped || hidden === this.hidden) return;
    this.hidden = hidden;
    if (hidden) {
      this.disarm();
      this.report('idle');
    } else {
      // Coming back to the window is activity in itself.
      this.input();
    }
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private report(state: ActivityState): void {
    if (this.stopped) return;
    this.reported = state;
    this.lastSent = this.clock.now();
    this.send(state).catch(() => {
      // Presence is a hint: retry `active` through the refresh path a little later; an `idle` lost
      // costs nothing, since the server turns a silent connection away on its own.
      if (this.reported === state && state === 'active') {
        this.lastSent = this.clock.now() - this.refreshMs + RETRY_MS;
      }
    });
  }

  /** One timer at a time, at the earliest moment the person could count as idle. */
  private armIdleTimer(): void {
    if (this.timer !== null || this.stopped) return;
    const wait = this.lastInput + this.idleAfterMs - this.clock.now();
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        if (this.stopped || this.hidden) return;
        if (this.clock.now() - this.lastInput >= this.idleAfterMs) {
          if (this.reported !== 'idle') this.report('idle');
        } else this.armIdleTimer();
      },
      Math.max(0, wait),
    );
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

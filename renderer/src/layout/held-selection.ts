import { holdText, firstText, type HeldText } from './text-hold.js';

/** How a held selection decides (text-hold.ts). */
export interface HoldRules<T> {
  /** 0: every change shows at once. */
  readonly holdMs: number;
  /** Where in its hold the first value starts (phaseOf), so tiles release at different times. */
  readonly phase: number;
  readonly equal: (a: T, b: T) => boolean;
  /** The live value must show at once (the site got worse). */
  readonly urgent: (live: T, shown: T) => boolean;
  /**
   * After a hold ends, how long to wait for a source change to show what waited before a timer
   * does it: on a busy fleet the next delta batch releases every tile whose hold is over in one
   * commit; the timer is for a fleet gone quiet.
   */
  readonly graceMs: number;
}

/** What a held selection needs of time: the board clock's `now` and `at`. */
export interface HoldClock {
  now(): number;
  at(at: number, callback: () => void): () => void;
}

/**
 * A value read from a store, held (text-hold.ts), for React's useSyncExternalStore: its
 * subscriber hears of a change only when the shown value changes, so a component whose value is
 * held is not rendered at all while the store changes under it. (A selector hook would render it
 * on every change and throw the result away: at load (b) of bench:render that was every tile on
 * every delta batch.) One subscriber at a time: the component that owns it.
 */
export class HeldSelection<T> {
  private shown: HeldText<T>;
  private releasedAt = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | null = null;
  private timerAt = Number.NaN;

  constructor(
    private readonly read: () => T,
    private readonly source: (listener: () => void) => () => void,
    private readonly clock: HoldClock,
    private readonly rules: HoldRules<T>,
  ) {
    this.shown = firstText(read(), clock.now(), rules.phase);
  }

  readonly getSnapshot = (): T => this.shown.value;

  readonly subscribe = (listener: () => void): (() => void) => {
    const check = () => {
      if (this.update(listener)) listener();
    };
    const unsubscribe = this.source(check);
    // The source may have changed since the first read: React compares the snapshot after this.
    this.update(listener);
    return () => {
      unsubscribe();
      this.stopTimer();
    };
  };

  /** Whether a timer waits to show a held value (for the dispose tests). */
  get waiting(): boolean {
    return this.cancelTimer !== null;
  }

  /** Takes the live value if the rules let it show now; true when the shown value changed. */
  private update(listener: () => void): boolean {
    const { holdMs, equal, urgent, graceMs } = this.rules;
    const live = this.read();
    const now = Math.max(this.clock.now(), this.releasedAt);
    const next = holdText(this.shown, live, now, holdMs, equal, urgent);
    const changed = next !== this.shown;
    this.shown = next;
    if (equal(next.value, live)) this.stopTimer();
    else this.startTimer(next.since + holdMs + graceMs, listener);
    return changed;
  }

  private startTimer(end: number, listener: () => void): void {
    if (this.cancelTimer !== null && this.timerAt === end) return;
    this.stopTimer();
    this.timerAt = end;
    this.cancelTimer = this.clock.at(end, () => {
      this.cancelTimer = null;
      // A timer may fire a millisecond early by the clock read again: the hold is over anyway.
      this.releasedAt = Math.max(this.releasedAt, end);
      if (this.update(listener)) listener();
    });
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}

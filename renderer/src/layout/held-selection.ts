import { holdEnded, holdText, firstText, type HeldText } from './text-hold.js';

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
   * does it: on a busy fleet the next change of the store (a delta batch, of any site) releases
   * every tile whose hold is over in one commit; the timer is for a fleet gone quiet.
   */
  readonly graceMs: number;
}

/** What a held selection needs of time: the board clock's `now` and `at`. */
export interface HoldClock {
  now(): number;
  at(at: number, callback: () => void): () => void;
}

/**
 * Tells its listener of every store change: `mine` when the change can change the value (its
 * site's devices or alerts), false for any other (which releases a value waiting past its hold).
 */
export type HeldSource = (listener: (mine: boolean) => void) => () => void;

/**
 * A value read from a store, held (text-hold.ts), for React's useSyncExternalStore: its
 * subscriber hears of a change only when the shown value changes, so a component whose value is
 * held is not rendered at all while the store changes under it. (A selector hook would render it
 * on every change and throw the result away: at load (b) of bench:render that was every tile on
 * every delta batch.) One subscriber at a time: the component that owns it.
 */
export class HeldSelection<T> {
  private shown: HeldText<T>;
  private cancelTimer: (() => void) | null = null;
  private timerAt = Number.NaN;
  private failure: { readonly thrown: unknown } | null = null;

  constructor(
    private readonly read: () => T,
    private readonly source: HeldSource,
    private readonly clock: HoldClock,
    private readonly rules: HoldRules<T>,
  ) {
    this.shown = firstText(read(), clock.now(), rules.phase);
  }

  readonly getSnapshot = (): T => {
    if (this.failure) throw this.failure.thrown;
    return this.shown.value;
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    const check = (mine: boolean) => {
      if (mine || this.holdOver()) this.settle(listener);
    };
    const unsubscribe = this.source(check);
    // The source may have changed since the first read: React compares the snapshot after this.
    this.settle(listener, false);
    return () => {
      unsubscribe();
      this.stopTimer();
    };
  };

  /** Whether a timer waits to show a held value (for the dispose tests). */
  get waiting(): boolean {
    return this.cancelTimer !== null;
  }

  /** A value waits and its hold is over: any change of the store may show it now. */
  private holdOver(): boolean {
    return this.waiting && holdEnded(this.shown, this.clock.now(), this.rules.holdMs);
  }

  /**
   * Updates, and tells the listener of a new value or of a read that threw. `release`: the
   * timer says the hold is over, whatever the clock reads now.
   */
  private settle(listener: () => void, notify = true, release = false): void {
    if (this.failure) return;
    let changed: boolean;
    try {
      changed = this.update(listener, release);
    } catch (thrown) {
      this.failure = { thrown };
      this.stopTimer();
      changed = true;
    }
    if (changed && notify) listener();
  }

  /** Takes the live value if the rules let it show now; true when the shown value changed. */
  private update(listener: () => void, release: boolean): boolean {
    const { holdMs, equal, urgent, graceMs } = this.rules;
    const live = this.read();
    // A released value is dated by the clock as it reads now, even if the timer fired a little
    // early or the hub's offset moved while it waited, so the next hold is a whole one.
    const next = holdText(this.shown, live, this.clock.now(), release ? 0 : holdMs, equal, urgent);
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
      this.settle(listener, true, true);
    });
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}

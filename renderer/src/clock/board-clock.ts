import type { Clock, TimerHandle } from '../../../shared/clock.js';

const SECOND = 1000;

/**
 * The board's time: the hub's clock as this page knows it (the injected clock plus the measured
 * offset, so a TV with a wrong clock still shows true ages). One timer serves every age and clock
 * on the page: it ticks on each whole second of hub time while anything displays time, and stops
 * with the last subscriber, so an unmounted board holds none.
 */
export class BoardClock {
  private timer: TimerHandle | null = null;
  /** Hub time at the last tick: every display on the page agrees on it until the next one. */
  private shown: number;
  private readonly listeners = new Set<() => void>();

  /** `offset()` is read at each use: hub time minus local time, as the store last measured it. */
  constructor(
    private readonly clock: Clock,
    private readonly offset: () => number = () => 0,
  ) {
    this.shown = this.now();
  }

  /** Hub time now, to the millisecond (for scheduling; displays use displayNow). */
  now(): number {
    return this.clock.now() + this.offset();
  }

  /**
   * The time displays show. Stable between ticks, so a render and React's re-check of it agree;
   * read fresh while the ticker is stopped (a first render, before anyone subscribed).
   */
  displayNow(): number {
    if (this.timer === null && this.now() - this.shown >= SECOND) this.shown = this.now();
    return this.shown;
  }

  /** Calls `listener` on every tick while subscribed. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.timer === null) {
      this.shown = this.now();
      this.arm();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== null) {
        this.clock.clearTimeout(this.timer);
        this.timer = null;
      }
    };
  };

  /** Runs `callback` once hub time reaches `at`; returns the cancel function. */
  at(at: number, callback: () => void): () => void {
    const handle = this.clock.setTimeout(callback, Math.max(0, at - this.now()));
    return () => {
      this.clock.clearTimeout(handle);
    };
  }

  /**
   * The offset moved (a new measurement from the hub): displays catch up now rather than at the
   * next tick, so the big clock never shows a time the hub has already corrected, and the ticker
   * is re-armed so its ticks land on whole seconds of the corrected hub time again.
   */
  resync(): void {
    this.shown = this.now();
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.arm();
    }
    this.notify();
  }

  /** True while the ticker runs (tests: an unmounted board must have stopped it). */
  get running(): boolean {
    return this.timer !== null;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Next tick on the next whole second of hub time, so the big clock turns with the hub's. */
  private arm(): void {
    const untilNextSecond = SECOND - (((this.now() % SECOND) + SECOND) % SECOND);
    this.timer = this.clock.setTimeout(this.tick, untilNextSecond);
  }

  private readonly tick = (): void => {
    this.shown = this.now();
    this.arm();
    this.notify();
  };

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

import type { Clock, TimerHandle } from '../../../shared/clock.js';

export interface ResyncBrakeOptions {
  /** The pause after the first resync; it doubles with each further one. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** A stretch this long without a resync starts the backoff over. */
  readonly resetAfterMs: number;
}

/**
 * Brakes on resyncs: a site whose heartbeats name a seq it never sends, or that keeps skipping
 * seqs, would otherwise be asked to resync as fast as it talks. The first resync runs at once;
 * one asked for sooner than the backoff allows runs once, when it does (later asks join it).
 */
export class ResyncBrake {
  private attempt = 0;
  private notBefore = -Infinity;
  private lastAskedAt = -Infinity;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly options: ResyncBrakeOptions,
  ) {}

  /** Timers held: 1 while a resync waits for its turn. */
  get pending(): number {
    return this.timer ? 1 : 0;
  }

  /** Runs `resync` now if the brake allows, else once when it does; never twice in a wait. */
  request(resync: () => void): void {
    if (this.timer) return;
    const now = this.clock.now();
    if (now - this.lastAskedAt >= this.options.resetAfterMs) this.attempt = 0;
    this.lastAskedAt = now;
    if (now >= this.notBefore) {
      this.run(resync);
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.run(resync);
    }, this.notBefore - now);
  }

  /** Drops a resync waiting for its turn (the connection is gone; the next one syncs anyway). */
  cancel(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private run(resync: () => void): void {
    const delay = this.options.initialDelayMs * 2 ** Math.min(this.attempt++, 30);
    this.notBefore = this.clock.now() + Math.min(this.options.maxDelayMs, delay);
    resync();
  }
}

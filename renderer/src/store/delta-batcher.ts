import type { Clock, TimerHandle } from '../../../shared/clock.js';

/** The hub's deltas reach the store at most this often (the first after a quiet spell at once). */
export const DELTA_BATCH_MS = 500;

/** A delta and when it arrived: the store measures the hub's clock offset from the arrival. */
export interface Arrived<T> {
  readonly value: T;
  readonly at: number;
}

/**
 * Hands what arrives to `flush` at most once per `intervalMs`: the first item after a quiet
 * spell at once (a lone alert shows without delay), the rest of a busy stream together at the
 * end of the interval. A busy fleet's ~4 deltas a second then cost the wall 2 renders a second,
 * not 4 (bench:render, load (b)). Like Signal-Desktop's batchers, with the clock injected.
 */
export class Batcher<T> {
  private queue: Arrived<T>[] = [];
  private timer: TimerHandle | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly flush: (items: readonly Arrived<T>[]) => void,
  ) {}

  push(value: T): void {
    const at = this.clock.now();
    this.queue.push({ value, at });
    if (this.timer !== null) return;
    const wait = this.lastFlush + this.intervalMs - at;
    if (wait <= 0) this.run();
    else {
      this.timer = this.clock.setTimeout(() => {
        this.run();
      }, wait);
    }
  }

  /** Drops what is waiting (a snapshot is coming that covers it). */
  clear(): void {
    this.queue = [];
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Items waiting, for tests and the dispose check. */
  get waiting(): number {
    return this.queue.length;
  }

  private run(): void {
    this.timer = null;
    this.lastFlush = this.clock.now();
    const items = this.queue;
    this.queue = [];
    if (items.length > 0) this.flush(items);
  }
}

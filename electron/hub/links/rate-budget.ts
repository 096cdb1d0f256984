import type { SiteBudgets } from '../config/hub-options.js';

/**
 * A running total over the last `seconds` whole seconds of the injected clock, in one bucket
 * per second: adding is O(1) on the ingest path and the memory is fixed.
 */
export class RateWindow {
  private readonly buckets: number[];
  private total = 0;
  private second = -Infinity;

  constructor(private readonly seconds: number) {
    this.buckets = new Array<number>(seconds).fill(0);
  }

  /** Adds `amount` at `now`; returns the total over the window. */
  add(amount: number, now: number): number {
    const second = Math.floor(now / 1000);
    if (second - this.second >= this.seconds) this.reset();
    else for (let s = this.second + 1; s <= second; s++) this.drop(s);
    this.second = Math.max(this.second, second);
    this.buckets[second % this.seconds] = (this.buckets[second % this.seconds] ?? 0) + amount;
    this.total += amount;
    return this.total;
  }

  reset(): void {
    this.buckets.fill(0);
    this.total = 0;
  }

  private drop(second: number): void {
    const i = second % this.seconds;
    this.total -= this.buckets[i] ?? 0;
    this.buckets[i] = 0;
  }
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
/** "20.5 MiB", "96 KiB", "512 B": a budget of any size reads as a number a person knows. */
function size(bytes: number): string {
  const [unit, scale] =
    bytes >= 2 ** 20 ? ['MiB', 2 ** 20] : bytes >= 1024 ? ['KiB', 1024] : ['B', 1];
  return `${(bytes / scale).toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`;
}

/**
 * A link's rate budgets: events and bytes received per second, averaged over the budget's
 * window. Each `add` answers what was exceeded ("sent 48,000 events/s over 10 s, over the budget
 * of 20,000/s"), or null.
 */
export class RateBudget {
  private readonly events: RateWindow;
  private readonly bytes: RateWindow;

  constructor(private readonly budgets: SiteBudgets) {
    this.events = new RateWindow(budgets.windowSeconds);
    this.bytes = new RateWindow(budgets.windowSeconds);
  }

  addEvents(n: number, now: number): string | null {
    const { maxEventsPerSecond: max, windowSeconds: window } = this.budgets;
    const rate = this.events.add(n, now) / window;
    if (rate <= max) return null;
    return `sent ${count(rate)} events/s over ${window} s, over the budget of ${count(max)}/s`;
  }

  addBytes(n: number, now: number): string | null {
    const { maxBytesPerSecond: max, windowSeconds: window } = this.budgets;
    const rate = this.bytes.add(n, now) / window;
    if (rate <= max) return null;
    return `sent ${size(rate)}/s over ${window} s, over the budget of ${size(max)}/s`;
  }

  /** A paused link starts counting afresh when it comes back. */
  reset(): void {
    this.events.reset();
    this.bytes.reset();
  }
}

/**
 * A doubling wait between attempts: `first`, then twice that, and so on up to `max`; back to
 * `first` after a success. No jitter: the page has one of each, so there is no herd to spread.
 */
export class Backoff {
  private failures = 0;

  constructor(
    readonly first: number,
    readonly max: number,
  ) {}

  /** The wait before the next attempt; each call counts one more failure. */
  next(): number {
    const wait = Math.min(this.max, this.first * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return wait;
  }

  reset(): void {
    this.failures = 0;
  }
}

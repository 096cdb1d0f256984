import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { ReconnectOptions } from '../config/hub-options.js';
import { backoffDelay } from './backoff.js';

/**
 * A link's one pending reconnect: on the capped reconnect backoff (its attempt count restarts
 * once the link streams), or after a given delay (a rate pause). Never two at once.
 */
export class RetryTimer {
  private attempt = 0;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly reconnect: ReconnectOptions,
    private readonly random?: () => number,
  ) {}

  /** Timers held: 1 while a retry waits. */
  get pending(): number {
    return this.timer ? 1 : 0;
  }

  /** Schedules `retry`; false (and nothing scheduled) when one already waits. */
  schedule(retry: () => void, delayMs?: number): boolean {
    if (this.timer) return false;
    const delay = delayMs ?? backoffDelay(this.attempt++, this.reconnect, this.random);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      retry();
    }, delay);
    return true;
  }

  /** The link got to streaming: the next failure starts the backoff over. */
  succeeded(): void {
    this.attempt = 0;
  }

  cancel(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

/** One deadline at a time (the handshake's): starting it again replaces the one running. */
export class Deadline {
  private timer: TimerHandle | null = null;

  constructor(private readonly clock: Clock) {}

  get pending(): number {
    return this.timer ? 1 : 0;
  }

  start(ms: number, expired: () => void): void {
    this.clear();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      expired();
    }, ms);
  }

  clear(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

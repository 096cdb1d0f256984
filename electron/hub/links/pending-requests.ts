import type { Clock, TimerHandle } from '../../../shared/clock.js';

export const TIMED_OUT = Symbol('timed out');
export type Answer = unknown;

interface Emitter {
  emit(event: string, payload: unknown, reply: (answer: unknown) => void): unknown;
}

/**
 * Requests to a site that wait for its socket.io acknowledgement, each with a deadline on the
 * injected clock. Every request settles exactly once: with the answer, or with TIMED_OUT when
 * the deadline passes or the link is disposed (a caller is never left hanging).
 */
export class PendingRequests {
  private readonly pending = new Map<TimerHandle, (answer: Answer) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  send(socket: Emitter | null, event: string, payload: unknown): Promise<Answer> {
    if (!socket) return Promise.resolve(TIMED_OUT);
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.settle(timer, TIMED_OUT);
      }, this.timeoutMs);
      this.pending.set(timer, resolve);
      socket.emit(event, payload, (answer: unknown) => {
        this.settle(timer, answer);
      });
    });
  }

  /** Settles everything still waiting as timed out, and frees the timers. */
  cancelAll(): void {
    for (const timer of [...this.pending.keys()]) this.settle(timer, TIMED_OUT);
  }

  private settle(timer: TimerHandle, answer: Answer): void {
    const resolve = this.pending.get(timer);
    if (!resolve) return;
    this.pending.delete(timer);
    this.clock.clearTimeout(timer);
    resolve(answer);
  }
}

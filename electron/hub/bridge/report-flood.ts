import type { Clock, TimerHandle } from '../../../shared/clock.js';
import {
  COMMAND_LIMIT,
  describeLimit,
  windowLimiter,
  type RateLimit,
  type WindowLimiter,
} from './rate-limit.js';

interface Caller {
  readonly limiter: WindowLimiter;
  /** Reports refused in the current window and not logged yet. */
  dropped: number;
  /** Logs `dropped` when the window ends; set by the first refusal of a window. */
  flush: TimerHandle | null;
}

/**
 * Bounds what pages can make the host log. A page limits its own reports
 * (renderer/src/errors/error-reporter.ts); this is for a page broken enough to bypass that, say
 * a render loop that reports through window.onerror. Each caller may report `limit.max` errors
 * per window; the rest are refused and counted, and one line per window says how many.
 */
export class ReportFloodGuard {
  private readonly callers = new Map<string, Caller>();
  private droppedTotal = 0;

  constructor(
    private readonly clock: Clock,
    private readonly log: (line: string) => void,
    private readonly limit: RateLimit = COMMAND_LIMIT,
  ) {}

  /** Reports refused so far, from every caller. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Timers waiting to log a window's drops: zero once every caller is forgotten. */
  get pendingLogs(): number {
    let pending = 0;
    for (const caller of this.callers.values()) if (caller.flush !== null) pending++;
    return pending;
  }

  /** True when this caller's report may be recorded now; false counts it as dropped. */
  admit(callerName: string): boolean {
    let caller = this.callers.get(callerName);
    if (!caller) {
      caller = {
        limiter: windowLimiter(() => this.clock.now(), this.limit),
        dropped: 0,
        flush: null,
      };
      this.callers.set(callerName, caller);
    }
    if (caller.limiter.take()) return true;
    this.droppedTotal++;
    caller.dropped++;
    if (caller.flush === null) {
      const refused = caller;
      const wait = refused.limiter.windowEndsAt - this.clock.now();
      refused.flush = this.clock.setTimeout(() => {
        this.flush(callerName, refused);
      }, wait);
    }
    return false;
  }

  /** The caller has gone (its window was destroyed): log what it dropped, free its timer. */
  forget(callerName: string): void {
    const caller = this.callers.get(callerName);
    if (!caller) return;
    this.callers.delete(callerName);
    if (caller.flush !== null) {
      this.clock.clearTimeout(caller.flush);
      this.flush(callerName, caller);
    }
  }

  dispose(): void {
    for (const name of [...this.callers.keys()]) this.forget(name);
  }

  private flush(callerName: string, caller: Caller): void {
    caller.flush = null;
    const reports = caller.dropped === 1 ? 'report' : 'reports';
    this.log(
      `renderer errors: dropped ${caller.dropped} ${reports} from ${callerName} ` +
        `(${describeLimit(this.limit, 'reports')}); ${this.droppedTotal} dropped since start`,
    );
    caller.dropped = 0;
  }
}

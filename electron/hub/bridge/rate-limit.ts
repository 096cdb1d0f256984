/** How many calls one caller may make per fixed window of time. */
export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}

/**
 * Commands one caller (a serve viewer's socket, an Electron window's error reports) may send per
 * window: a board needs a few; a flood gets refused.
 */
export const COMMAND_LIMIT: RateLimit = { max: 20, windowMs: 10_000 };

/** `more than 20 commands in 10 s`, for refusals and log lines. */
export function describeLimit(limit: RateLimit, what: string): string {
  return `more than ${limit.max} ${what} in ${limit.windowMs / 1000} s`;
}

export interface WindowLimiter {
  /** Counts one call: false when it is over the limit of the current window. */
  take(): boolean;
  /** When the current window ends (the clock's time); the next call after it starts a new one. */
  readonly windowEndsAt: number;
}

/**
 * A fixed-window counter for one caller. A window starts with the first call after the last one
 * ended. `now` is injected so tests need not wait.
 */
export function windowLimiter(now: () => number, limit: RateLimit = COMMAND_LIMIT): WindowLimiter {
  let windowStart = -Infinity;
  let used = 0;
  return {
    take() {
      const t = now();
      if (t - windowStart >= limit.windowMs) {
        windowStart = t;
        used = 0;
      }
      used++;
      return used <= limit.max;
    },
    get windowEndsAt() {
      return windowStart + limit.windowMs;
    },
  };
}

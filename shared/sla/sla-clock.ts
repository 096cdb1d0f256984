import type { TimeBasis } from './business-time.js';

/**
 * One SLA clock (response, or resolution) as data: what it has counted, and since when it runs.
 * Pure functions move it; `at` and `now` are passed in, and the time basis (a calendar's
 * business time, or all time) says what counts. Stored with its incident as it is, so a restart
 * resumes it exactly: a clock that was running keeps running through the hub's downtime (the
 * customer's time passed), one that was paused stays paused.
 */
export interface SlaClock {
  /** Business time allowed (ms). */
  readonly targetMs: number;
  /** Business time counted before `runningSince` (ms). */
  readonly accruedMs: number;
  /** When it last started or resumed; null while paused or stopped. */
  readonly runningSince: number | null;
  /** When it stopped for good (the response given, the incident resolved); null: not yet. */
  readonly stoppedAt: number | null;
}

export function startClock(at: number, targetMs: number): SlaClock {
  return { targetMs, accruedMs: 0, runningSince: at, stoppedAt: null };
}

/** Counted so far, at `now`. */
export function clockElapsed(clock: SlaClock, now: number, basis: TimeBasis): number {
  const running = clock.runningSince === null ? 0 : basis.elapsed(clock.runningSince, now);
  return clock.accruedMs + running;
}

/** Left before the target at `now`; negative once over it (overdue, in business time). */
export function clockRemaining(clock: SlaClock, now: number, basis: TimeBasis): number {
  return clock.targetMs - clockElapsed(clock, now, basis);
}

/**
 * When the running clock reaches its target (the due instant: the last moment still within);
 * null while paused or stopped. A clock already at or over its target: the instant it last
 * (re)started.
 */
export function clockDue(clock: SlaClock, basis: TimeBasis): number | null {
  if (clock.runningSince === null) return null;
  const left = clock.targetMs - clock.accruedMs;
  return left <= 0 ? clock.runningSince : basis.add(clock.runningSince, left);
}

/** Paused at `at`: what ran is counted and it stops counting. A paused clock is unchanged. */
export function pauseClock(clock: SlaClock, at: number, basis: TimeBasis): SlaClock {
  if (clock.runningSince === null) return clock;
  return {
    ...clock,
    accruedMs: clock.accruedMs + basis.elapsed(clock.runningSince, at),
    runningSince: null,
  };
}

/** Runs again from `at`. A running or stopped clock is unchanged. */
export function resumeClock(clock: SlaClock, at: number): SlaClock {
  if (clock.runningSince !== null || clock.stoppedAt !== null) return clock;
  return { ...clock, runningSince: at };
}

/** Stopped for good at `at` (met, or breached and done). A stopped clock is unchanged. */
export function stopClock(clock: SlaClock, at: number, basis: TimeBasis): SlaClock {
  if (clock.stoppedAt !== null) return clock;
  return { ...pauseClock(clock, at, basis), stoppedAt: at };
}

/** Re-targeted (the priority changed): what was counted stays counted. */
export function retargetClock(clock: SlaClock, targetMs: number): SlaClock {
  return { ...clock, targetMs };
}

/** Reopened (a resolved incident back within the window): counts on from what it had. */
export function reopenClock(clock: SlaClock, at: number): SlaClock {
  return { ...clock, stoppedAt: null, runningSince: at };
}

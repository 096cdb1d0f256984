/**
 * Time, injected. Everything that waits or measures age takes a Clock, so staleness, backoff and
 * SLA logic run under fake time in tests.
 */
export interface TimerHandle {
  readonly __timer: unique symbol;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

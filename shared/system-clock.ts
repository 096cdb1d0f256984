import type { Clock, TimerHandle } from './clock.js';

/**
 * The host's timer functions. shared/ is compiled without Node or DOM types (it must run in
 * both), so the two functions every JavaScript host has are described here rather than taken
 * from either.
 */
interface HostTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const host = globalThis as unknown as HostTimers;

/** Node's timers can be unref'd; a browser's are plain numbers. */
function unref(timer: unknown): void {
  if (typeof timer === 'object' && timer !== null && 'unref' in timer) {
    const release = timer.unref;
    if (typeof release === 'function') release.call(timer);
  }
}

/**
 * The real clock, for the hub, the simulator and serve. In Node its timers are unref'd, so a
 * forgotten one never keeps a process alive.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = host.setTimeout(callback, ms);
    unref(timer);
    return timer as TimerHandle;
  },
  clearTimeout(handle) {
    host.clearTimeout(handle);
  },
};

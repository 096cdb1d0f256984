import { useCallback, useSyncExternalStore } from 'react';

/**
 * The app's one clock. A single interval serves every age and clock on the board: it starts with
 * the first subscriber and stops with the last, so a board left up for months holds one timer,
 * and an unmounted board holds none.
 */
export const CLOCK_TICK_MS = 250;

let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(tick, CLOCK_TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The clock's time; read fresh while it is stopped (first render before anyone subscribed). */
function current(): number {
  if (timer === null && Date.now() - now >= CLOCK_TICK_MS) now = Date.now();
  return now;
}

/** True while the interval runs (diagnostics and tests: an unmounted board must stop it). */
export function isClockRunning(): boolean {
  return timer !== null;
}

export function clockSubscriberCount(): number {
  return listeners.size;
}

/**
 * Local time plus `offsetMs`, floored to `resolutionMs`. A component re-renders only when that
 * value changes, so an age shown in seconds renders once a second, whatever the tick rate.
 */
export function useNow(resolutionMs = 1000, offsetMs = 0): number {
  const snapshot = useCallback(
    () => Math.floor((current() + offsetMs) / resolutionMs) * resolutionMs,
    [resolutionMs, offsetMs],
  );
  return useSyncExternalStore(subscribe, snapshot);
}

import { createContext, use, useSyncExternalStore } from 'react';
import { describeAge, describeAgo } from '../format/time.js';
import type { BoardClock } from './board-clock.js';

export const BoardClockContext = createContext<BoardClock | null>(null);

export function useBoardClock(): BoardClock {
  const clock = use(BoardClockContext);
  if (!clock) throw new Error('useBoardClock needs a BoardClockContext provider (see App)');
  return clock;
}

/**
 * Hub time floored to `resolutionMs`. The component re-renders only when that value changes, so
 * something shown in minutes renders once a minute, whatever the tick rate.
 */
export function useNow(resolutionMs = 1000): number {
  const clock = useBoardClock();
  return useSyncExternalStore(
    clock.subscribe,
    () => Math.floor(clock.displayNow() / resolutionMs) * resolutionMs,
  );
}

/**
 * "12 s", "4 min"… since `since` (hub time; null: "never"), or "site clock ahead by 3 h" when it
 * is further ahead than `skewMs` (see describeAge); with `ago`, the whole phrase for a sentence
 * ("12 s ago", "just now": see describeAgo). The text is the snapshot, so the component using it
 * re-renders only when the words change, and nothing around it does.
 */
export function useAgeText(since: number | null, skewMs: number, ago = false): string {
  const clock = useBoardClock();
  const describe = ago ? describeAgo : describeAge;
  return useSyncExternalStore(clock.subscribe, () => describe(since, clock.displayNow(), skewMs));
}

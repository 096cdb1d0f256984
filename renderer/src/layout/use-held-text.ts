import { useEffect, useState } from 'react';
import { useBoardClock } from '../clock/clock-context.js';
import { DELTA_BATCH_MS } from '../store/delta-batcher.js';
import { firstText, holdText, phaseOf, type HeldText } from './text-hold.js';

/**
 * `live`, held (text-hold.ts): a newer value shows once the shown one has stood `holdMs`, or at
 * once when `urgent`. `holdMs` 0 shows `live` as is. On a busy fleet the next store change (a
 * delta batch, every DELTA_BATCH_MS) renders the tile again and shows what waited, so the tiles
 * whose hold is over change together with that batch, not each in a commit of its own; the
 * tile's timer, one batch interval later, is for a fleet that has gone quiet.
 */
export function useHeldText<T>(
  key: string,
  live: T,
  holdMs: number,
  equal: (a: T, b: T) => boolean,
  urgent: (live: T, shown: T) => boolean,
): T {
  const clock = useBoardClock();
  const [held, setHeld] = useState<HeldText<T>>(() =>
    firstText(live, clock.now(), phaseOf(key, holdMs)),
  );
  // The latest hold end reached: a timer may fire a millisecond early by the clock read again.
  const [releasedAt, setReleasedAt] = useState(Number.NEGATIVE_INFINITY);
  const next =
    holdMs <= 0
      ? held
      : holdText(held, live, Math.max(clock.now(), releasedAt), holdMs, equal, urgent);
  // React's "adjust state while rendering": the newer text shows in this render, no extra commit.
  if (next !== held) setHeld(next);
  const waiting = holdMs > 0 && !equal(next.value, live);
  useEffect(() => {
    if (!waiting) return undefined;
    const end = next.since + holdMs + DELTA_BATCH_MS;
    return clock.at(end, () => {
      setReleasedAt((previous) => Math.max(previous, end));
    });
  }, [clock, next, holdMs, waiting]);
  return holdMs <= 0 ? live : next.value;
}

import { useEffect, useMemo, useState } from 'react';
import { useBoardClock } from '../clock/clock-context.js';
import { holdRanks, nextRelease, type HeldRanks } from './rank-hold.js';

/**
 * The wall's order: `ids` (by name) sorted by each site's held rank (rank-hold.ts), a stable sort
 * so sites of one rank keep their order by name. `ranks[i]` is the live rank of `ids[i]`. A site
 * that gets worse moves up at once; one that gets better moves down `holdMs` after it first got
 * better (board clock), unless it got worse again meanwhile.
 */
export function useHeldOrder(
  ids: readonly string[],
  ranks: readonly number[],
  holdMs: number,
): readonly string[] {
  const clock = useBoardClock();
  const live = useMemo(
    () => new Map(ids.map((id, i) => [id, ranks[i] ?? 0] as const)),
    [ids, ranks],
  );
  const [held, setHeld] = useState<HeldRanks>(() =>
    holdRanks(new Map(), live, clock.now(), holdMs),
  );
  // The latest release time reached. A hold ends by it even when the clock, read again, is a
  // little behind it (timers fire early by a millisecond; the hub offset may have moved back):
  // otherwise that hold would stay, with no timer left to end it.
  const [releasedAt, setReleasedAt] = useState(Number.NEGATIVE_INFINITY);
  // React's "adjust state while rendering": a changed place is kept without an extra commit.
  const next = holdRanks(held, live, Math.max(clock.now(), releasedAt), holdMs);
  if (next !== held) setHeld(next);
  useEffect(() => {
    const at = nextRelease(next, holdMs);
    if (at === null) return undefined;
    return clock.at(at, () => {
      setReleasedAt((previous) => Math.max(previous, at));
    });
  }, [clock, next, holdMs]);
  // A new array only when the order itself changes: the wall is planned again for a new array
  // (a search over arrangements), and a hold starting or ending often leaves the order as it was.
  const order = JSON.stringify(
    [...ids].sort((a, b) => (next.get(a)?.rank ?? 0) - (next.get(b)?.rank ?? 0)),
  );
  return useMemo(() => JSON.parse(order) as string[], [order]);
}

import { useEffect, useRef, useState } from 'react';
import { useBoardClock } from '../clock/clock-context.js';

/** How long the wall's DOM order may lag its visual order (see useSettledOrder). */
export const DOM_ORDER_SETTLE_MS = 30_000;

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const members = new Set(a);
  return b.every((id) => members.has(id));
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * The order to keep elements in the DOM when their visual order (`ids`) changes often: the same
 * order, but catching up at most once per `holdMs` (board clock). Tiles are placed on the wall by
 * grid row and column, so what a viewer sees follows `ids` at once; the DOM order — keyboard and
 * screen-reader order — follows within `holdMs`. Moving elements on every roll-up change made the
 * browser lay out and repaint every tile after them (bench:render, load (b): frames over 50 ms).
 * A site added or removed changes the members: the DOM takes the new order at once.
 */
export function useSettledOrder(ids: readonly string[], holdMs: number): readonly string[] {
  const clock = useBoardClock();
  const [settled, setSettled] = useState(ids);
  const latest = useRef(ids);
  useEffect(() => {
    latest.current = ids;
  }, [ids]);
  // Other members: take them now (React's "adjust state while rendering", no extra commit).
  const members = sameMembers(settled, ids);
  if (!members) setSettled(ids);
  const differs = members && !sameOrder(settled, ids);
  // Keyed on `settled` and `differs` only: a stream of new orders does not push the catch-up back.
  useEffect(() => {
    if (!differs) return undefined;
    return clock.at(clock.now() + holdMs, () => {
      setSettled(latest.current);
    });
  }, [clock, holdMs, settled, differs]);
  return members ? settled : ids;
}

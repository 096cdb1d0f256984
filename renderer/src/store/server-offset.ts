/**
 * How far the offset must move before it is updated. Each message's `at` is late by the transport
 * latency, which jitters; following every jitter would re-render every age on the board for a
 * change nobody can see at the one-second resolution ages are shown with.
 */
export const OFFSET_TOLERANCE_MS = 500;

/** The hub-minus-local clock offset after a message stamped `at` by the hub arrived. */
export function nextServerOffset(current: number, at: number, receivedAt: number): number {
  const measured = at - receivedAt;
  return Math.abs(measured - current) > OFFSET_TOLERANCE_MS ? measured : current;
}

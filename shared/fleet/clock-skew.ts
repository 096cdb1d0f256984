/**
 * The one rule for timestamps from the future, shared by the hub (which counts them per site)
 * and the board (which flags them where they are shown), so both agree on what is "ahead".
 */

/** How far a site's timestamps may run ahead of the hub's clock before they are flagged. */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

/** True when `at`, a time a site sent, is further ahead of `now` (hub time) than `skewMs`. */
export function isBeyondSkew(at: number, now: number, skewMs: number): boolean {
  return at - now > skewMs;
}

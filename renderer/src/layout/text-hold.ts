/**
 * How long a tile of a big wall keeps the counts and problem list it shows before it shows newer
 * ones (docs/wallboard.md, "Tile text on a big wall"). A number that changes twice a second cannot
 * be read across a room, and redrawing the text of every tile on every batch of a busy fleet was
 * most of the wall's long frames at load (b) of bench:render (docs/performance.md).
 */
export const TEXT_HOLD_MS = 2000;

/** What a tile shows, and when it started showing it (board clock). */
export interface HeldText<T> {
  readonly value: T;
  readonly since: number;
}

/**
 * The first text of a tile, dated as if shown `phase` ms before `now` (0 ≤ phase < holdMs): tiles
 * with different phases take their first newer text at different times, and so keep taking it
 * at different times, so a batch that changes every tile redraws about a quarter of them.
 */
export function firstText<T>(value: T, now: number, phase: number): HeldText<T> {
  return { value, since: now - phase };
}

/**
 * Whether `held` has stood its hold at `now`. A `since` ahead of now (the hub clock offset
 * stepped back) would hold the text for as long as the step: the hold counts as over instead.
 */
export function holdEnded(held: HeldText<unknown>, now: number, holdMs: number): boolean {
  return now - held.since >= holdMs || now < held.since;
}

/**
 * The text to show now: the live value once the shown one has stood `holdMs`, or at once when
 * `urgent` (the site got worse); otherwise the shown one, unchanged (the same object).
 */
export function holdText<T>(
  held: HeldText<T>,
  live: T,
  now: number,
  holdMs: number,
  equal: (a: T, b: T) => boolean,
  urgent: (live: T, shown: T) => boolean,
): HeldText<T> {
  if (equal(held.value, live)) return held;
  if (holdEnded(held, now, holdMs) || urgent(live, held.value)) return { value: live, since: now };
  return held;
}

/**
 * A phase in [0, holdMs) from a tile's key: the same tile gets the same phase on every board.
 * FNV-1a, then a finalising mix (MurmurHash3's): ids that differ in one last character ("site-1",
 * "site-2") would otherwise get phases a millisecond apart.
 */
export function phaseOf(key: string, holdMs: number): number {
  if (holdMs <= 0) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) % holdMs;
}

/**
 * How long a site keeps its place on the wall after its roll-up gets better (docs/wallboard.md,
 * "Site roll-up", order on the wall). A site that gets worse moves up at once.
 */
export const RANK_HOLD_MS = 60_000;

/** A site's place on the wall: its rank (lower is worse) and when it left that rank, if it did. */
export interface HeldRank {
  readonly rank: number;
  /** When the site's live rank first got better than `rank`; null while it is at `rank` or worse. */
  readonly leftAt: number | null;
}

export type HeldRanks = ReadonlyMap<string, HeldRank>;

function nextHeld(held: HeldRank | undefined, live: number, now: number, holdMs: number) {
  if (held === undefined || live < held.rank) return { rank: live, leftAt: null };
  if (live === held.rank) return held.leftAt === null ? held : { rank: live, leftAt: null };
  // Better than its place: it keeps the place until `holdMs` after it first left it, so a site
  // flapping between two roll-ups stays put instead of moving the wall at every flip.
  if (held.leftAt === null) return { rank: held.rank, leftAt: now };
  return now - held.leftAt >= holdMs ? { rank: live, leftAt: null } : held;
}

/**
 * Each site's place from its live rank (a roll-up rank, lower is worse): worse at once, better
 * only after `holdMs`. Returns `previous` itself when no site's place or hold changed, so a caller
 * can keep it as state and set it only when this returns something else.
 */
export function holdRanks(
  previous: HeldRanks,
  live: ReadonlyMap<string, number>,
  now: number,
  holdMs: number,
): HeldRanks {
  let changed = previous.size !== live.size;
  const next = new Map<string, HeldRank>();
  for (const [id, rank] of live) {
    const before = previous.get(id);
    const after = nextHeld(before, rank, now, holdMs);
    if (after !== before) changed = true;
    next.set(id, after);
  }
  return changed ? next : previous;
}

/** When the earliest hold ends (a site moves down), or null when no site is held. */
export function nextRelease(held: HeldRanks, holdMs: number): number | null {
  let earliest: number | null = null;
  for (const { leftAt } of held.values()) {
    if (leftAt !== null && (earliest === null || leftAt + holdMs < earliest)) {
      earliest = leftAt + holdMs;
    }
  }
  return earliest;
}

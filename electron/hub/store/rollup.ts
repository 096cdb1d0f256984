/**
 * Metric rollups: per device metric, the samples of each 1-minute bucket as count, sum, min and
 * max, and 1-hour buckets made from those (docs/storage.md). The sum is kept rather than the
 * average so buckets merge exactly: a minute with 30 samples weighs 30 times a minute with one
 * (an average of averages would not), and samples arrive unevenly, more often from a busy site.
 * The average is the mean of the samples (as Zabbix trends and Prometheus' avg_over_time do).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export interface Sample {
  /** Epoch ms. */
  readonly at: number;
  readonly value: number;
}

export interface Rollup {
  /** Start of the bucket, epoch ms, a multiple of its length. */
  readonly start: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

export function average(rollup: Rollup): number {
  return rollup.sum / rollup.count;
}

function bucketOf(at: number, bucketMs: number): number {
  return Math.floor(at / bucketMs) * bucketMs;
}

/** Adds one part (a sample as a one-count rollup, or a smaller rollup) into the buckets. */
function add(buckets: Map<number, Rollup>, start: number, part: Omit<Rollup, 'start'>): void {
  const current = buckets.get(start);
  buckets.set(
    start,
    current === undefined
      ? { count: part.count, sum: part.sum, min: part.min, max: part.max, start }
      : {
          start,
          count: current.count + part.count,
          sum: current.sum + part.sum,
          min: Math.min(current.min, part.min),
          max: Math.max(current.max, part.max),
        },
  );
}

const inOrder = (buckets: Map<number, Rollup>): Rollup[] =>
  [...buckets.values()].sort((a, b) => a.start - b.start);

/**
 * The samples in buckets of `bucketMs`, oldest first, in any input order. A value that is not a
 * finite number is skipped (a site's schema already refuses them; this keeps one from turning a
 * whole bucket into NaN).
 */
export function rollUp(samples: Iterable<Sample>, bucketMs: number): Rollup[] {
  const buckets = new Map<number, Rollup>();
  for (const { at, value } of samples) {
    if (!Number.isFinite(value) || !Number.isFinite(at)) continue;
    add(buckets, bucketOf(at, bucketMs), { count: 1, sum: value, min: value, max: value });
  }
  return inOrder(buckets);
}

/**
 * Smaller rollups (1-minute) merged into buckets of `bucketMs` (1-hour), weighted by count. An
 * empty one, or one holding a value that is not a finite number (a damaged row), is skipped.
 */
export function mergeRollups(rollups: Iterable<Rollup>, bucketMs: number): Rollup[] {
  const buckets = new Map<number, Rollup>();
  for (const rollup of rollups) {
    const finite = [rollup.start, rollup.sum, rollup.min, rollup.max].every(Number.isFinite);
    if (rollup.count <= 0 || !finite) continue;
    add(buckets, bucketOf(rollup.start, bucketMs), rollup);
  }
  return inOrder(buckets);
}

import type { MetricSample } from '../../../shared/protocol/events.js';
import type { z } from 'zod';
import { MINUTE_MS, type Rollup } from './rollup.js';

export interface BucketKey {
  readonly siteId: string;
  readonly deviceId: string;
  readonly metric: string;
}

export interface OpenBucket extends BucketKey {
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/**
 * The current minute of every device metric, summed in memory as samples are stored and written
 * once the minute has closed (a minute later plus `graceMs` for late samples), so a metric
 * costs the store two row writes a minute (its minute and its hour), not one per sample. A late
 * sample after that adds into the stored bucket (the writes merge). What a crash loses is the
 * open minutes; the raw samples of the same minutes are stored with their events.
 */
export class MetricBuckets {
  private readonly buckets = new Map<string, OpenBucket>();
  /** Samples not summed: a new minute when `maxBuckets` are already open. */
  dropped = 0;

  constructor(
    private readonly graceMs: number,
    private readonly maxBuckets = Infinity,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /**
   * Sums a sample into its minute. A sample from the future (a site's clock running ahead) is
   * summed into the hub's current minute, so it closes like the others.
   */
  add(siteId: string, event: z.infer<typeof MetricSample>, now: number): void {
    const start = Math.floor(Math.min(event.at, now) / MINUTE_MS) * MINUTE_MS;
    for (const [metric, value] of Object.entries(event.values)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const key = `${siteId}\u0000${event.deviceId}\u0000${metric}\u0000${start}`;
      const bucket = this.buckets.get(key);
      if (bucket === undefined && this.buckets.size >= this.maxBuckets) {
        this.dropped++;
      } else if (bucket === undefined) {
        const deviceId = event.deviceId;
        this.buckets.set(key, {
          siteId,
          deviceId,
          metric,
          start,
          count: 1,
          sum: value,
          min: value,
          max: value,
        });
      } else {
        bucket.count++;
        bucket.sum += value;
        if (value < bucket.min) bucket.min = value;
        if (value > bucket.max) bucket.max = value;
      }
    }
  }

  /** Takes up to `limit` buckets whose minute closed before `now` (any of them when `all`). */
  takeClosed(now: number, all = false, limit = Infinity): OpenBucket[] {
    const closed: OpenBucket[] = [];
    for (const [key, bucket] of this.buckets) {
      if (closed.length >= limit) break;
      if (!all && bucket.start + MINUTE_MS + this.graceMs > now) continue;
      closed.push(bucket);
      this.buckets.delete(key);
    }
    return closed;
  }

  /** Puts back buckets whose write failed, merged with anything added since. */
  restore(buckets: readonly OpenBucket[]): void {
    for (const bucket of buckets) {
      const { siteId, deviceId, metric, start } = bucket;
      const key = `${siteId}\u0000${deviceId}\u0000${metric}\u0000${start}`;
      const current = this.buckets.get(key);
      if (current === undefined) {
        this.buckets.set(key, { ...bucket });
      } else {
        current.count += bucket.count;
        current.sum += bucket.sum;
        current.min = Math.min(current.min, bucket.min);
        current.max = Math.max(current.max, bucket.max);
      }
    }
  }

  /** When the earliest open minute closes, or null with none open. */
  nextCloseAt(): number | null {
    let earliest: number | null = null;
    for (const bucket of this.buckets.values()) {
      const close = bucket.start + MINUTE_MS + this.graceMs;
      if (earliest === null || close < earliest) earliest = close;
    }
    return earliest;
  }
}

/** A bucket as a Rollup starting at `start` (its minute, or the hour it adds into). */
export function asRollup(bucket: OpenBucket, start: number): Rollup {
  return { start, count: bucket.count, sum: bucket.sum, min: bucket.min, max: bucket.max };
}

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
 *
 * Keyed by site and device, then metric (no string built per metric: this runs for every
 * sample of every site). A metric's bucket that a newer minute replaces is retired: written at
 * the next chance, merged into its stored row if samples of that minute come again.
 */
export class MetricBuckets {
  private readonly open = new Map<string, Map<string, OpenBucket>>();
  private retired: OpenBucket[] = [];
  private count = 0;
  /** Samples not summed: a new minute when `maxBuckets` are already open. */
  dropped = 0;

  constructor(
    private readonly graceMs: number,
    private readonly maxBuckets = Infinity,
  ) {}

  get size(): number {
    return this.count;
  }

  /**
   * Sums a sample into its minute. A sample from the future (a site's clock running ahead) is
   * summed into the hub's current minute, so it closes like the others.
   */
  add(siteId: string, event: z.infer<typeof MetricSample>, now: number): void {
    const start = Math.floor(Math.min(event.at, now) / MINUTE_MS) * MINUTE_MS;
    const deviceKey = `${siteId}\u0000${event.deviceId}`;
    let metrics = this.open.get(deviceKey);
    for (const [metric, value] of Object.entries(event.values)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const bucket = metrics?.get(metric);
      if (bucket !== undefined && bucket.start === start) {
        bucket.count++;
        bucket.sum += value;
        if (value < bucket.min) bucket.min = value;
        if (value > bucket.max) bucket.max = value;
        continue;
      }
      if (this.count >= this.maxBuckets) {
        this.dropped++;
        continue;
      }
      if (bucket !== undefined) this.retired.push(bucket);
      if (metrics === undefined)
        this.open.set(deviceKey, (metrics = new Map<string, OpenBucket>()));
      const deviceId = event.deviceId;
      metrics.set(metric, {
        siteId,
        deviceId,
        metric,
        start,
        count: 1,
        sum: value,
        min: value,
        max: value,
      });
      this.count++;
    }
  }

  /** Takes up to `limit` buckets whose minute closed before `now` (any of them when `all`). */
  takeClosed(now: number, all = false, limit = Infinity): OpenBucket[] {
    const closed = this.retired.splice(0, limit);
    for (const [deviceKey, metrics] of this.open) {
      if (closed.length >= limit) break;
      for (const [metric, bucket] of metrics) {
        if (closed.length >= limit) break;
        if (!all && bucket.start + MINUTE_MS + this.graceMs > now) continue;
        closed.push(bucket);
        metrics.delete(metric);
      }
      if (metrics.size === 0) this.open.delete(deviceKey);
    }
    this.count -= closed.length;
    return closed;
  }

  /** Puts back buckets whose write failed: written at the next chance. */
  restore(buckets: readonly OpenBucket[]): void {
    this.retired.push(...buckets);
    this.count += buckets.length;
  }

  /** The earliest minute held (open or retired), or null with none. */
  minStart(): number | null {
    let earliest: number | null = null;
    for (const bucket of this.retired)
      if (earliest === null || bucket.start < earliest) earliest = bucket.start;
    for (const metrics of this.open.values()) {
      for (const bucket of metrics.values()) {
        if (earliest === null || bucket.start < earliest) earliest = bucket.start;
      }
    }
    return earliest;
  }

  /** When the earliest open minute closes (now, for a retired one), or null with none open. */
  nextCloseAt(): number | null {
    if (this.retired.length > 0) return 0;
    let earliest: number | null = null;
    for (const metrics of this.open.values()) {
      for (const bucket of metrics.values()) {
        const close = bucket.start + MINUTE_MS + this.graceMs;
        if (earliest === null || close < earliest) earliest = close;
      }
    }
    return earliest;
  }
}

/** A bucket as a Rollup starting at `start` (its minute, or the hour it adds into). */
export function asRollup(bucket: OpenBucket, start: number): Rollup {
  return { start, count: bucket.count, sum: bucket.sum, min: bucket.min, max: bucket.max };
}

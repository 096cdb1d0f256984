import type { SiteEvent } from '../../../shared/protocol/events.js';
import { asRollup, MetricBuckets } from './metric-buckets.js';
import { HOUR_MS } from './rollup.js';
import type { WriteStatements } from './write-statements.js';

type SampleEvent = Extract<SiteEvent, { type: 'metric.sample' }>;

/**
 * The store writer's rollups: samples summed per open minute in memory, each closed minute
 * written once into its minute row and added into its hour row, a transaction's worth at a time.
 */
export class RollupWriter {
  private readonly buckets: MetricBuckets;
  /** The stored mark (the earliest minute not yet written), as last written. */
  markAt: number | null = null;

  constructor(
    private readonly sql: WriteStatements,
    graceMs: number,
    maxBuckets: number,
  ) {
    this.buckets = new MetricBuckets(graceMs, maxBuckets);
  }

  /** Open minutes held in memory. */
  get size(): number {
    return this.buckets.size;
  }

  /** Samples left out of the rollups: more open minutes than the bound. */
  get samplesDropped(): number {
    return this.buckets.dropped;
  }

  add(siteId: string, event: SampleEvent, now: number): void {
    this.buckets.add(siteId, event, now);
  }

  /** Whether a minute has closed by `now`. */
  due(now: number): boolean {
    const next = this.buckets.nextCloseAt();
    return next !== null && next <= now;
  }

  nextCloseAt(): number | null {
    return this.buckets.nextCloseAt();
  }

  /**
   * Writes up to `limit` closed minutes (every open one too when `all`, at shutdown) in one
   * transaction. Throws what the write threw; the minutes are then kept for the next try
   * (unless `all`).
   */
  write(now: number, limit: number, all = false): void {
    const closed = this.buckets.takeClosed(now, all, all ? Infinity : limit);
    if (closed.length === 0) return;
    try {
      this.sql.transaction(() => {
        for (const bucket of closed) {
          this.sql.addRollup('minute', bucket, asRollup(bucket, bucket.start));
          const hour = Math.floor(bucket.start / HOUR_MS) * HOUR_MS;
          this.sql.addRollup('hour', bucket, asRollup(bucket, hour));
        }
        // What is still in memory: rebuilt from the raw samples if the hub dies now.
        this.sql.setRollupMark(this.buckets.minStart());
      });
      this.markAt = this.buckets.minStart();
    } catch (error) {
      if (!all) this.buckets.restore(closed);
      throw error;
    }
  }

  /**
   * The earliest minute of samples a slice is storing: the stored mark must not be later, so
   * that a crash before their minutes are written rebuilds them. The mark to write (in the
   * slice's transaction), or null when the stored one is early enough.
   */
  markFor(samplesFrom: number | null): number | null {
    if (samplesFrom === null) return null;
    return this.markAt === null || samplesFrom < this.markAt ? samplesFrom : null;
  }

  /** Forgets every open minute (the store is damaged: nothing more is written). */
  clear(): void {
    this.buckets.takeClosed(0, true);
  }
}

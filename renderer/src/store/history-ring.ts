import { METRIC_NAMES, type MetricName, type Metrics } from '../../../shared/protocol/device.js';
import type { HistoryPoint } from './fleet-data.js';

/** Points kept per device: two hours at one sample a minute; memory stays flat for months. */
export const HISTORY_CAP = 120;

const METRIC_COUNT = METRIC_NAMES.length;
const METRIC_SLOT: Readonly<Record<MetricName, number>> = {
  cpu: 0,
  memory: 1,
  disk: 2,
  latency: 3,
  loss: 4,
};

/**
 * Float32 keeps six significant digits: a value read back for the chart's tooltip is rounded to
 * those, so 10.1 shows as 10.1 and not as 10.100000381469727.
 */
const fromFloat32 = (value: number): number | null =>
  Number.isNaN(value) ? null : Number(value.toPrecision(6));

/** Bytes of a ring holding `capacity` points: a Float64 time and five Float32 metrics each. */
/** Shared by every ring until its second point: a 50,000-device snapshot makes no typed arrays. */
const NO_TIMES = new Float64Array(0);
const NO_VALUES = new Float32Array(0);
const NO_METRICS: Metrics = Object.freeze({});

const bytesFor = (capacity: number) =>
  capacity * (Float64Array.BYTES_PER_ELEMENT + METRIC_COUNT * Float32Array.BYTES_PER_ELEMENT);

/**
 * One device's recent metric samples in fixed-size typed arrays, oldest overwritten first.
 *
 * A wall of 10,000 devices appends ~2,000 samples a second: an array of point objects copied on
 * every sample kept the heap growing for ten minutes and fed the collector constantly. Here all
 * storage is one ArrayBuffer and an append only writes numbers into it. A ring's first point (a
 * snapshot's) is kept as two fields, the time and the device's own metrics object (already held
 * by the store); the buffer is made at its second point, at full size: 120 × 8 bytes of times +
 * 5 metrics × 120 × 4 bytes = 3,360 bytes per device (plus ~200 bytes for the ring and its
 * views), ~36 MB for 10,000 devices that report, allocated within their first two samples so the
 * memory is flat after. A 50,000-device site that only sent its snapshot holds no buffer at all
 * (making 100,000 typed arrays for it cost ~40 ms of the site view's first paint, and their
 * collection more).
 *
 * The ring is mutated in place, so React cannot see a change by identity: `version` goes up with
 * every appended point, and components select it next to the ring.
 */
export class HistoryRing {
  /** The storage from the second point on: made once, never replaced. Null while one point. */
  buffer: ArrayBuffer | null = null;
  private capacity = 0;
  private times = NO_TIMES;
  /** Metric-major: metric m's slot i is at m × capacity + i; NaN where not reported. */
  private values = NO_VALUES;
  /** The first point, while there is no buffer. */
  private firstAt = Number.NaN;
  private firstMetrics: Metrics = NO_METRICS;
  /** Slot of the oldest point. */
  private head = 0;
  private count = 0;
  private appended = 0;

  /** Points held, at most HISTORY_CAP. */
  get length(): number {
    return this.count;
  }

  /** Points ever appended: changes exactly when the ring's contents do. */
  get version(): number {
    return this.appended;
  }

  /** Slot of the i-th point, oldest first. */
  private slot(i: number): number {
    return (this.head + i) % this.capacity;
  }

  /** The buffer at full size, holding the first point (kept in fields until now) in slot 0. */
  private allocate(): void {
    const capacity = HISTORY_CAP;
    this.buffer = new ArrayBuffer(bytesFor(capacity));
    this.times = new Float64Array(this.buffer, 0, capacity);
    this.values = new Float32Array(
      this.buffer,
      capacity * Float64Array.BYTES_PER_ELEMENT,
      METRIC_COUNT * capacity,
    );
    this.capacity = capacity;
    this.head = 0;
    if (this.count === 1) this.write(0, this.firstAt, this.firstMetrics);
    this.firstMetrics = NO_METRICS;
  }

  private write(slot: number, at: number, metrics: Metrics): void {
    this.times[slot] = at;
    for (const metric of METRIC_NAMES) {
      this.values[METRIC_SLOT[metric] * this.capacity + slot] = metrics[metric] ?? Number.NaN;
    }
  }

  /**
   * Appends a sample taken at `at`, unless it repeats the newest point's time (a device re-sent
   * unchanged, or updated without a new measurement). Only an equal time is a repeat: a site whose
   * clock was set back keeps its sparkline moving instead of freezing until it passes the old
   * stamps. True when a point was added.
   */
  push(at: number, metrics: Metrics): boolean {
    if (this.count > 0 && this.timeAt(this.count - 1) === at) return false;
    this.appended += 1;
    if (this.count === 0 && this.buffer === null) {
      this.firstAt = at;
      this.firstMetrics = metrics;
      this.count = 1;
      return true;
    }
    if (this.buffer === null) this.allocate();
    let slot: number;
    if (this.count < this.capacity) {
      slot = this.slot(this.count);
      this.count += 1;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % this.capacity;
    }
    this.write(slot, at, metrics);
    return true;
  }

  /** Time of the i-th point, oldest first (0 ≤ i < length). */
  timeAt(i: number): number {
    if (this.buffer === null) return i === 0 && this.count === 1 ? this.firstAt : Number.NaN;
    return this.times[this.slot(i)] ?? Number.NaN;
  }

  /** One metric of the i-th point, oldest first; NaN where the device did not report it. */
  valueAt(metric: MetricName, i: number): number {
    if (this.buffer === null) {
      return i === 0 && this.count === 1 ? (this.firstMetrics[metric] ?? Number.NaN) : Number.NaN;
    }
    return this.values[METRIC_SLOT[metric] * this.capacity + this.slot(i)] ?? Number.NaN;
  }

  /** The points as objects, oldest first: for the one chart that is open, never per sample. */
  points(): HistoryPoint[] {
    const points: HistoryPoint[] = [];
    for (let i = 0; i < this.count; i += 1) {
      points.push({
        at: this.timeAt(i),
        cpu: fromFloat32(this.valueAt('cpu', i)),
        memory: fromFloat32(this.valueAt('memory', i)),
        disk: fromFloat32(this.valueAt('disk', i)),
        latency: fromFloat32(this.valueAt('latency', i)),
        loss: fromFloat32(this.valueAt('loss', i)),
      });
    }
    return points;
  }
}

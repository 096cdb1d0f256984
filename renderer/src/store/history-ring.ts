import { METRIC_NAMES, type MetricName, type Metrics } from '../../../shared/protocol/device.js';
import type { HistoryPoint } from './fleet-data.js';

/** Points kept per device: two hours at one sample a minute; memory stays flat for months. */
export const HISTORY_CAP = 120;

const TIME_BYTES = HISTORY_CAP * Float64Array.BYTES_PER_ELEMENT;
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

/**
 * One device's recent metric samples in fixed-size typed arrays, oldest overwritten first.
 *
 * A wall of 10,000 devices appends ~2,000 samples a second: an array of point objects copied on
 * every sample kept the heap growing for ten minutes and fed the collector constantly. Here all
 * storage is one ArrayBuffer allocated with the ring, at full capacity, and an append only writes
 * numbers into it: 120 × 8 bytes of times + 5 metrics × 120 × 4 bytes = 3,360 bytes per device
 * (plus ~200 bytes for the ring, the buffer and its two views), ~36 MB for 10,000 devices.
 *
 * The ring is mutated in place, so React cannot see a change by identity: `version` goes up with
 * every appended point, and components select it next to the ring.
 */
export class HistoryRing {
  /** The only storage; never replaced (tests check appends allocate nothing). */
  readonly buffer = new ArrayBuffer(TIME_BYTES + METRIC_COUNT * HISTORY_CAP * 4);
  private readonly times = new Float64Array(this.buffer, 0, HISTORY_CAP);
  /** Metric-major: metric m's slot i is at m × HISTORY_CAP + i; NaN where not reported. */
  private readonly values = new Float32Array(this.buffer, TIME_BYTES, METRIC_COUNT * HISTORY_CAP);
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
    return (this.head + i) % HISTORY_CAP;
  }

  /**
   * Appends a sample taken at `at`, unless it repeats the newest point's time (a device re-sent
   * unchanged, or updated without a new measurement). Only an equal time is a repeat: a site whose
   * clock was set back keeps its sparkline moving instead of freezing until it passes the old
   * stamps. True when a point was added.
   */
  push(at: number, metrics: Metrics): boolean {
    if (this.count > 0 && this.times[this.slot(this.count - 1)] === at) return false;
    let slot: number;
    if (this.count < HISTORY_CAP) {
      slot = this.slot(this.count);
      this.count += 1;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % HISTORY_CAP;
    }
    this.times[slot] = at;
    for (const metric of METRIC_NAMES) {
      this.values[METRIC_SLOT[metric] * HISTORY_CAP + slot] = metrics[metric] ?? Number.NaN;
    }
    this.appended += 1;
    return true;
  }

  /** Time of the i-th point, oldest first (0 ≤ i < length). */
  timeAt(i: number): number {
    return this.times[this.slot(i)] ?? Number.NaN;
  }

  /** One metric of the i-th point, oldest first; NaN where the device did not report it. */
  valueAt(metric: MetricName, i: number): number {
    return this.values[METRIC_SLOT[metric] * HISTORY_CAP + this.slot(i)] ?? Number.NaN;
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

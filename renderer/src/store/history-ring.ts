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
const bytesFor = (capacity: number) =>
  capacity * (Float64Array.BYTES_PER_ELEMENT + METRIC_COUNT * Float32Array.BYTES_PER_ELEMENT);

/**
 * One device's recent metric samples in fixed-size typed arrays, oldest overwritten first.
 *
 * A wall of 10,000 devices appends ~2,000 samples a second: an array of point objects copied on
 * every sample kept the heap growing for ten minutes and fed the collector constantly. Here all
 * storage is one ArrayBuffer and an append only writes numbers into it. A ring starts with room
 * for one point (a snapshot's) and takes its full size at its second point: 120 × 8 bytes of
 * times + 5 metrics × 120 × 4 bytes = 3,360 bytes per device (plus ~200 bytes for the ring and
 * its views), ~36 MB for 10,000 devices that report, allocated within their first two samples so
 * the memory is flat after. A 50,000-device site that only sent its snapshot holds 28 bytes a
 * device, not 168 MB, and opens faster.
 *
 * The ring is mutated in place, so React cannot see a change by identity: `version` goes up with
 * every appended point, and components select it next to the ring.
 */
export class HistoryRing {
  /** The only storage: replaced once, when the second point arrives, never after. */
  buffer = new ArrayBuffer(bytesFor(1));
  private capacity = 1;
  private times = new Float64Array(this.buffer, 0, 1);
  /** Metric-major: metric m's slot i is at m × capacity + i; NaN where not reported. */
  private values = new Float32Array(this.buffer, Float64Array.BYTES_PER_ELEMENT, METRIC_COUNT);
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

  /** From room for one point to full size, the points kept in order (head back at 0). */
  private grow(): void {
    const capacity = HISTORY_CAP;
    const buffer = new ArrayBuffer(bytesFor(capacity));
    const times = new Float64Array(buffer, 0, capacity);
    const values = new Float32Array(
      buffer,
      capacity * Float64Array.BYTES_PER_ELEMENT,
      METRIC_COUNT * capacity,
    );
    for (let i = 0; i < this.count; i += 1) {
      const from = this.slot(i);
      times[i] = this.times[from] ?? Number.NaN;
      for (let m = 0; m < METRIC_COUNT; m += 1) {
        values[m * capacity + i] = this.values[m * this.capacity + from] ?? Number.NaN;
      }
    }
    this.buffer = buffer;
    this.times = times;
    this.values = values;
    this.capacity = capacity;
    this.head = 0;
  }

  /**
   * Appends a sample taken at `at`, unless it repeats the newest point's time (a device re-sent
   * unchanged, or updated without a new measurement). Only an equal time is a repeat: a site whose
   * clock was set back keeps its sparkline moving instead of freezing until it passes the old
   * stamps. True when a point was added.
   */
  push(at: number, metrics: Metrics): boolean {
    if (this.count > 0 && this.times[this.slot(this.count - 1)] === at) return false;
    if (this.count === this.capacity && this.capacity < HISTORY_CAP) this.grow();
    let slot: number;
    if (this.count < this.capacity) {
      slot = this.slot(this.count);
      this.count += 1;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % this.capacity;
    }
    this.times[slot] = at;
    for (const metric of METRIC_NAMES) {
      this.values[METRIC_SLOT[metric] * this.capacity + slot] = metrics[metric] ?? Number.NaN;
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

import type { Sample } from '../../../shared/alerts/trend.js';

/**
 * One device metric's readings in the trend window, in two typed arrays used as a ring: 16
 * bytes a reading, not an object each (a 10,000-device fleet, disk and memory, 24 h read every
 * 15 min: about 30 MB; at the config's most, 1,000 readings each: about 320 MB). Readings are
 * pushed oldest first.
 */
export class ReadingsRing {
  private readonly at: Float64Array;
  private readonly value: Float64Array;
  private start = 0;
  private size = 0;

  constructor(capacity: number) {
    this.at = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Adds a reading; drops the oldest beyond capacity and those older than `since`. */
  push(at: number, value: number, since: number): void {
    const capacity = this.at.length;
    const end = (this.start + this.size) % capacity;
    this.at[end] = at;
    this.value[end] = value;
    if (this.size < capacity) this.size++;
    else this.start = (this.start + 1) % capacity;
    while (this.size > 0 && (this.at[this.start] ?? since) < since) {
      this.start = (this.start + 1) % capacity;
      this.size--;
    }
  }

  samples(): Sample[] {
    const out: Sample[] = [];
    for (let i = 0; i < this.size; i++) {
      const k = (this.start + i) % this.at.length;
      out.push({ at: this.at[k] ?? 0, value: this.value[k] ?? 0 });
    }
    return out;
  }
}

import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../shared/protocol/device.js';
import { HISTORY_CAP, HistoryRing } from '../../renderer/src/store/history-ring.js';
import { appendSample } from '../../renderer/src/store/history.js';
import { device, T0 } from './fleet-fixtures.js';

const ALL: Metrics = { cpu: 10, memory: 20, disk: 30, latency: 2.5, loss: 0 };

/** The ring's times and one metric's values, oldest first, as plain arrays. */
function times(ring: HistoryRing): number[] {
  return Array.from({ length: ring.length }, (_, i) => ring.timeAt(i));
}

describe('HistoryRing', () => {
  it('keeps the newest HISTORY_CAP points, oldest first, after wrapping around', () => {
    const ring = new HistoryRing();
    for (let i = 1; i <= HISTORY_CAP + 7; i += 1) ring.push(T0 + i, { cpu: i % 100 });
    expect(ring).toHaveLength(HISTORY_CAP);
    const expected = Array.from({ length: HISTORY_CAP }, (_, i) => T0 + 8 + i);
    expect(times(ring)).toEqual(expected);
    expect(ring.points().map((p) => p.at)).toEqual(expected);
    expect(ring.valueAt('cpu', 0)).toBe(8);
    expect(ring.valueAt('cpu', HISTORY_CAP - 1)).toBe((HISTORY_CAP + 7) % 100);
  });

  it('stores NaN for a metric not reported, read back as null', () => {
    const ring = new HistoryRing();
    ring.push(T0, { cpu: 50, latency: 12.3 });
    // The second point makes the Float32 storage, the first moved into it.
    ring.push(T0 + 1, { cpu: 51, latency: 12.3 });
    expect(ring.buffer).not.toBeNull();
    expect(ring.valueAt('cpu', 0)).toBe(50);
    expect(ring.valueAt('memory', 0)).toBeNaN();
    expect(ring.valueAt('loss', 1)).toBeNaN();
    // Float32 storage; the chart gets the value as it was sent, not 12.300000190734863.
    expect(ring.points()).toEqual([
      { at: T0, cpu: 50, memory: null, disk: null, latency: 12.3, loss: null },
      { at: T0 + 1, cpu: 51, memory: null, disk: null, latency: 12.3, loss: null },
    ]);
  });

  it('ignores a sample at the newest point time, and appends one from a clock set back', () => {
    const ring = new HistoryRing();
    expect(ring.push(T0, ALL)).toBe(true);
    expect(ring.push(T0, { cpu: 99 })).toBe(false);
    expect(ring.push(T0 - 60_000, { cpu: 1 })).toBe(true);
    expect(times(ring)).toEqual([T0, T0 - 60_000]);
    expect(ring.valueAt('cpu', 0)).toBe(10);
  });

  it('bumps its version with every point added, and only then', () => {
    const ring = new HistoryRing();
    expect(ring.version).toBe(0);
    ring.push(T0, ALL);
    ring.push(T0, ALL);
    expect(ring.version).toBe(1);
    for (let i = 1; i <= HISTORY_CAP * 2; i += 1) ring.push(T0 + i, ALL);
    // Still counting once full: a wrapped ring has the same length but new contents.
    expect(ring.version).toBe(1 + HISTORY_CAP * 2);
  });

  it('holds one point without a buffer, then takes its full size once, at the second point', () => {
    const ring = new HistoryRing();
    ring.push(T0, ALL);
    // A snapshot's one point: no buffer at all (a 50,000-device site that only sent its snapshot
    // must not cost 168 MB, nor 100,000 typed arrays), yet readable like any other.
    expect(ring.buffer).toBeNull();
    expect(ring.length).toBe(1);
    expect(ring.timeAt(0)).toBe(T0);
    expect(ring.points()).toEqual([{ at: T0, ...ALL }]);
    ring.push(T0 + 1, { ...ALL, cpu: 1 });
    const buffer = ring.buffer;
    if (buffer === null) throw new Error('no buffer after the second point');
    // 120 × 8 bytes of times and 5 × 120 × 4 bytes of metrics, as its comment says.
    expect(buffer.byteLength).toBe(3360);
    expect(ring.length).toBe(2);
    expect(ring.timeAt(0)).toBe(T0);
    expect(ring.valueAt('cpu', 0)).toBe(ALL.cpu);
    expect(ring.valueAt('cpu', 1)).toBe(1);
    // From there on every append writes into that same buffer.
    for (let i = 2; i < 1000; i += 1) ring.push(T0 + i, { ...ALL, cpu: i % 100 });
    expect(ring.buffer).toBe(buffer);
    expect(buffer.byteLength).toBe(3360);
    expect(ring.valueAt('cpu', HISTORY_CAP - 1)).toBe(999 % 100);
    expect(ring.timeAt(0)).toBe(T0 + 1000 - HISTORY_CAP);
  });
});

describe('appendSample', () => {
  it('allocates no ring for a device without metrics', () => {
    expect(appendSample(undefined, device('d', { metrics: {} }))).toBeUndefined();
  });

  it('allocates a ring at the first sample with metrics, then appends to that same ring', () => {
    const ring = appendSample(undefined, device('d'));
    expect(ring).toHaveLength(1);
    const next = appendSample(ring, device('d', { updatedAt: T0 + 1000 }));
    expect(next).toBe(ring);
    expect(ring).toHaveLength(2);
    // An update without metrics leaves the ring as it is.
    expect(appendSample(ring, device('d', { updatedAt: T0 + 2000, metrics: {} }))).toBe(ring);
    expect(ring).toHaveLength(2);
  });
});

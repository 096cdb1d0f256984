import { describe, expect, it } from 'vitest';
import {
  average,
  HOUR_MS,
  mergeRollups,
  MINUTE_MS,
  rollUp,
} from '../../electron/hub/store/rollup.js';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

describe('rollups of uneven samples', () => {
  it('gives each minute its count, min, mean and max, however unevenly the samples came', () => {
    const samples = [
      // Minute 0: three samples in the first 10 s.
      { at: T0 + 1_000, value: 10 },
      { at: T0 + 2_000, value: 20 },
      { at: T0 + 9_000, value: 60 },
      // Minute 1: none. Minute 2: one, at its last millisecond.
      { at: T0 + 3 * MINUTE_MS - 1, value: 5 },
    ];
    const minutes = rollUp([...samples].reverse(), MINUTE_MS);
    expect(minutes).toEqual([
      { start: T0, count: 3, sum: 90, min: 10, max: 60 },
      { start: T0 + 2 * MINUTE_MS, count: 1, sum: 5, min: 5, max: 5 },
    ]);
    expect(minutes.map(average)).toEqual([30, 5]);
  });

  it('makes an hour from its minutes weighted by their counts, not an average of averages', () => {
    // One busy minute (30 samples of 100) and one quiet one (a sample of 0).
    const busy = Array.from({ length: 30 }, (_, i) => ({ at: T0 + i * 1_000, value: 100 }));
    const quiet = [{ at: T0 + 5 * MINUTE_MS, value: 0 }];
    const raw = [...busy, ...quiet];
    const [hour] = mergeRollups(rollUp(raw, MINUTE_MS), HOUR_MS);
    expect(hour).toEqual({ start: T0, count: 31, sum: 3000, min: 0, max: 100 });
    // The same as rolling the raw samples into the hour directly (exactly here, with whole
    // numbers; up to rounding in general); the mean of the two minutes' averages would say 50.
    expect(hour).toEqual(rollUp(raw, HOUR_MS)[0]);
    expect(average(hour ?? { start: 0, count: 1, sum: NaN, min: 0, max: 0 })).toBeCloseTo(
      3000 / 31,
      10,
    );
  });

  it('splits at bucket edges, skips values that are not numbers, and ignores empty rollups', () => {
    const minutes = rollUp(
      [
        { at: T0 + HOUR_MS - 1, value: 1 },
        { at: T0 + HOUR_MS, value: 2 },
        { at: T0 + HOUR_MS + 1, value: Number.NaN },
        { at: T0 + HOUR_MS + 2, value: Number.POSITIVE_INFINITY },
      ],
      MINUTE_MS,
    );
    expect(minutes.map((m) => [m.start, m.count, m.sum])).toEqual([
      [T0 + HOUR_MS - MINUTE_MS, 1, 1],
      [T0 + HOUR_MS, 1, 2],
    ]);
    const hours = mergeRollups(
      [
        ...minutes,
        { start: T0, count: 0, sum: 0, min: Infinity, max: -Infinity },
        { start: T0, count: 2, sum: Number.NaN, min: Number.NaN, max: 3 },
      ],
      HOUR_MS,
    );
    expect(hours.map((h) => [h.start, h.count])).toEqual([
      [T0, 1],
      [T0 + HOUR_MS, 1],
    ]);
  });
});

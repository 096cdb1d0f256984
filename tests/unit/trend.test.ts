import { describe, expect, it } from 'vitest';
import { fitLine, forecast, type Sample } from '../../shared/alerts/trend.js';

/** The trend fit and time-to-full against series worked out by hand. */

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 0, 0);
const series = (values: readonly number[]): Sample[] =>
  values.map((value, i) => ({ at: T0 + i * HOUR, value }));

describe('trend fit and time-to-full', () => {
  it('a steady fill: 1 % an hour from 50 %, 24 hours → full 27 hours after the last sample', () => {
    const samples = series(Array.from({ length: 24 }, (_, i) => 50 + i));
    const now = T0 + 23 * HOUR; // at 73 %
    const result = forecast(samples, now);
    expect(result?.perDay).toBeCloseTo(24, 9);
    expect(result?.now).toBeCloseTo(73, 9);
    expect(result?.fullAt).toBeCloseTo(now + 27 * HOUR, 0);
  });

  it('a noisy fill (±0.5 around 1 %/h): the same slope within a few percent', () => {
    const samples = series(
      Array.from({ length: 24 }, (_, i) => 50 + i + (i % 2 === 0 ? 0.5 : -0.5)),
    );
    const result = forecast(samples, T0 + 23 * HOUR);
    // By hand: the noise is ±0.5 alternating; its covariance with time over 24 points is
    // −0.5 × 12 (each pair adds −0.5 h·%) = −6 against Σ(x − x̄)² = 1150 h²: −0.0052 %/h.
    expect((result?.perDay ?? 0) / 24).toBeCloseTo(1 - 6 / 1150, 6);
    const hours = ((result?.fullAt ?? 0) - (T0 + 23 * HOUR)) / HOUR;
    expect(hours).toBeGreaterThan(27 * 0.95);
    expect(hours).toBeLessThan(27 * 1.05);
  });

  it('a fill that stops: x = 0, 1, 2, 3 h at 0, 2, 2, 2 % → 0.6 %/h, a longer way to full', () => {
    // x̄ = 1.5, ȳ = 1.5; Σ(x − x̄)(y − ȳ) = 2.25 − 0.25 + 0.25 + 0.75 = 3; Σ(x − x̄)² = 5.
    const fit = fitLine(series([0, 2, 2, 2]));
    expect((fit?.slope ?? 0) * HOUR).toBeCloseTo(0.6, 12);
    expect(fit?.intercept).toBeCloseTo(1.5 - 0.6 * 1.5, 12);
    const result = forecast(series([0, 2, 2, 2]), T0 + 3 * HOUR);
    // The line is at 0.6 + 0.6 × 3 = 2.4 % at 3 h; 97.6 % to go at 0.6 %/h: 162.67 h.
    expect(result?.now).toBeCloseTo(2.4, 12);
    expect(((result?.fullAt ?? 0) - (T0 + 3 * HOUR)) / HOUR).toBeCloseTo(97.6 / 0.6, 6);
  });

  it('a disk that is emptied: a falling line never reaches full', () => {
    const result = forecast(series([90, 91, 92, 40, 41]), T0 + 4 * HOUR);
    expect(result?.perDay).toBeLessThan(0);
    expect(result?.fullAt).toBeNull();
  });

  it('too few samples, or all at one instant: no fit', () => {
    expect(fitLine(series([1, 2]))).toBeNull();
    expect(
      fitLine([
        { at: T0, value: 1 },
        { at: T0, value: 2 },
        { at: T0, value: 3 },
      ]),
    ).toBeNull();
  });
});

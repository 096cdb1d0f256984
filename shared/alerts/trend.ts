/**
 * Proactive warnings' arithmetic: a straight line fitted to a metric's recent history by least
 * squares, and when that line reaches a limit (a disk at 100 %). Pure; times are epoch ms, read
 * relative to the first sample so the sums stay exact enough.
 */

export interface Sample {
  readonly at: number;
  readonly value: number;
}

export interface LineFit {
  /** Units per millisecond. */
  readonly slope: number;
  /** The line's value at `at` = the first sample's time. */
  readonly intercept: number;
  readonly origin: number;
  /** Samples the fit used. */
  readonly count: number;
  /**
   * How much of the samples' variation the line explains (R², 0 to 1; 1 when they do not vary).
   * A daily cycle fitted over one day leans one way yet explains little (about 0.6 for a pure
   * sine); a leak, a filling disk, explains most.
   */
  readonly r2: number;
}

/** The least-squares line through the samples; null with fewer than 3 or no spread in time. */
export function fitLine(samples: readonly Sample[]): LineFit | null {
  if (samples.length < 3) return null;
  const origin = samples[0]?.at ?? 0;
  let sumX = 0;
  let sumY = 0;
  for (const { at, value } of samples) {
    sumX += at - origin;
    sumY += value;
  }
  const meanX = sumX / samples.length;
  const meanY = sumY / samples.length;
  let sxy = 0;
  let sxx = 0;
  for (const { at, value } of samples) {
    const dx = at - origin - meanX;
    sxy += dx * (value - meanY);
    sxx += dx * dx;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  let syy = 0;
  for (const { value } of samples) syy += (value - meanY) ** 2;
  const r2 = syy === 0 ? 1 : Math.min(1, (sxy * sxy) / (sxx * syy));
  return { slope, intercept: meanY - slope * meanX, origin, count: samples.length, r2 };
}

export function valueAt(fit: LineFit, at: number): number {
  return fit.intercept + fit.slope * (at - fit.origin);
}

export interface Forecast {
  /** Units per day. */
  readonly perDay: number;
  /** The fit's R² (see LineFit). */
  readonly r2: number;
  /** The line's value now. */
  readonly now: number;
  /** When the line reaches the limit; null when it does not rise (or never gets there). */
  readonly fullAt: number | null;
}

/** How a rising metric approaches `limit` (100 for a percentage), from its samples, at `now`. */
export function forecast(samples: readonly Sample[], now: number, limit = 100): Forecast | null {
  const fit = fitLine(samples);
  if (fit === null) return null;
  const current = valueAt(fit, now);
  const perDay = fit.slope * 86_400_000;
  const { r2 } = fit;
  if (fit.slope <= 0) return { perDay, r2, now: current, fullAt: null };
  const fullAt = current >= limit ? now : now + (limit - current) / fit.slope;
  return { perDay, r2, now: current, fullAt };
}

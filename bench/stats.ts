export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/**
 * How far a frame time read from two rAF timestamps can be off from the true interval: Chromium
 * rounds those timestamps to 5 µs on a cross-origin isolated page and to 100 µs otherwise, so a
 * frame of exactly three 60-Hz vsync intervals (50 ms) reads 50.000 ms or 50.005 ms depending on
 * where its two ends were rounded. Frames come in whole vsync intervals, so a tolerance of two
 * roundings separates "three intervals" from "four" (66.7 ms) without hiding any real frame.
 */
export const FRAME_TIME_ROUNDING_MS = 0.2;

/** Frames (ms) over `budgetMs`, not counting a frame that reads over it by rounding alone. */
export function framesOver(frames: readonly number[], budgetMs: number): number {
  return frames.filter((frame) => frame > budgetMs + FRAME_TIME_ROUNDING_MS).length;
}

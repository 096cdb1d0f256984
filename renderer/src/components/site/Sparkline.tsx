import { memo } from 'react';
import type { MetricName } from '../../../../shared/protocol/device.js';
import type { HistoryRing } from '../../store/history-ring.js';

const WIDTH = 48;
const HEIGHT = 18;

interface SparklineProps {
  readonly ring: HistoryRing;
  /**
   * The ring's version when the row rendered: the ring is written in place, so this number is
   * what tells memo that there is a new sample to draw.
   */
  readonly version: number;
  readonly metric: MetricName;
  /** Top of the scale; percentages use 100, others scale to their own maximum. */
  readonly max?: number;
}

/** The polyline's points for one metric, read straight from the ring (no point objects). */
function polylinePoints(ring: HistoryRing, metric: MetricName, max: number | undefined): string {
  const count = ring.length;
  let top = max ?? 1;
  if (max === undefined) {
    for (let i = 0; i < count; i += 1) {
      const value = ring.valueAt(metric, i);
      if (value > top) top = value;
    }
  }
  const step = count > 1 ? WIDTH / (count - 1) : 0;
  const coords: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const value = ring.valueAt(metric, i);
    // NaN: not reported in that sample, a gap in the line.
    if (Number.isNaN(value)) continue;
    const y = HEIGHT - 1 - (Math.min(value, top) / top) * (HEIGHT - 2);
    coords.push(`${(i * step).toFixed(1)},${y.toFixed(1)}`);
  }
  return coords.join(' ');
}

/**
 * A metric's recent trend as a bare SVG polyline: hundreds of rows each draw five of these, far
 * more than a charting library's components can afford on a wall screen. Memo on the props alone
 * (ring, version, metric, max) is the cache: the points are computed once per new sample.
 */
export const Sparkline = memo(function Sparkline({ ring, metric, max }: SparklineProps) {
  const points = polylinePoints(ring, metric, max);
  if (points === '') return null;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      aria-hidden="true"
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
});

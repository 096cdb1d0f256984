import { memo, useMemo } from 'react';
import type { MetricName } from '../../../../shared/protocol/device.js';
import type { History } from '../../store/fleet-data.js';

const WIDTH = 48;
const HEIGHT = 18;

interface SparklineProps {
  readonly history: History;
  readonly metric: MetricName;
  /** Top of the scale; percentages use 100, others scale to their own maximum. */
  readonly max?: number;
}

/**
 * A metric's recent trend as a bare SVG polyline: hundreds of rows each draw five of these, far
 * more than a charting library's components can afford on a wall screen.
 */
export const Sparkline = memo(function Sparkline({ history, metric, max }: SparklineProps) {
  const points = useMemo(() => {
    const values = history.map((point) => point[metric]);
    const top = max ?? Math.max(1, ...values.map((v) => v ?? 0));
    const step = history.length > 1 ? WIDTH / (history.length - 1) : 0;
    const coords: string[] = [];
    values.forEach((value, i) => {
      if (value === null) return;
      const y = HEIGHT - 1 - (Math.min(value, top) / top) * (HEIGHT - 2);
      coords.push(`${(i * step).toFixed(1)},${y.toFixed(1)}`);
    });
    return coords.join(' ');
  }, [history, metric, max]);
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

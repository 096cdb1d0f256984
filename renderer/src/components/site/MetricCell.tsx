import type { MetricName, Metrics } from '../../../../shared/protocol/device.js';
import type { HistoryRing } from '../../store/history-ring.js';
import { Sparkline } from './Sparkline.js';

const PERCENT: ReadonlySet<MetricName> = new Set(['cpu', 'memory', 'disk', 'loss']);

function formatMetric(metric: MetricName, value: number): string {
  return metric === 'latency'
    ? `${value.toFixed(value < 10 ? 1 : 0)} ms`
    : `${Math.round(value)} %`;
}

interface MetricCellProps {
  readonly metrics: Metrics;
  readonly metric: MetricName;
  /** Undefined until the device reports its first metrics. */
  readonly ring: HistoryRing | undefined;
  /** The ring's version, so a new sample in the (same) ring redraws the sparkline. */
  readonly version: number;
  /** The hub's forecast for this metric ("full in 37 h"), shown under the value; or null. */
  readonly forecast?: string | null;
}

/** A metric's current value with its recent trend; blank when the device does not report it. */
export function MetricCell({ metrics, metric, ring, version, forecast = null }: MetricCellProps) {
  const value = metrics[metric];
  return (
    <td className="metric" data-metric={metric}>
      {value === undefined ? (
        <span className="muted">—</span>
      ) : (
        <>
          <span className="metric__value">{formatMetric(metric, value)}</span>
          {ring && (
            <Sparkline
              ring={ring}
              version={version}
              metric={metric}
              {...(PERCENT.has(metric) ? { max: 100 } : {})}
            />
          )}
          {forecast === null ? null : (
            <span className="metric__forecast" data-testid="metric-forecast">
              ⚠ {forecast}
            </span>
          )}
        </>
      )}
    </td>
  );
}

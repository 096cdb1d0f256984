import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { HistoryMetricResult } from '../../../../shared/bridge/history.js';
import { METRIC_NAMES, type MetricName } from '../../../../shared/protocol/device.js';
import { useBridge } from '../../bridge/bridge-context.js';
import { invokeChecked } from '../../bridge/invoke-checked.js';

const MetricHistoryPlot = lazy(() => import('./MetricHistoryPlot.js'));

/** The chart's width in pixels before it has been laid out. */
const DEFAULT_WIDTH = 600;

interface Answered {
  readonly request: string;
  readonly value: HistoryMetricResult | string;
}

interface MetricHistoryProps {
  readonly siteId: string;
  readonly deviceId: string;
  readonly from: number;
  readonly to: number;
}

/**
 * A device metric around an alert, from the store's rollups: as many points as the chart is
 * wide in pixels, so a week costs the same to draw as an hour.
 */
export function MetricHistory({ siteId, deviceId, from, to }: MetricHistoryProps) {
  const bridge = useBridge();
  const box = useRef<HTMLDivElement>(null);
  const [metric, setMetric] = useState<MetricName>('cpu');
  // The answer with the request it answers: another request shows "Loading…" until its own.
  const request = [siteId, deviceId, metric, from, to].join('\u0000');
  const [answered, setAnswered] = useState<Answered | null>(null);
  useEffect(() => {
    let current = true;
    const points = Math.max(2, Math.min(4000, box.current?.clientWidth ?? DEFAULT_WIDTH));
    const args = { siteId, deviceId, metric, from, to, points };
    void invokeChecked(bridge, 'history.metric', args).then((answer) => {
      if (current) setAnswered({ request, value: answer.ok ? answer.value : answer.error.message });
    });
    return () => {
      current = false;
    };
  }, [bridge, siteId, deviceId, metric, from, to, request]);
  const result = answered?.request === request ? answered.value : null;

  return (
    <div className="metric-history" data-testid="metric-history" ref={box}>
      <label>
        Metric{' '}
        <select
          value={metric}
          onChange={(e) => {
            setMetric(e.target.value as MetricName);
          }}
        >
          {METRIC_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {result === null ? (
        <p className="muted">Loading…</p>
      ) : typeof result === 'string' ? (
        <p role="alert">{result}</p>
      ) : result.points.length === 0 ? (
        <p className="muted">No {metric} samples stored for this time.</p>
      ) : (
        <Suspense fallback={<p className="muted">Loading chart…</p>}>
          <MetricHistoryPlot result={result} />
        </Suspense>
      )}
    </div>
  );
}

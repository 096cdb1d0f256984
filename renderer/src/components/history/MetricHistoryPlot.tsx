import { memo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryMetricResult } from '../../../../shared/bridge/history.js';
import { formatDateTime } from '../../history/local-time.js';
import { formatTimeOfDay } from '../../format/time.js';

// Module constants: recharts compares props by identity.
const CHART_STYLE = { width: '100%', height: 240 } as const;
const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 } as const;
const AXIS_TICK = { fill: '#c9d1d9', fontSize: 14 } as const;
const TOOLTIP_STYLE = { background: '#161b22', border: '1px solid #30363d' } as const;
const labelTime = (value: unknown) => (typeof value === 'number' ? formatDateTime(value) : '');
const tickTime = (value: unknown) => (typeof value === 'number' ? formatTimeOfDay(value) : '');

/**
 * Min–max band and average line of a metric's rollups. Its own module: recharts loads only
 * when a history chart is opened. Animation off: the points are data, not decoration.
 */
const MetricHistoryPlot = memo(function MetricHistoryPlot({
  result,
}: {
  result: HistoryMetricResult;
}) {
  const data = result.points.map((p) => ({ start: p.start, avg: p.avg, range: [p.min, p.max] }));
  return (
    <ComposedChart responsive style={CHART_STYLE} data={data} margin={MARGIN}>
      <CartesianGrid stroke="#30363d" strokeDasharray="3 3" />
      <XAxis
        dataKey="start"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={tickTime}
        tick={AXIS_TICK}
      />
      <YAxis tick={AXIS_TICK} />
      <Tooltip labelFormatter={labelTime} contentStyle={TOOLTIP_STYLE} isAnimationActive={false} />
      <Area
        dataKey="range"
        name="min–max"
        stroke="none"
        fill="#58a6ff"
        fillOpacity={0.25}
        isAnimationActive={false}
      />
      <Line
        dataKey="avg"
        name="average"
        stroke="#58a6ff"
        strokeWidth={2}
        dot={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
});

export default MetricHistoryPlot;

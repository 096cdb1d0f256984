import { memo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
  type LegendPayload,
} from 'recharts';
import { formatClock, formatTimeOfDay } from '../../format/time.js';
import type { HistoryRing } from '../../store/history-ring.js';

// Props are module constants: recharts compares them by identity, and new objects every render
// would redo its layout for nothing.
const CHART_STYLE = { width: '100%', height: 300 } as const;
const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 } as const;
const PERCENT_DOMAIN: [number, number] = [0, 100];
const AXIS_TICK = { fill: '#c9d1d9', fontSize: 14 } as const;
const TOOLTIP_STYLE = { background: '#161b22', border: '1px solid #30363d' } as const;
const labelTime = (value: unknown) => (typeof value === 'number' ? formatClock(value) : '');
const tickTime = (value: unknown) => (typeof value === 'number' ? formatTimeOfDay(value) : '');

/** Percent series on the left axis; latency (ms) on the right. Dashes tell lines apart too. */
const SERIES = [
  { key: 'cpu', name: 'CPU %', color: '#58a6ff', axis: 'pct', dash: undefined },
  { key: 'memory', name: 'Memory %', color: '#d2a8ff', axis: 'pct', dash: '6 3' },
  { key: 'disk', name: 'Disk %', color: '#ffa657', axis: 'pct', dash: '2 3' },
  { key: 'loss', name: 'Loss %', color: '#ff7b72', axis: 'pct', dash: '10 4 2 4' },
  { key: 'latency', name: 'Latency ms', color: '#7ee787', axis: 'ms', dash: undefined },
] as const;
const SERIES_KEYS: readonly string[] = SERIES.map((series) => series.key);
/** Legend in the series' own order (recharts sorts by name otherwise). */
const legendOrder = (item: LegendPayload) =>
  typeof item.dataKey === 'string' ? SERIES_KEYS.indexOf(item.dataKey) : SERIES_KEYS.length;

interface DeviceHistoryPlotProps {
  readonly ring: HistoryRing;
  /** The ring's version: the ring is written in place, so this is what changes with a sample. */
  readonly version: number;
}

/**
 * The recharts plot of one device's history, in its own module so the wall (which never shows
 * it) does not load the charting library. Memo on (ring, version) means the points are read out
 * of the ring as objects once per new sample, and only for the one chart that is open; recharts
 * gets a new `data` array exactly then. Animation is off for every series (live data).
 */
const DeviceHistoryPlot = memo(function DeviceHistoryPlot({ ring }: DeviceHistoryPlotProps) {
  const data = ring.points();
  return (
    <LineChart responsive style={CHART_STYLE} data={data} margin={MARGIN}>
      <CartesianGrid stroke="#30363d" strokeDasharray="3 3" />
      <XAxis
        dataKey="at"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={tickTime}
        tick={AXIS_TICK}
      />
      <YAxis yAxisId="pct" domain={PERCENT_DOMAIN} tick={AXIS_TICK} unit="%" />
      <YAxis yAxisId="ms" orientation="right" tick={AXIS_TICK} unit=" ms" />
      <Tooltip labelFormatter={labelTime} contentStyle={TOOLTIP_STYLE} isAnimationActive={false} />
      <Legend itemSorter={legendOrder} />
      {SERIES.map((series) => (
        <Line
          key={series.key}
          yAxisId={series.axis}
          dataKey={series.key}
          name={series.name}
          stroke={series.color}
          strokeWidth={2}
          {...(series.dash === undefined ? {} : { strokeDasharray: series.dash })}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
});

export default DeviceHistoryPlot;

import { lazy, memo, Suspense } from 'react';
import { EMPTY_HISTORY } from '../../store/fleet-data.js';
import { useFleet } from '../../store/store-context.js';
import { NameText } from './NameText.js';

const DeviceHistoryPlot = lazy(() => import('./DeviceHistoryPlot.js'));

interface DeviceChartProps {
  readonly siteId: string;
  readonly deviceId: string;
  readonly onClose: () => void;
}

/** One device's recent history, opened from the site table. */
export const DeviceChart = memo(function DeviceChart({
  siteId,
  deviceId,
  onClose,
}: DeviceChartProps) {
  const history = useFleet((s) => s.history.get(siteId)?.get(deviceId)) ?? EMPTY_HISTORY;
  const name = useFleet((s) => s.devices.get(siteId)?.get(deviceId)?.name ?? deviceId);
  return (
    <section className="device-chart" data-testid="device-chart" data-device-id={deviceId}>
      <div className="device-chart__head">
        <h2>
          <NameText name={name} id={deviceId} />
        </h2>
        <span className="muted">{history.length} samples</span>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {history.length === 0 ? (
        <p className="muted">No metrics reported yet.</p>
      ) : (
        <Suspense fallback={<p className="muted">Loading chart…</p>}>
          <DeviceHistoryPlot history={history} />
        </Suspense>
      )}
    </section>
  );
});

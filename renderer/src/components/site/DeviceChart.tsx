import { lazy, memo, Suspense } from 'react';
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
  // The ring is written in place: its version (a number) is what changes with each sample.
  const ring = useFleet((s) => s.history.get(siteId)?.get(deviceId));
  const version = useFleet((s) => s.history.get(siteId)?.get(deviceId)?.version ?? 0);
  const samples = ring?.length ?? 0;
  const name = useFleet((s) => s.devices.get(siteId)?.get(deviceId)?.name ?? deviceId);
  return (
    <section className="device-chart" data-testid="device-chart" data-device-id={deviceId}>
      <div className="device-chart__head">
        <h2>
          <NameText name={name} id={deviceId} />
        </h2>
        <span className="muted">{samples} samples</span>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {ring === undefined || samples === 0 ? (
        <p className="muted">No metrics reported yet.</p>
      ) : (
        <Suspense fallback={<p className="muted">Loading chart…</p>}>
          <DeviceHistoryPlot ring={ring} version={version} />
        </Suspense>
      )}
    </section>
  );
});

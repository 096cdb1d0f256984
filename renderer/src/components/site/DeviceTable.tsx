import { useShallow } from 'zustand/react/shallow';
import { METRIC_NAMES, type MetricName } from '../../../../shared/protocol/device.js';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { deviceIdsWorstFirst } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { DeviceRow } from './DeviceRow.js';

const METRIC_HEADING: Readonly<Record<MetricName, string>> = {
  cpu: 'CPU',
  memory: 'Memory',
  disk: 'Disk',
  latency: 'Latency',
  loss: 'Loss',
};

interface DeviceTableProps {
  readonly siteId: string;
  readonly selectedId: string | null;
  readonly onSelect: (deviceId: string) => void;
}

/** The site's devices, worst first, with metrics, trends and security posture. */
export function DeviceTable({ siteId, selectedId, onSelect }: DeviceTableProps) {
  const ids = useFleet(
    useShallow((s) => deviceIdsWorstFirst(s.devices.get(siteId) ?? EMPTY_DEVICES)),
  );
  return (
    <table className="device-table" data-testid="device-table">
      <thead>
        <tr>
          <th className="col-status">Status</th>
          <th className="col-name">Name</th>
          <th className="col-kind">Kind</th>
          <th className="col-updated" title="How long ago the site last reported this device">
            Updated
          </th>
          {METRIC_NAMES.map((metric) => (
            <th key={metric} className="col-metric" data-metric={metric}>
              {METRIC_HEADING[metric]}
            </th>
          ))}
          <th className="col-posture">EDR</th>
          <th className="col-posture" title="Antivirus">
            AV
          </th>
          <th className="col-patches" title="Pending critical patches">
            Patches
          </th>
          <th className="col-backup" title="Age of the last good backup">
            Backup
          </th>
          <th className="col-parent">Parent</th>
        </tr>
      </thead>
      <tbody>
        {ids.map((id) => (
          <DeviceRow
            key={id}
            siteId={siteId}
            deviceId={id}
            selected={id === selectedId}
            onSelect={onSelect}
          />
        ))}
      </tbody>
    </table>
  );
}

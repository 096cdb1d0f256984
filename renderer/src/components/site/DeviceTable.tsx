import { useShallow } from 'zustand/react/shallow';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { deviceIdsWorstFirst } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { DeviceRow } from './DeviceRow.js';

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
          <th>Status</th>
          <th>Name</th>
          <th>Kind</th>
          <th title="How long ago the site last reported this device">Updated</th>
          <th>CPU</th>
          <th>Memory</th>
          <th>Disk</th>
          <th>Latency</th>
          <th>Loss</th>
          <th>EDR</th>
          <th title="Antivirus">AV</th>
          <th title="Pending critical patches">Patches</th>
          <th title="Age of the last good backup">Backup</th>
          <th>Parent</th>
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

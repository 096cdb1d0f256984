import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { deviceIds } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { DeviceCell } from './DeviceCell.js';

interface DeviceGridProps {
  readonly siteId: string;
  readonly stale: boolean;
}

/** A site's devices as a dense grid; re-renders only when devices are added or removed. */
export const DeviceGrid = memo(function DeviceGrid({ siteId, stale }: DeviceGridProps) {
  const ids = useFleet(useShallow((s) => deviceIds(s.devices.get(siteId) ?? EMPTY_DEVICES)));
  return (
    <div className="device-grid" data-testid="device-grid">
      {ids.map((id) => (
        <DeviceCell key={id} siteId={siteId} deviceId={id} stale={stale} />
      ))}
    </div>
  );
});

import { memo } from 'react';
import { reportRender } from '../../debug/render-probe.js';
import { displayName } from '../../format/names.js';
import { STATUS_LABEL } from '../../status/presentation.js';
import { useFleet } from '../../store/store-context.js';

interface DeviceCellProps {
  readonly siteId: string;
  readonly deviceId: string;
  readonly stale: boolean;
}

/**
 * One device on the wall: a small square coloured by status, its shape drawn by CSS from
 * data-status (no text node per cell keeps a 1,000-device board light). It subscribes to its own
 * device only, so a change elsewhere does not render it.
 */
export const DeviceCell = memo(function DeviceCell({ siteId, deviceId, stale }: DeviceCellProps) {
  const device = useFleet((s) => s.devices.get(siteId)?.get(deviceId));
  reportRender('device-cell', `${siteId}/${deviceId}`);
  if (!device) return null;
  // The name is site text: cleaned (direction controls out, so it cannot reorder the status word
  // after it; a blank name shows as its id) before it goes into the cell's title and label.
  const name = displayName(device.name, deviceId).title;
  const label = `${name} — ${STATUS_LABEL[device.status]}${stale ? ' (stale)' : ''}`;
  return (
    <div
      className="device-cell"
      role="img"
      data-testid="device"
      data-site-id={siteId}
      data-device-id={deviceId}
      data-status={device.status}
      data-stale={stale}
      title={label}
      aria-label={label}
    />
  );
});

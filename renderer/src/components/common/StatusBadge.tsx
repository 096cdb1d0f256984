import type { DeviceStatus } from '../../../../shared/protocol/device.js';
import { STATUS_GLYPH, STATUS_LABEL } from '../../status/presentation.js';

/** A device status as shape and word, coloured by data-status. */
export function StatusBadge({ status }: { status: DeviceStatus }) {
  return (
    <span className="badge" data-status={status}>
      <span className="glyph" aria-hidden="true">
        {STATUS_GLYPH[status]}
      </span>{' '}
      {STATUS_LABEL[status]}
    </span>
  );
}

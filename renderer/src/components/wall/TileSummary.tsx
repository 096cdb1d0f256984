import type { DeviceStatus } from '../../../../shared/protocol/device.js';
import {
  STATUS_ORDER,
  worstSeverity,
  type SeverityCounts,
  type StatusCounts,
} from '../../store/selectors.js';
import { SEVERITY_GLYPH, STATUS_GLYPH, STATUS_LABEL } from '../../status/presentation.js';

/** The site's worst device status, as shape and word. */
export function WorstStatus({ worst }: { worst: DeviceStatus | null }) {
  if (worst === null) return <span className="site-tile__worst">No devices</span>;
  return (
    <span className="site-tile__worst" data-status={worst} data-testid="site-worst">
      <span className="glyph" aria-hidden="true">
        {STATUS_GLYPH[worst]}
      </span>{' '}
      {STATUS_LABEL[worst]}
    </span>
  );
}

/**
 * A site's devices by status, worst first; statuses nobody has are left out. Each count says its
 * status in words, so a screen reader and a viewer across the room read the same thing.
 */
export function DeviceCounts({ counts }: { counts: StatusCounts }) {
  return (
    <ul className="status-counts" data-testid="status-counts">
      {STATUS_ORDER.filter((status) => counts[status] > 0).map((status) => (
        <li key={status} className="status-count" data-status={status}>
          <span className="glyph" aria-hidden="true">
            {STATUS_GLYPH[status]}
          </span>
          {counts[status]} {STATUS_LABEL[status].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}

/** Open alerts of a site, marked with the worst severity's shape and colour. */
export function AlertCount({ counts }: { counts: SeverityCounts }) {
  const worst = worstSeverity(counts);
  return (
    <span className="site-tile__alerts" data-testid="site-alerts" data-severity={worst ?? 'none'}>
      {worst === null ? null : (
        <span className="glyph" aria-hidden="true">
          {SEVERITY_GLYPH[worst]}
        </span>
      )}
      {counts.total} {counts.total === 1 ? 'alert' : 'alerts'}
    </span>
  );
}

import type { SiteRollup } from '../../../../shared/fleet/site-rollup.js';
import {
  STATUS_ORDER,
  worstSeverity,
  type SeverityCounts,
  type StatusCounts,
} from '../../store/selectors.js';
import {
  ROLLUP_GLYPH,
  ROLLUP_LABEL,
  SEVERITY_GLYPH,
  STATUS_GLYPH,
  STATUS_LABEL,
} from '../../status/presentation.js';

/**
 * The site's roll-up as shape and word (docs/wallboard.md, "Site roll-up"); "No devices" for a
 * reachable site that has none.
 */
export function RollupWord({ rollup, devices }: { rollup: SiteRollup; devices: number }) {
  if (devices === 0 && rollup !== 'unreachable')
    return <span className="site-tile__rollup">No devices</span>;
  return (
    <span className="site-tile__rollup" data-rollup={rollup} data-testid="site-rollup">
      <span className="glyph" aria-hidden="true">
        {ROLLUP_GLYPH[rollup]}
      </span>{' '}
      {ROLLUP_LABEL[rollup]}
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

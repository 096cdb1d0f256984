import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  fleetSeverityCounts,
  liveStatusCounts,
  SEVERITY_ORDER,
  STATUS_ORDER,
} from '../../store/selectors.js';
import { useNotLiveSiteIds } from '../../status/use-not-live-sites.js';
import { useFleet } from '../../store/store-context.js';
import {
  SEVERITY_GLYPH,
  SEVERITY_LABEL,
  STATUS_GLYPH,
  STATUS_LABEL,
} from '../../status/presentation.js';

/**
 * Devices by status and open alerts by severity, across the fleet, in headline type. Devices of
 * sites not shown as live are counted apart, as "not live", never as their last known status.
 */
export function FleetTotals() {
  const devices = useFleet((s) => s.devices);
  const notLiveSites = useNotLiveSiteIds();
  const { live: statuses, notLive } = useMemo(
    () => liveStatusCounts(devices, notLiveSites),
    [devices, notLiveSites],
  );
  const severities = useFleet(useShallow((s) => fleetSeverityCounts(s.alerts)));
  return (
    <div className="fleet-totals" data-testid="fleet-totals">
      <div className="totals" aria-label="Devices by status">
        {STATUS_ORDER.map((status) => (
          <span
            key={status}
            className="total"
            data-status={status}
            data-zero={statuses[status] === 0}
            data-testid={`total-${status}`}
            aria-label={`${statuses[status]} ${STATUS_LABEL[status]}`}
            title={STATUS_LABEL[status]}
          >
            <span className="glyph" aria-hidden="true">
              {STATUS_GLYPH[status]}
            </span>
            <span className="total__n">{statuses[status]}</span>
          </span>
        ))}
        <span
          className="total total--stale"
          data-zero={notLive === 0}
          data-testid="total-not-live"
          aria-label={`${notLive} on sites not live`}
          title="Devices on sites whose data is not live (stale, down, refused or connecting)"
        >
          <span className="glyph" aria-hidden="true">
            ◌
          </span>
          <span className="total__n">{notLive}</span>
        </span>
      </div>
      <div className="totals" aria-label="Open alerts by severity">
        <span className="totals__label">Alerts</span>
        {SEVERITY_ORDER.map((severity) => (
          <span
            key={severity}
            className="total"
            data-severity={severity}
            data-zero={severities[severity] === 0}
            data-testid={`alerts-${severity}`}
            aria-label={`${severities[severity]} ${SEVERITY_LABEL[severity]}`}
            title={SEVERITY_LABEL[severity]}
          >
            <span className="glyph" aria-hidden="true">
              {SEVERITY_GLYPH[severity]}
            </span>
            <span className="total__n">{severities[severity]}</span>
          </span>
        ))}
      </div>
    </div>
  );
}

import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  fleetSeverityCounts,
  liveStatusCounts,
  SEVERITY_ORDER,
  STATUS_ORDER,
} from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import {
  SEVERITY_GLYPH,
  SEVERITY_LABEL,
  STATUS_GLYPH,
  STATUS_LABEL,
} from '../../status/presentation.js';
import { reportRender } from '../../debug/render-probe.js';
import { useNotLiveSiteIds } from '../../status/use-not-live-sites.js';

interface TotalProps {
  readonly glyph: string;
  readonly count: number;
  readonly word: string;
  readonly testId: string;
  readonly status?: string;
  readonly severity?: string;
  readonly title?: string;
  readonly className?: string;
}

/** One headline count: shape and number large, its word beneath, all of it visible text. */
function Total(props: TotalProps) {
  const { glyph, count, word, testId, status, severity, title, className = 'total' } = props;
  return (
    <li
      className={className}
      data-status={status}
      data-severity={severity}
      data-zero={count === 0}
      data-testid={testId}
      title={title}
    >
      <span className="total__n">
        <span className="glyph" aria-hidden="true">
          {glyph}
        </span>
        {count}
      </span>{' '}
      <span className="total__word">{word}</span>
    </li>
  );
}

/**
 * Devices by status and open alerts by severity, across the fleet, in headline type. Devices of
 * sites not shown as live are counted apart, as "not live", never as their last known status.
 */
export function FleetTotals() {
  const devicesLabel = useId();
  const alertsLabel = useId();
  const devices = useFleet((s) => s.devices);
  const notLiveSites = useNotLiveSiteIds();
  const { live: statuses, notLive } = useMemo(
    () => liveStatusCounts(devices, notLiveSites),
    [devices, notLiveSites],
  );
  const severities = useFleet(useShallow((s) => fleetSeverityCounts(s.alerts)));
  reportRender('fleet-totals', 'header');
  return (
    <div className="fleet-totals" data-testid="fleet-totals">
      <div className="totals" role="group" aria-labelledby={devicesLabel}>
        <span className="totals__label" id={devicesLabel}>
          Devices
        </span>
        <ul className="totals__list">
          {STATUS_ORDER.map((status) => (
            <Total
              key={status}
              glyph={STATUS_GLYPH[status]}
              count={statuses[status]}
              word={STATUS_LABEL[status].toLowerCase()}
              status={status}
              testId={`total-${status}`}
            />
          ))}
          <Total
            glyph="◌"
            count={notLive}
            word="not live"
            testId="total-not-live"
            className="total total--not-live"
            title="Devices on sites whose data is not live (stale, down, refused or connecting)"
          />
        </ul>
      </div>
      <div className="totals" role="group" aria-labelledby={alertsLabel}>
        <span className="totals__label" id={alertsLabel}>
          Alerts
        </span>
        <ul className="totals__list">
          {SEVERITY_ORDER.map((severity) => (
            <Total
              key={severity}
              glyph={SEVERITY_GLYPH[severity]}
              count={severities[severity]}
              word={SEVERITY_LABEL[severity].toLowerCase()}
              severity={severity}
              testId={`alerts-${severity}`}
            />
          ))}
        </ul>
      </div>
    </div>
  );
}

import type { ActiveMaintenance } from '../../../../shared/maintenance/maintenance-window.js';
import { useClockSkewMs } from '../../clock/use-clock-skew.js';
import { formatSpan, formatTimeOfDay } from '../../format/time.js';
import { formatDateTime } from '../../history/local-time.js';
import { useFleet } from '../../store/store-context.js';
import { hasOpenIncident, SlaFlag } from '../sla/SlaFlag.js';

const NO_MAINTENANCE: readonly ActiveMaintenance[] = [];

interface SiteFlagsProps {
  readonly siteId: string;
  /** The site view says how many timestamps were ahead; a tile only that some were. */
  readonly detailed?: boolean;
}

/**
 * What the hub found wrong with a site besides its connection state, shown next to it (never in
 * its place): over a budget ("DEGRADED" and the hub's reason), a clock running ahead of the
 * hub's, planned maintenance running now (until when, and, in the site view, why), and the
 * site's nearest SLA due time (or that one breached). Its own subscriptions, to values that change only when a flag does (a tile selects
 * "any timestamps ahead", not their count), so a tile never re-renders for it.
 */
export function SiteFlags({ siteId, detailed = false }: SiteFlagsProps) {
  const degraded = useFleet((s) => s.sites.get(siteId)?.health.degraded ?? null);
  // The flag follows what is true now (the hub clears it once the site's times are right
  // again); the site view adds how many timestamps were ahead since the hub started.
  const aheadNow = useFleet((s) => (s.sites.get(siteId)?.health.clockAheadSince ?? null) !== null);
  const count = useFleet((s) =>
    detailed ? (s.sites.get(siteId)?.health.futureTimestamps ?? 0) : 0,
  );
  const ahead = aheadNow ? Math.max(count, 1) : 0;
  const skew = formatSpan(useClockSkewMs());
  const maintenance = useFleet((s) => s.sites.get(siteId)?.maintenance ?? NO_MAINTENANCE);
  const sla = useFleet((s) => hasOpenIncident(s.incidents.get(siteId)));
  if (degraded === null && ahead === 0 && maintenance.length === 0 && !sla) return null;
  return (
    <span className="site-flags">
      {sla ? <SlaFlag siteId={siteId} /> : null}
      {maintenance.map((window) => (
        <span
          key={window.windowId}
          className="site-flag"
          data-flag="maintenance"
          data-testid="site-maintenance"
          title={window.reason}
        >
          <span className="site-flag__word">MAINTENANCE</span> until{' '}
          {detailed ? formatDateTime(window.until) : formatTimeOfDay(window.until)}
          {detailed
            ? ` — ${window.reason} (${
                window.deviceIds.length === 0
                  ? 'the whole site'
                  : `${window.deviceIds.length} ${window.deviceIds.length === 1 ? 'device' : 'devices'}`
              }; their alerts are suppressed)`
            : null}
        </span>
      ))}
      {degraded === null ? null : (
        <span className="site-flag" data-flag="degraded" data-testid="site-degraded">
          <span className="site-flag__word">DEGRADED</span> {degraded}
        </span>
      )}
      {ahead === 0 ? null : (
        <span
          className="site-flag"
          data-flag="clock-ahead"
          data-testid="site-clock-ahead"
          title={`The site sent times more than ${skew} ahead of the hub's clock`}
        >
          <span className="site-flag__word">CLOCK AHEAD</span>
          {detailed
            ? ` ${ahead} ${ahead === 1 ? 'time' : 'times'} more than ${skew} ahead of the hub's clock`
            : null}
        </span>
      )}
    </span>
  );
}

import { useClockSkewMs } from '../../clock/use-clock-skew.js';
import { formatSpan } from '../../format/time.js';
import { useFleet } from '../../store/store-context.js';

interface SiteFlagsProps {
  readonly siteId: string;
  /** The site view says how many timestamps were ahead; a tile only that some were. */
  readonly detailed?: boolean;
}

/**
 * What the hub found wrong with a site besides its connection state, shown next to it (never in
 * its place): over a budget ("DEGRADED" and the hub's reason), and a clock running ahead of the
 * hub's. Its own subscriptions, to values that change only when a flag does (a tile selects
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
  if (degraded === null && ahead === 0) return null;
  return (
    <span className="site-flags">
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

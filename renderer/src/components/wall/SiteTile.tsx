import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { reportRender } from '../../debug/render-probe.js';
import { siteHref } from '../../routing/hash-route.js';
import { EMPTY_ALERTS, EMPTY_DEVICES } from '../../store/fleet-data.js';
import { severityCounts, statusCounts } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { useSiteRollup } from '../../status/use-site-rollup.js';
import { useShownSiteState } from '../../status/use-site-state.js';
import { Age } from '../common/Age.js';
import { ConnectionState } from '../common/ConnectionState.js';
import { SiteFlags } from '../common/SiteFlags.js';
import { NameText } from '../site/NameText.js';
import { DeviceGrid } from './DeviceGrid.js';
import { AlertCount, DeviceCounts, RollupWord } from './TileSummary.js';

/** Big sites take more columns, so their grid stays a block rather than a long strip. */
function columnSpan(devices: number): number {
  if (devices > 480) return 3;
  if (devices > 160) return 2;
  return 1;
}

/** The age of the site's data: its own subscription, so a heartbeat renders only this text. */
function SiteAge({ siteId }: { siteId: string }) {
  const since = useFleet((s) => s.sites.get(siteId)?.health.lastEventAt ?? null);
  return <Age since={since} testId="site-age" className="age site-tile__age" />;
}

/**
 * One site on the wall: who, how it is (its roll-up), how fresh that is, what the hub found wrong with it
 * (degraded, clock ahead: SiteFlags, which subscribes by itself), and its devices. It selects only
 * what it shows (names, counts, its shown state), so it re-renders when one of those changes: not
 * on a clock tick, not when a heartbeat moves the site's last-event time.
 */
export const SiteTile = memo(function SiteTile({ siteId }: { siteId: string }) {
  const names = useFleet(
    useShallow((s) => {
      const site = s.sites.get(siteId);
      return site ? { name: site.name, customer: site.customer } : null;
    }),
  );
  const shown = useShownSiteState(siteId);
  const counts = useFleet(useShallow((s) => statusCounts(s.devices.get(siteId) ?? EMPTY_DEVICES)));
  const alerts = useFleet(useShallow((s) => severityCounts(s.alerts.get(siteId) ?? EMPTY_ALERTS)));
  const rollup = useSiteRollup(siteId, shown !== null && !shown.stale);
  reportRender('site-tile', siteId);
  if (!names || !shown) return null;

  return (
    <article
      className="site-tile"
      data-testid="site-tile"
      data-site-id={siteId}
      data-state={shown.state}
      data-stale={shown.stale}
      data-rollup={rollup}
      style={{ gridColumn: `span ${columnSpan(counts.total)}` }}
    >
      <div className="site-tile__head">
        {/* The link covers the whole tile (CSS): one click target, reachable by keyboard. */}
        <a className="site-tile__name" href={siteHref(siteId)}>
          {/* The hub falls back to the name the site announces: untrusted, like device names. */}
          <NameText name={names.name} id={siteId} />
        </a>
        <bdi className="site-tile__customer">{names.customer}</bdi>
        <RollupWord rollup={rollup} devices={counts.total} />
      </div>
      <div className="site-tile__status">
        <span className="site-tile__freshness">
          <ConnectionState state={shown.state} reason={shown.reason} />
          <SiteAge siteId={siteId} />
        </span>
        <div className="site-tile__summary">
          <DeviceCounts counts={counts} />
          <AlertCount counts={alerts} />
        </div>
      </div>
      <SiteFlags siteId={siteId} />
      <DeviceGrid siteId={siteId} stale={shown.stale} />
    </article>
  );
});

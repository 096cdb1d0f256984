import { memo, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { navigate, siteHref } from '../../routing/hash-route.js';
import { EMPTY_ALERTS, EMPTY_DEVICES } from '../../store/fleet-data.js';
import { severityCounts, statusCounts, worstStatus } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { useShownSiteState } from '../../status/use-site-state.js';
import { Age } from '../common/Age.js';
import { ConnectionState } from '../common/ConnectionState.js';
import { DeviceGrid } from './DeviceGrid.js';
import { AlertCount, DeviceCounts, WorstStatus } from './TileSummary.js';

/** Big sites take more columns, so their grid stays a block rather than a long strip. */
function columnSpan(devices: number): number {
  if (devices > 480) return 3;
  if (devices > 160) return 2;
  return 1;
}

/** One site on the wall: who, how it is, how fresh that is, and its devices. */
export const SiteTile = memo(function SiteTile({ siteId }: { siteId: string }) {
  const site = useFleet((s) => s.sites.get(siteId));
  const shown = useShownSiteState(siteId);
  const counts = useFleet(useShallow((s) => statusCounts(s.devices.get(siteId) ?? EMPTY_DEVICES)));
  const alerts = useFleet(useShallow((s) => severityCounts(s.alerts.get(siteId) ?? EMPTY_ALERTS)));
  if (!site || !shown) return null;

  const stale = shown.stale;
  const worst = worstStatus(counts);
  const href = siteHref(siteId);
  // The whole tile is the click target (a wall is used with a mouse, if at all); the name link
  // gives keyboards the same way in, its click bubbling here.
  const open = (event: MouseEvent) => {
    event.preventDefault();
    navigate(href);
  };
  return (
    <article
      className="site-tile"
      data-testid="site-tile"
      data-site-id={siteId}
      data-state={shown.state}
      data-stale={stale}
      data-worst={worst ?? 'none'}
      style={{ gridColumn: `span ${columnSpan(counts.total)}` }}
      onClick={open}
    >
      <div className="site-tile__head">
        <a className="site-tile__name" href={href}>
          {site.name}
        </a>
        <span className="site-tile__customer">{site.customer}</span>
        <WorstStatus worst={worst} />
      </div>
      <div className="site-tile__status">
        <span className="site-tile__freshness">
          <ConnectionState state={shown.state} reason={shown.reason} />
          <Age since={site.health.lastEventAt} testId="site-age" className="age site-tile__age" />
        </span>
        <span className="site-tile__summary">
          <DeviceCounts counts={counts} />
          <AlertCount counts={alerts} />
        </span>
      </div>
      <DeviceGrid siteId={siteId} stale={stale} />
    </article>
  );
});

import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { reportRender } from '../../debug/render-probe.js';
import { fleetStatusCounts, wallOrder } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { useNotLiveSiteIds } from '../../status/use-not-live-sites.js';
import { useSiteDownShare } from '../../status/use-site-rollup.js';
import { ErrorBoundary } from '../common/ErrorBoundary.js';
import { siteData } from '../common/reset-keys.js';
import { SiteTile } from './SiteTile.js';

export type WallDensity = 'roomy' | 'normal' | 'dense';

/**
 * How big to draw: a small fleet gets big cells and tiles (read from across the room), a large
 * one the dense grid that fits 1,500 devices on a 1920×1080 screen.
 */
export function wallDensity(devices: number): WallDensity {
  if (devices <= 300) return 'roomy';
  if (devices <= 800) return 'normal';
  return 'dense';
}

/**
 * A tile inside its own error boundary: one site's bad data blanks that tile, not the wall, and
 * the tile is drawn again when that site's data changes.
 */
const GuardedTile = memo(function GuardedTile({ siteId }: { siteId: string }) {
  const name = useFleet((s) => s.sites.get(siteId)?.name ?? siteId);
  const resetKey = useMemo(() => siteData(siteId), [siteId]);
  return (
    <ErrorBoundary scope={`tile:${siteId}`} what={name} look="tile" resetKey={resetKey}>
      <SiteTile siteId={siteId} />
    </ErrorBoundary>
  );
});

/**
 * Every site at once, for the wall screen, worst roll-up first and by name within a roll-up
 * (wallOrder): the list re-renders only when that order changes.
 */
export function WallView() {
  const notLive = useNotLiveSiteIds();
  const share = useSiteDownShare();
  const siteIds = useFleet(useShallow((s) => wallOrder(s.sites, s.devices, notLive, share)));
  const density = useFleet((s) => wallDensity(fleetStatusCounts(s.devices).total));
  const loaded = useFleet((s) => s.version !== null);
  reportRender('wall-view', 'wall');
  return (
    <div className="wall" data-testid="wall-view" data-density={density}>
      {siteIds.length === 0 ? (
        <p className="wall__empty">{loaded ? 'No sites configured.' : 'Waiting for the hub…'}</p>
      ) : (
        siteIds.map((id) => <GuardedTile key={id} siteId={id} />)
      )}
    </div>
  );
}

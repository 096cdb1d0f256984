import { DEFAULT_SITE_DOWN_SHARE, type SiteRollup } from '../../../shared/fleet/site-rollup.js';
import { EMPTY_DEVICES } from '../store/fleet-data.js';
import { cachedDevicesRollup } from '../store/selectors.js';
import { useFleet } from '../store/store-context.js';

/** The hub's configured share (AppInfo), the shared default until the hub has said it. */
export function useSiteDownShare(): number {
  return useFleet((s) => s.info?.siteDownShare ?? DEFAULT_SITE_DOWN_SHARE);
}

/**
 * A site's roll-up, selected as a string: the tile re-renders when the word changes, not when a
 * device changes within the same roll-up. `linkLive` is the board's shown state (not the hub's).
 */
export function useSiteRollup(siteId: string, linkLive: boolean): SiteRollup {
  const share = useSiteDownShare();
  const fromDevices = useFleet((s) =>
    cachedDevicesRollup(s.devices.get(siteId) ?? EMPTY_DEVICES, share),
  );
  return linkLive ? fromDevices : 'unreachable';
}

import { useServerNow } from '../clock/use-server-now.js';
import { useFleet } from '../store/store-context.js';
import { shownSiteState, type ShownState } from './site-freshness.js';

/** The state the board shows for a site, re-judged every second by the shared clock. */
export function useShownSiteState(siteId: string): (ShownState & { stale: boolean }) | null {
  const health = useFleet((s) => s.sites.get(siteId)?.health);
  const connected = useFleet((s) => s.connected);
  const thresholds = useFleet((s) => s.info?.thresholds ?? null);
  const now = useServerNow(1000);
  if (!health) return null;
  const shown = shownSiteState(health, connected, now, thresholds);
  return { ...shown, stale: shown.state !== 'live' };
}

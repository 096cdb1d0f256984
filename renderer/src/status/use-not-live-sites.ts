import { useMemo } from 'react';
import { useServerNow } from '../clock/use-server-now.js';
import { useFleet } from '../store/store-context.js';
import { shownSiteState } from './site-freshness.js';

/** Ids of the sites the board does not show as live right now (same rule as their tiles). */
export function useNotLiveSiteIds(): ReadonlySet<string> {
  const sites = useFleet((s) => s.sites);
  const connected = useFleet((s) => s.connected);
  const thresholds = useFleet((s) => s.info?.thresholds ?? null);
  const now = useServerNow(1000);
  return useMemo(() => {
    const ids = new Set<string>();
    for (const site of sites.values()) {
      if (shownSiteState(site.health, connected, now, thresholds).state !== 'live')
        ids.add(site.id);
    }
    return ids;
  }, [sites, connected, thresholds, now]);
}

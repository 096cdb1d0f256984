import { useCallback, useSyncExternalStore } from 'react';
import { useFreshnessTracker } from './freshness-context.js';
import type { ShownSiteState } from './freshness-tracker.js';

/**
 * The state the board shows for a site. Subscribed to that site alone: the component re-renders
 * when this site's state flips (new data, or its data aging into stale or down), never on a tick.
 */
export function useShownSiteState(siteId: string): ShownSiteState | null {
  const tracker = useFreshnessTracker();
  const subscribe = useCallback(
    (listener: () => void) => tracker.subscribeSite(siteId, listener),
    [tracker, siteId],
  );
  return useSyncExternalStore(subscribe, () => tracker.siteState(siteId));
}

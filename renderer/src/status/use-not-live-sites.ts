import { useCallback, useSyncExternalStore } from 'react';
import { useFreshnessTracker } from './freshness-context.js';

/** Ids of the sites the board does not show as live right now (same rule as their tiles). */
export function useNotLiveSiteIds(): ReadonlySet<string> {
  const tracker = useFreshnessTracker();
  const subscribe = useCallback(
    (listener: () => void) => tracker.subscribeNotLive(listener),
    [tracker],
  );
  return useSyncExternalStore(subscribe, () => tracker.notLiveIds());
}

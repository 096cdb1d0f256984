import { isHubAlert } from '../../../shared/alerts/hub-alerts.js';
import type { Clock } from '../../../shared/clock.js';
import type { FleetState } from '../fleet/fleet-state.js';
import type { StoreWriter } from '../store/store-writer.js';

/**
 * The hub's own alerts go to the store's alert history as they change (the sites' go with their
 * events; electron/hub/store/hub-alert-history.ts). Subscribe before any site is restored, as a
 * restored site's watchers may raise them at once. Returns the unsubscribe.
 */
export function recordHubAlerts(
  fleet: Pick<FleetState, 'subscribe' | 'hubAlert'>,
  writer: Pick<StoreWriter, 'hubAlert'>,
  clock: Clock,
): () => void {
  return fleet.subscribe(({ changes }) => {
    for (const change of changes) {
      if (change.kind !== 'alert' || !isHubAlert(change.id)) continue;
      // As it is now: a raise already cleared again by the time this listener runs is left to
      // the clear's own change (a clear of what the store never had writes nothing).
      const alert = change.removed ? null : fleet.hubAlert(change.siteId, change.id);
      if (alert === undefined) continue;
      writer.hubAlert(change.siteId, change.id, alert, clock.now());
    }
  });
}

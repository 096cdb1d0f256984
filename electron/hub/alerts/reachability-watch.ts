import { SITE_UNREACHABLE_ID } from '../../../shared/alerts/hub-alerts.js';
import type { Clock } from '../../../shared/clock.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { raiseHubAlert } from './raise-hub-alert.js';
import { nameOrId } from '../../../shared/text/untrusted-text.js';

type Fleet = Pick<FleetState, 'subscribe' | 'site' | 'sites' | 'hubAlert' | 'setHubAlert'>;

/**
 * A site the hub cannot reach, as the hub's own alert on it: "<site> unreachable" (disaster),
 * raised when the site's health turns down (no current data for `downAfterSeconds`), kept while
 * it stays down or stale, cleared once it is live again (a refused site, one that answers with
 * the wrong token or id, is a configuration problem the board shows as such, not an outage). It is the headline of the
 * site's root incident (every other alert of the site folds under it), it is listed,
 * acknowledged and shown on the wall like any alert, and it opens the SLA incident of a site
 * down as a whole (docs/alerts.md, docs/sla.md). A stale site raises nothing yet: a blip is not
 * an outage.
 */
export class ReachabilityWatch {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly fleet: Fleet,
    private readonly clock: Clock,
  ) {
    this.unsubscribe = fleet.subscribe((batch) => {
      for (const change of batch.changes) {
        if (change.kind === 'site') this.check(change.siteId);
      }
    });
  }

  /** Looks at every site once (a hub that starts with sites already down). */
  start(): void {
    for (const site of this.fleet.sites()) this.check(site.id);
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** No timers: it follows the fleet's feed alone. */
  get openResources(): number {
    return 0;
  }

  private check(siteId: string): void {
    const site = this.fleet.site(siteId);
    if (!site) return;
    const { state, reason } = site.health;
    if (state === 'down') {
      const facts = {
        id: SITE_UNREACHABLE_ID,
        deviceId: null,
        check: 'hub:reachability',
        severity: 'disaster' as const,
        title: `${nameOrId(site.name, siteId)} unreachable`,
        detail: reason ?? 'The hub has no current data from the site.',
      };
      raiseHubAlert(this.fleet, siteId, facts, this.clock.now());
    } else if (state === 'live' && this.fleet.hubAlert(siteId, SITE_UNREACHABLE_ID)) {
      this.fleet.setHubAlert(siteId, SITE_UNREACHABLE_ID, null);
    }
  }
}

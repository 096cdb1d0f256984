import type { Clock } from '../../shared/clock.js';
import { isHubAlert } from '../../shared/alerts/hub-alerts.js';
import type { ActionLog } from './acks/action-log.js';
import { AckOutbox } from './acks/ack-outbox.js';
import { actOnHubAlert } from './alerts/hub-alert-acts.js';
import type { FleetState } from './fleet/fleet-state.js';
import type { SiteLink } from './links/site-link.js';

export interface HubOutboxDeps {
  readonly clock: Clock;
  readonly log: ActionLog;
  readonly fleet: FleetState;
  /** The hub's links by site id: a site's actions go out through its link. */
  readonly links: ReadonlyMap<string, SiteLink>;
  readonly random?: () => number;
}

/**
 * The hub's AckOutbox: an action on one of the hub's own alerts is carried out here, at once;
 * a site's goes to the site through its link, while it streams.
 */
export function hubOutbox(deps: HubOutboxDeps): AckOutbox {
  const { clock, fleet, links } = deps;
  const linkOf = (siteId: string): SiteLink => {
    const link = links.get(siteId);
    if (!link) throw new Error(`unknown site "${siteId}"`);
    return link;
  };
  return new AckOutbox({
    clock,
    log: deps.log,
    fleet,
    deliver: (action) =>
      isHubAlert(action.alertId)
        ? Promise.resolve(actOnHubAlert(fleet, action, clock.now()))
        : linkOf(action.siteId).deliver(action),
    streaming: (siteId) => links.get(siteId)?.streaming ?? false,
    local: (action) => isHubAlert(action.alertId),
    ...(deps.random ? { random: deps.random } : {}),
    onLogError: (error) => {
      console.error('hub: could not store an acknowledgement state:', error);
    },
    onSkipped: (action) => {
      console.warn(
        `hub: an acknowledgement (${action.ackId}) for site "${action.siteId}" was not resumed: the site is no longer configured`,
      );
    },
  });
}

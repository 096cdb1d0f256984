import type { SiteEvent } from '../../shared/protocol/events.js';
import type { SiteLinkConfig } from './config/hub-options.js';
import type { ClockSkewMonitor } from './fleet/clock-skew.js';
import type { FleetState } from './fleet/fleet-state.js';
import type { SiteSink } from './links/link-types.js';
import type { StoreWriter } from './store/store-writer.js';

export interface SiteSinkDeps {
  readonly fleet: FleetState;
  /** The store's writer; null for a hub without a store. */
  readonly writer: StoreWriter | null;
  readonly clockSkew: ClockSkewMonitor;
  /** Re-derives the site's health now (a clock starting or stopping to run ahead). */
  readonly refreshHealth: (siteId: string) => void;
  readonly onApplied?: ((siteId: string, events: readonly SiteEvent[]) => void) | undefined;
}

/**
 * Where one site's link delivers what it validated: the fleet first (every window follows),
 * then the store's writer, in the order the site sent it. Its row (configured name and
 * customer, then its hello) goes to the store at once.
 */
export function siteSink(site: SiteLinkConfig, deps: SiteSinkDeps): SiteSink {
  const { fleet, writer, clockSkew, refreshHealth } = deps;
  const row = { id: site.id, name: site.name ?? site.id, customer: site.customer };
  writer?.site({ ...row, hello: null });
  return {
    hello: (hello) => {
      fleet.setInfo(site.id, hello);
      writer?.site({ ...row, name: site.name ?? hello.name, hello });
    },
    snapshot: (snapshot, appliedAt) => {
      fleet.replaceSite(site.id, snapshot);
      writer?.snapshot(site.id, snapshot, appliedAt);
      // A site whose clock starts (or stops) running ahead shows at once; the count of future
      // timestamps waits for the watchdog's round, or a fast site's every batch would be a site
      // update to every window.
      if (clockSkew.checkSnapshot(site.id, snapshot)) refreshHealth(site.id);
    },
    events: (events, stream, appliedAt) => {
      fleet.applyEvents(site.id, events);
      writer?.events(site.id, stream, events, appliedAt);
      // As for snapshots: a refresh only when the site starts or stops being ahead.
      if (clockSkew.checkEvents(site.id, events)) refreshHealth(site.id);
      deps.onApplied?.(site.id, events);
    },
    confirmed: (stream, seq, at) => {
      writer?.confirmed(site.id, stream, seq, at);
    },
  };
}

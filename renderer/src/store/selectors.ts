import type { SiteSummary } from '../../../shared/bridge/fleet-view.js';
import {
  devicesRollup,
  rollupRank,
  siteRollup,
  type SiteRollup,
} from '../../../shared/fleet/site-rollup.js';
import { SEVERITIES, severityRank, type Severity } from '../../../shared/protocol/alert.js';
import type { Device, DeviceStatus } from '../../../shared/protocol/device.js';
import { byName, isProblem, STATUS_ORDER, worstFirst } from '../../../shared/fleet/device-order.js';
import {
  countStatuses,
  zeroStatusCounts as zeroStatus,
  type StatusCounts,
} from '../../../shared/fleet/status-counts.js';
import { EMPTY_DEVICES, type AlertMap, type DeviceMap } from './fleet-data.js';
import { receivingSummary } from './receiving.js';

/**
 * Derived views of the store. Each is cached per input map in a WeakMap: the maps are immutable,
 * so a result is valid as long as its map lives, and goes with it (no growth over months).
 */
function cachedBy<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

export { STATUS_ORDER };
/** Worst first. */
export const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].reverse();

export type { StatusCounts };
export type SeverityCounts = Readonly<Record<Severity, number>> & { readonly total: number };

/**
 * A site's counts: the hub's, counted over all its devices, while they are still arriving in
 * parts (receiving.ts); else its own.
 */
export const statusCounts = cachedBy(
  (devices: DeviceMap): StatusCounts =>
    receivingSummary(devices)?.counts ?? countStatuses(devices.values()),
);

export const fleetStatusCounts = cachedBy(
  (devices: ReadonlyMap<string, DeviceMap>): StatusCounts => {
    const counts = zeroStatus();
    for (const site of devices.values()) {
      const perSite = statusCounts(site);
      for (const status of STATUS_ORDER) counts[status] += perSite[status];
      counts.total += perSite.total;
    }
    return counts;
  },
);

/**
 * Device statuses over the sites shown live, and how many devices belong to sites that are not:
 * a headline total must not count a dead site's last known "up" as current.
 */
export function liveStatusCounts(
  devices: ReadonlyMap<string, DeviceMap>,
  notLive: ReadonlySet<string>,
): { live: StatusCounts; notLive: number } {
  const live = zeroStatus();
  let stale = 0;
  for (const [siteId, site] of devices) {
    const perSite = statusCounts(site);
    if (notLive.has(siteId)) {
      stale += perSite.total;
      continue;
    }
    for (const status of STATUS_ORDER) live[status] += perSite[status];
    live.total += perSite.total;
  }
  return { live, notLive: stale };
}

/** The worst status present, or null for a site without devices. */
export function worstStatus(counts: StatusCounts): DeviceStatus | null {
  return STATUS_ORDER.find((status) => counts[status] > 0) ?? null;
}

const zeroSeverity = (): Record<Severity, number> & { total: number } => ({
  'not-classified': 0,
  information: 0,
  warning: 0,
  average: 0,
  high: 0,
  disaster: 0,
  total: 0,
});

export const severityCounts = cachedBy((alerts: AlertMap): SeverityCounts => {
  const counts = zeroSeverity();
  for (const alert of alerts.values()) counts[alert.severity] += 1;
  counts.total = alerts.size;
  return counts;
});

export const fleetSeverityCounts = cachedBy(
  (alerts: ReadonlyMap<string, AlertMap>): SeverityCounts => {
    const counts = zeroSeverity();
    for (const site of alerts.values()) {
      const perSite = severityCounts(site);
      for (const severity of SEVERITIES) counts[severity] += perSite[severity];
      counts.total += perSite.total;
    }
    return counts;
  },
);

export function worstSeverity(counts: SeverityCounts): Severity | null {
  return SEVERITY_ORDER.find((severity) => counts[severity] > 0) ?? null;
}

/** Sites by name: a stable place on the wall for each, whatever its state. */
export const sortedSiteIds = cachedBy((sites: ReadonlyMap<string, SiteSummary>) =>
  [...sites.values()].sort(byName).map((site) => site.id),
);

const rollups = new WeakMap<DeviceMap, { share: number; rollup: SiteRollup }>();

/**
 * A site's roll-up from its devices (its link taken as live), cached per devices map: a tile
 * selects it as a string on every store change, and a 200-device walk only runs when that site's
 * devices changed.
 */
export function cachedDevicesRollup(devices: DeviceMap, downShare: number): SiteRollup {
  const receiving = receivingSummary(devices);
  if (receiving) return receiving.rollup;
  const hit = rollups.get(devices);
  if (hit?.share === downShare) return hit.rollup;
  const rollup = devicesRollup(devices, downShare);
  rollups.set(devices, { share: downShare, rollup });
  return rollup;
}

/**
 * Each site's live place on the wall, for `ids`: its roll-up's rank (unreachable, down, degraded,
 * maintenance, ok; lower is worse). The wall sorts by it, worst first, holding a site that got
 * better in place for a while (layout/use-held-order.ts). Ranks move only when a roll-up changes,
 * never as counts move within one.
 */
export function wallRanks(
  ids: readonly string[],
  devices: ReadonlyMap<string, DeviceMap>,
  notLive: ReadonlySet<string>,
  downShare: number,
): number[] {
  return ids.map((id) =>
    rollupRank(
      notLive.has(id)
        ? siteRollup(false, EMPTY_DEVICES, downShare)
        : cachedDevicesRollup(devices.get(id) ?? EMPTY_DEVICES, downShare),
    ),
  );
}

/** Device ids in the hub's order: cells keep their place on the wall as statuses change. */
export const deviceIds = cachedBy((devices: DeviceMap) => [...devices.keys()]);

/** Device ids worst status first, then by name: the site table's order. */
export const deviceIdsWorstFirst = cachedBy((devices: DeviceMap) =>
  [...devices.values()].sort(worstFirst).map((device) => device.id),
);

/**
 * The devices a site's summary names: down, warning, unknown (worst first, then by name); up and
 * maintenance are in the counts only. Filters before it sorts: a 200-device site with three
 * problems sorts three, so a tile can ask again on every delta.
 */
export const problemDevices = cachedBy((devices: DeviceMap): readonly Device[] =>
  [...devices.values()].filter(isProblem).sort(worstFirst),
);

/** Alert ids worst severity first, then newest first. */
export const alertIdsWorstFirst = cachedBy((alerts: AlertMap) =>
  [...alerts.values()]
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        b.raisedAt - a.raisedAt ||
        a.id.localeCompare(b.id),
    )
    .map((alert) => alert.id),
);

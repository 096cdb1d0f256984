import type { ReceivingSite } from '../../../shared/bridge/fleet-view.js';
import type { DeviceMap } from './fleet-data.js';

/**
 * A site whose devices are still arriving in parts (FleetSnapshot `following`) holds only the
 * first of them: its counts and roll-up are the hub's, counted over all of them, until the last
 * part is in. They are kept here by the held devices map itself: the maps are immutable, so the
 * summary goes with the map it describes, and the whole map that replaces it has none.
 */
const summaries = new WeakMap<DeviceMap, ReceivingSite>();

export function markReceiving(devices: DeviceMap, site: ReceivingSite): void {
  summaries.set(devices, site);
}

/** The hub's summary of the site these devices are the first of; undefined when they are all. */
export function receivingSummary(devices: DeviceMap): ReceivingSite | undefined {
  return summaries.get(devices);
}

/**
 * `devices` (siteId → map) with every map that stands for a site still receiving replaced by a
 * copy: for the site made whole, or a snapshot that keeps the same devices. Not unmarked in
 * place: selectors cache what they worked out per map (the hub's counts among them), and a new
 * map is what tells them to work it out again.
 */
export function withoutReceiving(
  devices: ReadonlyMap<string, DeviceMap>,
): ReadonlyMap<string, DeviceMap> {
  let copy: Map<string, DeviceMap> | null = null;
  for (const [siteId, map] of devices) {
    if (!summaries.has(map)) continue;
    copy ??= new Map(devices);
    copy.set(siteId, new Map(map));
  }
  return copy ?? devices;
}

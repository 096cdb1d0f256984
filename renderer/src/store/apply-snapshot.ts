import type { FleetSnapshot } from '../../../shared/bridge/fleet-view.js';
import { reduceSnapshot, type DeviceMap } from '../../../shared/fleet/fleet-reducer.js';
import { reuseMap } from '../../../shared/fleet/map-draft.js';
import type { Device } from '../../../shared/protocol/device.js';
import type { FleetData, History, HistoryMap } from './fleet-data.js';
import { appendSample } from './history.js';
import { nextServerOffset } from './server-offset.js';

/** Histories of the devices listed, each with its current sample; devices gone lose theirs. */
export function siteHistory(
  previous: HistoryMap | undefined,
  devices: Iterable<Device>,
): HistoryMap {
  const next = new Map<string, History>();
  for (const device of devices) {
    const history = appendSample(previous?.get(device.id), device);
    if (history) next.set(device.id, history);
  }
  return reuseMap(previous, next);
}

/** Every site's history brought in line with its devices; untouched sites keep theirs. */
function fleetHistory(
  previous: FleetData['history'],
  devices: ReadonlyMap<string, DeviceMap>,
): FleetData['history'] {
  const next = new Map<string, HistoryMap>();
  for (const [siteId, siteDevices] of devices) {
    const histories = siteHistory(previous.get(siteId), siteDevices.values());
    // A site without devices needs no (fresh, empty) map of its own on every snapshot.
    if (histories.size > 0 || previous.has(siteId)) next.set(siteId, histories);
  }
  return reuseMap(previous, next);
}

/**
 * The state the snapshot shows (see reduceSnapshot), with recent histories of devices still
 * present kept and the hub's clock offset measured again.
 */
export function applySnapshot<S extends FleetData>(
  state: S,
  snapshot: FleetSnapshot,
  receivedAt: number,
): S {
  const reduced = reduceSnapshot(state, snapshot);
  const history =
    reduced.devices === state.devices
      ? state.history
      : fleetHistory(state.history, reduced.devices);
  const serverOffset = nextServerOffset(state.serverOffset, snapshot.at, receivedAt);
  if (reduced === state && history === state.history && serverOffset === state.serverOffset) {
    return state;
  }
  return { ...reduced, history, serverOffset };
}

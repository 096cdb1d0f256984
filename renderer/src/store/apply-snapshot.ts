import type { FleetSnapshot } from '../../../shared/bridge/fleet-view.js';
import type { ScreensState } from '../../../shared/bridge/screens.js';
import {
  EMPTY_DEVICES,
  reduceSnapshot,
  reduceSnapshotRest,
  type DeviceMap,
} from '../../../shared/fleet/fleet-reducer.js';
import { reuseMap } from '../../../shared/fleet/map-draft.js';
import type { Device } from '../../../shared/protocol/device.js';
import type { FleetData, HistoryMap } from './fleet-data.js';
import { appendSample, type HistoryRing } from './history.js';
import { markReceiving, withoutReceiving } from './receiving.js';
import { nextServerOffset } from './server-offset.js';

/**
 * Rings of exactly the devices listed, each with its current sample (a device re-sent unchanged,
 * as after a reconnect, adds no point); devices gone lose theirs. The same map when no device
 * gained or lost a ring: samples land in the rings themselves.
 */
export function siteHistory(
  previous: HistoryMap | undefined,
  devices: Iterable<Device>,
): HistoryMap {
  const next = new Map<string, HistoryRing>();
  for (const device of devices) {
    const ring = appendSample(previous?.get(device.id), device);
    if (ring) next.set(device.id, ring);
  }
  return reuseMap(previous, next);
}

/** Every site's rings brought in line with its devices; sites gone lose theirs. */
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

/** The screens' state unchanged (a new object each message): kept, so selectors see no change. */
export function sameScreens(a: ScreensState | null, b: ScreensState): boolean {
  return a !== null && a.version === b.version && a.identifyUntil === b.identifyUntil;
}

/**
 * The state the snapshot shows (see reduceSnapshot), with the rings of devices still present
 * kept (and fed their current sample) and the hub's clock offset measured again.
 */
export function applySnapshot<S extends FleetData>(
  state: S,
  snapshot: FleetSnapshot,
  receivedAt: number,
): S {
  const reducedModel = unmarked(reduceSnapshot(state, snapshot));
  const { devices, receiving } = receivingOf(reducedModel.devices, snapshot);
  const reduced = devices === reducedModel.devices ? reducedModel : { ...reducedModel, devices };
  const history =
    reduced.devices === state.devices
      ? state.history
      : fleetHistory(state.history, reduced.devices);
  const serverOffset = nextServerOffset(state.serverOffset, snapshot.at, receivedAt);
  const same =
    history === state.history &&
    serverOffset === state.serverOffset &&
    receiving.size === 0 &&
    state.receiving.size === 0;
  const screens = sameScreens(state.screens, snapshot.screens) ? state.screens : snapshot.screens;
  if (reduced === state && same && screens === state.screens) return state;
  return { ...reduced, history, serverOffset, screens, receiving };
}

/**
 * The state with no map left standing for a site still receiving: the last snapshot's heads (a
 * map this snapshot keeps, having the same devices; a site no part completed) stand for nothing
 * now.
 */
function unmarked<S extends FleetData>(state: S): S {
  const devices = withoutReceiving(state.devices);
  return devices === state.devices ? state : { ...state, devices };
}

/**
 * The sites still to be completed by parts, and the devices with each one's head marked with the
 * hub's summary. Marked as a copy of its own: a map a selector has already seen (one the snapshot
 * kept) may have its own counts cached against it.
 */
function receivingOf(
  devices: ReadonlyMap<string, DeviceMap>,
  snapshot: FleetSnapshot,
): { devices: ReadonlyMap<string, DeviceMap>; receiving: ReadonlyMap<string, number> } {
  const receiving = new Map<string, number>();
  let marked: Map<string, DeviceMap> | null = null;
  for (const site of snapshot.following?.sites ?? []) {
    const held = devices.get(site.siteId) ?? EMPTY_DEVICES;
    // A site the snapshot holds none of (a host that names one it did not send) has no map of
    // its own to mark: the shared empty one must never carry a site's summary.
    if (held.size === 0) continue;
    const head = new Map(held);
    markReceiving(head, site);
    marked ??= new Map(devices);
    marked.set(site.siteId, head);
    receiving.set(site.siteId, head.size);
  }
  return { devices: marked ?? devices, receiving };
}

/**
 * The snapshot completed: each big site's parts added to its head (reduceSnapshotRest), with a
 * ring for each device they brought. Nothing is left receiving.
 */
export function completeSnapshot<S extends FleetData>(
  state: S,
  rest: ReadonlyMap<string, readonly Device[]>,
): S {
  let next: S = state;
  for (const [siteId, devices] of rest) next = reduceSnapshotRest(next, siteId, devices);
  next = unmarked(next);
  const history =
    next.devices === state.devices ? state.history : fleetHistory(state.history, next.devices);
  return { ...next, history, receiving: new Map() };
}

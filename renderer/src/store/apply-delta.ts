import type { FleetDelta } from '../../../shared/bridge/fleet-view.js';
import { GAP, reduceDelta, type Gap } from '../../../shared/fleet/fleet-reducer.js';
import { NestedMapDraft } from '../../../shared/fleet/map-draft.js';
import { sameScreens, siteHistory } from './apply-snapshot.js';
import type { FleetData } from './fleet-data.js';
import { appendSample, type HistoryRing } from './history.js';
import { nextServerOffset } from './server-offset.js';

export { GAP, type Gap } from '../../../shared/fleet/fleet-reducer.js';

const EMPTY_HISTORIES: ReadonlyMap<string, HistoryRing> = new Map();

/**
 * Rings after `delta`, given the devices it left (`devices` of the reduced state). Samples are
 * appended to the rings in place; a site's map is copied only when a device gains its first ring,
 * is removed, or the site is reset (which keeps rings of exactly the devices it lists).
 */
function deltaHistory(
  previous: FleetData['history'],
  devices: FleetData['devices'],
  delta: FleetDelta,
): FleetData['history'] {
  const history = new NestedMapDraft<HistoryRing>(previous, EMPTY_HISTORIES);
  for (const { siteId } of delta.resets) {
    history.replace(siteId, siteHistory(previous.get(siteId), devices.get(siteId)?.values() ?? []));
  }
  for (const { siteId, device } of delta.devices) {
    const siteHistories = history.site(siteId);
    const ring = appendSample(siteHistories.get(device.id), device);
    // The same ring is a no-op for the draft: only a new ring copies the site's map.
    if (ring) siteHistories.set(device.id, ring);
  }
  // A patched device's sample: the device as reduced (its patch holds the same metrics).
  for (const { siteId, id } of delta.devicePatches) {
    const device = devices.get(siteId)?.get(id);
    if (device === undefined) continue;
    const siteHistories = history.site(siteId);
    const ring = appendSample(siteHistories.get(id), device);
    if (ring) siteHistories.set(id, ring);
  }
  for (const { siteId, id } of delta.removedDevices) history.site(siteId).delete(id);
  return history.result();
}

/**
 * The state after `delta` (see reduceDelta), with each changed device's new metric sample
 * appended to its ring and the hub's clock offset followed; the same state when the delta
 * adds nothing, or GAP when deltas were missed. The rings are shared with `state` and written in
 * place (one model of history, no copies): the result supersedes `state`.
 */
export function applyDelta<S extends FleetData>(
  state: S,
  delta: FleetDelta,
  receivedAt: number,
): S | Gap {
  const reduced = reduceDelta(state, delta);
  if (reduced === GAP || reduced === state) return reduced;
  return {
    ...reduced,
    serverOffset: nextServerOffset(state.serverOffset, delta.at, receivedAt),
    history: deltaHistory(state.history, reduced.devices, delta),
    screens: sameScreens(state.screens, delta.screens) ? state.screens : delta.screens,
  };
}

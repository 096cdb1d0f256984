import type { FleetDelta } from '../../../shared/bridge/fleet-view.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { Device } from '../../../shared/protocol/device.js';
import { mergeEntities, siteHistory } from './apply-snapshot.js';
import { EMPTY_ALERTS, EMPTY_DEVICES, type FleetData, type History } from './fleet-data.js';
import { appendSample } from './history.js';
import { MapDraft, NestedMapDraft } from './map-draft.js';
import { keep, sameAlert, sameDevice, sameSiteSummary } from './same.js';
import { nextServerOffset } from './server-offset.js';

/** Returned instead of a state when a delta does not follow ours: ask for a snapshot again. */
export const GAP: unique symbol = Symbol('fleet-gap');
export type Gap = typeof GAP;

const EMPTY_HISTORIES: ReadonlyMap<string, History> = new Map();

/**
 * The state after `delta`, the same state object when the delta adds nothing (already covered
 * by our snapshot), or GAP when deltas were missed (or no snapshot was applied yet).
 */
export function applyDelta<S extends FleetData>(
  state: S,
  delta: FleetDelta,
  receivedAt: number = Date.now(),
): S | Gap {
  if (state.version === null) return GAP;
  // Sent before the snapshot we hold was taken: its changes are in that snapshot already.
  if (delta.version <= state.version) return state;
  if (delta.previous !== state.version) return GAP;

  const sites = new MapDraft(state.sites);
  for (const site of delta.sites)
    sites.set(site.id, keep(sites.get(site.id), site, sameSiteSummary));

  const devices = new NestedMapDraft<Device>(state.devices, EMPTY_DEVICES);
  const alerts = new NestedMapDraft<Alert>(state.alerts, EMPTY_ALERTS);
  const history = new NestedMapDraft<History>(state.history, EMPTY_HISTORIES);

  // Resets first: a delta never mixes a reset with edits of the same site, but if it did, the
  // edits are the later news.
  for (const reset of delta.resets) {
    const siteDevices = mergeEntities(state.devices.get(reset.siteId), reset.devices, sameDevice);
    devices.replace(reset.siteId, siteDevices);
    alerts.replace(
      reset.siteId,
      mergeEntities(state.alerts.get(reset.siteId), reset.alerts, sameAlert),
    );
    history.replace(
      reset.siteId,
      siteHistory(state.history.get(reset.siteId), siteDevices.values()),
    );
  }
  for (const { siteId, device } of delta.devices) {
    const siteDevices = devices.site(siteId);
    const next = keep(siteDevices.get(device.id), device, sameDevice);
    siteDevices.set(device.id, next);
    const siteHistories = history.site(siteId);
    const points = appendSample(siteHistories.get(device.id), next);
    if (points) siteHistories.set(device.id, points);
  }
  for (const { siteId, id } of delta.removedDevices) {
    devices.site(siteId).delete(id);
    history.site(siteId).delete(id);
  }
  for (const { siteId, alert } of delta.alerts) {
    const siteAlerts = alerts.site(siteId);
    siteAlerts.set(alert.id, keep(siteAlerts.get(alert.id), alert, sameAlert));
  }
  for (const { siteId, id } of delta.removedAlerts) alerts.site(siteId).delete(id);

  return {
    ...state,
    version: delta.version,
    serverOffset: nextServerOffset(state.serverOffset, delta.at, receivedAt),
    sites: sites.result(),
    devices: devices.result(),
    alerts: alerts.result(),
    history: history.result(),
  };
}

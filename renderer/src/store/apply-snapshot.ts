import type { FleetSnapshot, SiteSummary } from '../../../shared/bridge/fleet-view.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { Device } from '../../../shared/protocol/device.js';
import {
  EMPTY_ALERTS,
  EMPTY_DEVICES,
  type AlertMap,
  type DeviceMap,
  type FleetData,
  type History,
  type HistoryMap,
} from './fleet-data.js';
import { appendSample } from './history.js';
import { keep, sameAlert, sameDevice, sameSiteSummary } from './same.js';
import { nextServerOffset } from './server-offset.js';

/** `previous` itself when `next` holds the same keys with the same values, else `next`. */
export function reuseMap<K, V>(previous: ReadonlyMap<K, V> | undefined, next: Map<K, V>) {
  if (previous?.size !== next.size) return next;
  for (const [key, value] of next) if (previous.get(key) !== value) return next;
  return previous;
}

/** A site's entities as a map, keeping every object (and the map) that did not change. */
export function mergeEntities<T extends { readonly id: string }>(
  previous: ReadonlyMap<string, T> | undefined,
  incoming: readonly T[],
  same: (a: T, b: T) => boolean,
): ReadonlyMap<string, T> {
  const next = new Map<string, T>();
  for (const entity of incoming) next.set(entity.id, keep(previous?.get(entity.id), entity, same));
  return reuseMap(previous, next);
}

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

/**
 * The state the snapshot shows. Everything is replaced, but unchanged sites, devices and alerts
 * keep their objects, so a re-subscribe after a reconnect re-renders only what really changed;
 * recent histories of devices still present are kept.
 */
export function applySnapshot<S extends FleetData>(
  state: S,
  snapshot: FleetSnapshot,
  receivedAt: number = Date.now(),
): S {
  const sites = new Map<string, SiteSummary>();
  for (const site of snapshot.sites) {
    sites.set(site.id, keep(state.sites.get(site.id), site, sameSiteSummary));
  }
  const devices = new Map<string, DeviceMap>();
  const alerts = new Map<string, AlertMap>();
  const history = new Map<string, HistoryMap>();
  for (const content of snapshot.contents) {
    const siteDevices = mergeEntities(
      state.devices.get(content.siteId),
      content.devices,
      sameDevice,
    );
    devices.set(content.siteId, siteDevices);
    alerts.set(
      content.siteId,
      mergeEntities<Alert>(state.alerts.get(content.siteId), content.alerts, sameAlert),
    );
    history.set(
      content.siteId,
      siteHistory(state.history.get(content.siteId), siteDevices.values()),
    );
  }
  // Sites listed without contents still get (empty) maps, so lookups need no special case.
  for (const id of sites.keys()) {
    if (!devices.has(id)) devices.set(id, EMPTY_DEVICES);
    if (!alerts.has(id)) alerts.set(id, EMPTY_ALERTS);
  }
  const next = {
    version: snapshot.version,
    serverOffset: nextServerOffset(state.serverOffset, snapshot.at, receivedAt),
    sites: reuseMap(state.sites, sites),
    devices: reuseMap(state.devices, devices),
    alerts: reuseMap(state.alerts, alerts),
    history: reuseMap(state.history, history),
  };
  const unchanged = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === state[k]);
  return unchanged ? state : { ...state, ...next };
}

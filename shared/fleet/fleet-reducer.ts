import type { CheckRecord } from '../alerts/check-record.js';
import type { TechnicianAction } from '../alerts/technician-action.js';
import type { FleetDelta, FleetSnapshot, SiteSummary } from '../bridge/fleet-view.js';
import type { Alert } from '../protocol/alert.js';
import type { Device } from '../protocol/device.js';
import type { Incident } from '../sla/incident.js';
import { patchedDevice } from './device-patch.js';
import { keepUnchanged } from './json-equal.js';
import { MapDraft, NestedMapDraft, reuseMap } from './map-draft.js';

/**
 * The fleet as a bridge client knows it, and the one pure way to move it on with a snapshot or
 * a delta. The renderer's store layers its own concerns (metric history, clock offset) on top;
 * tests and any future client use it as is.
 */

export type DeviceMap = ReadonlyMap<string, Device>;
export type AlertMap = ReadonlyMap<string, Alert>;
/** alertId → technicians' latest action on it. */
export type ActionMap = ReadonlyMap<string, TechnicianAction>;
/** Check key → its record (raised again lately, or flapping). */
export type CheckMap = ReadonlyMap<string, CheckRecord>;
/** Incident id → the incident. */
export type IncidentMap = ReadonlyMap<string, Incident>;

/**
 * Maps are replaced, never mutated: a change makes a new outer map and a new inner map for the
 * changed site only, and an entity equal to the one held keeps the old object, so selectors can
 * compare by identity.
 */
export interface FleetModel {
  /** Fleet version of the last snapshot or delta applied; null before the first snapshot. */
  readonly version: number | null;
  readonly sites: ReadonlyMap<string, SiteSummary>;
  /** siteId → deviceId → device. */
  readonly devices: ReadonlyMap<string, DeviceMap>;
  /** siteId → alertId → open alert. */
  readonly alerts: ReadonlyMap<string, AlertMap>;
  /** siteId → alertId → the latest technician action (pending, confirmed or refused). */
  readonly actions: ReadonlyMap<string, ActionMap>;
  /** siteId → check key → its record. */
  readonly checks: ReadonlyMap<string, CheckMap>;
  /** siteId → incident id → the SLA incident. */
  readonly incidents: ReadonlyMap<string, IncidentMap>;
}

export const EMPTY_DEVICES: DeviceMap = new Map();
export const EMPTY_ALERTS: AlertMap = new Map();
export const EMPTY_ACTIONS: ActionMap = new Map();
export const EMPTY_CHECKS: CheckMap = new Map();
export const EMPTY_INCIDENTS: IncidentMap = new Map();

export const emptyFleetModel: FleetModel = {
  version: null,
  sites: new Map(),
  devices: new Map(),
  alerts: new Map(),
  actions: new Map(),
  checks: new Map(),
  incidents: new Map(),
};

/** Returned instead of a state when a delta does not follow ours: ask for a snapshot again. */
export const GAP: unique symbol = Symbol('fleet-gap');
export type Gap = typeof GAP;

/** A site's entities as a map, keeping every object (and the map) that did not change. */
export function mergeEntities<T extends { readonly id: string }>(
  previous: ReadonlyMap<string, T> | undefined,
  incoming: readonly T[],
): ReadonlyMap<string, T> {
  const next = new Map<string, T>();
  for (const entity of incoming)
    next.set(entity.id, keepUnchanged(previous?.get(entity.id), entity));
  return reuseMap(previous, next);
}

/** A site's check records as a map by key, keeping every unchanged object (and the map). */
function mergeChecks(previous: CheckMap | undefined, incoming: readonly CheckRecord[]): CheckMap {
  const next = new Map<string, CheckRecord>();
  for (const check of incoming) next.set(check.key, keepUnchanged(previous?.get(check.key), check));
  return reuseMap(previous, next);
}

/** A site's actions as a map by alert id, keeping every object (and the map) that did not change. */
function mergeActions(
  previous: ActionMap | undefined,
  incoming: readonly TechnicianAction[],
): ActionMap {
  const next = new Map<string, TechnicianAction>();
  for (const action of incoming) {
    next.set(action.alertId, keepUnchanged(previous?.get(action.alertId), action));
  }
  return reuseMap(previous, next);
}

/** `state` itself when none of the model's fields changed, else `state` with the new ones. */
function withModel<S extends FleetModel>(state: S, next: FleetModel): S {
  const same =
    next.version === state.version &&
    next.sites === state.sites &&
    next.devices === state.devices &&
    next.alerts === state.alerts &&
    next.actions === state.actions &&
    next.checks === state.checks &&
    next.incidents === state.incidents;
  return same ? state : { ...state, ...next };
}

/**
 * The state the snapshot shows. Everything is replaced, but unchanged sites, devices and alerts
 * keep their objects, so a re-subscribe after a reconnect re-renders only what really changed.
 * Sites listed without contents still get (empty) maps, so lookups need no special case.
 */
export function reduceSnapshot<S extends FleetModel>(state: S, snapshot: FleetSnapshot): S {
  const sites = new Map<string, SiteSummary>();
  for (const site of snapshot.sites)
    sites.set(site.id, keepUnchanged(state.sites.get(site.id), site));
  const devices = new Map<string, DeviceMap>();
  const alerts = new Map<string, AlertMap>();
  const actions = new Map<string, ActionMap>();
  const checks = new Map<string, CheckMap>();
  const incidents = new Map<string, IncidentMap>();
  for (const content of snapshot.contents) {
    incidents.set(
      content.siteId,
      mergeEntities(state.incidents.get(content.siteId), content.incidents),
    );
    checks.set(content.siteId, mergeChecks(state.checks.get(content.siteId), content.checks));
    devices.set(content.siteId, mergeEntities(state.devices.get(content.siteId), content.devices));
    alerts.set(content.siteId, mergeEntities(state.alerts.get(content.siteId), content.alerts));
    actions.set(content.siteId, mergeActions(state.actions.get(content.siteId), content.actions));
  }
  for (const id of sites.keys()) {
    if (!devices.has(id)) devices.set(id, EMPTY_DEVICES);
    if (!alerts.has(id)) alerts.set(id, EMPTY_ALERTS);
    if (!actions.has(id)) actions.set(id, EMPTY_ACTIONS);
    if (!checks.has(id)) checks.set(id, EMPTY_CHECKS);
    if (!incidents.has(id)) incidents.set(id, EMPTY_INCIDENTS);
  }
  return withModel(state, {
    version: snapshot.version,
    sites: reuseMap(state.sites, sites),
    devices: reuseMap(state.devices, devices),
    alerts: reuseMap(state.alerts, alerts),
    actions: reuseMap(state.actions, actions),
    checks: reuseMap(state.checks, checks),
    incidents: reuseMap(state.incidents, incidents),
  });
}

/**
 * The state with the rest of a big site's devices (FleetSnapshot `following`, sent as parts)
 * added to the head of them the snapshot carried. The version stays the snapshot's: parts are
 * the snapshot, completed, and no delta comes between them.
 */
export function reduceSnapshotRest<S extends FleetModel>(
  state: S,
  siteId: string,
  rest: readonly Device[],
): S {
  if (!state.sites.has(siteId) || rest.length === 0) return state;
  const devices = new NestedMapDraft<Device>(state.devices, EMPTY_DEVICES);
  const site = devices.site(siteId);
  for (const device of rest) site.set(device.id, keepUnchanged(site.get(device.id), device));
  return withModel(state, { ...modelOf(state), devices: devices.result() });
}

function modelOf(state: FleetModel): FleetModel {
  const { version, sites, devices, alerts, actions, checks, incidents } = state;
  return { version, sites, devices, alerts, actions, checks, incidents };
}

/**
 * The state after `delta`; the same state object when the delta adds nothing (already covered
 * by our snapshot); or GAP when deltas were missed (or no snapshot was applied yet, or a patch
 * names a device we do not hold).
 */
export function reduceDelta<S extends FleetModel>(state: S, delta: FleetDelta): S | Gap {
  if (state.version === null) return GAP;
  // Sent before the snapshot we hold was taken: its changes are in that snapshot already.
  if (delta.version <= state.version) return state;
  if (delta.previous !== state.version) return GAP;

  const sites = new MapDraft(state.sites);
  for (const site of delta.sites) sites.set(site.id, keepUnchanged(sites.get(site.id), site));

  const devices = new NestedMapDraft<Device>(state.devices, EMPTY_DEVICES);
  const alerts = new NestedMapDraft<Alert>(state.alerts, EMPTY_ALERTS);
  const actions = new NestedMapDraft<TechnicianAction>(state.actions, EMPTY_ACTIONS);
  const checks = new NestedMapDraft<CheckRecord>(state.checks, EMPTY_CHECKS);
  const incidents = new NestedMapDraft<Incident>(state.incidents, EMPTY_INCIDENTS);
  // Resets first: a delta never mixes a reset with edits of the same site, but if it did, the
  // edits are the later news.
  for (const reset of delta.resets) {
    devices.replace(reset.siteId, mergeEntities(state.devices.get(reset.siteId), reset.devices));
    alerts.replace(reset.siteId, mergeEntities(state.alerts.get(reset.siteId), reset.alerts));
    actions.replace(reset.siteId, mergeActions(state.actions.get(reset.siteId), reset.actions));
    checks.replace(reset.siteId, mergeChecks(state.checks.get(reset.siteId), reset.checks));
    incidents.replace(
      reset.siteId,
      mergeEntities(state.incidents.get(reset.siteId), reset.incidents),
    );
  }
  for (const { siteId, device } of delta.devices) {
    const siteDevices = devices.site(siteId);
    siteDevices.set(device.id, keepUnchanged(siteDevices.get(device.id), device));
  }
  for (const patch of delta.devicePatches) {
    const siteDevices = devices.site(patch.siteId);
    const held = siteDevices.get(patch.id);
    // A patch of a device we do not hold: our copy no longer follows the hub's.
    if (held === undefined) return GAP;
    siteDevices.set(patch.id, patchedDevice(held, patch));
  }
  for (const { siteId, id } of delta.removedDevices) devices.site(siteId).delete(id);
  for (const { siteId, alert } of delta.alerts) {
    const siteAlerts = alerts.site(siteId);
    siteAlerts.set(alert.id, keepUnchanged(siteAlerts.get(alert.id), alert));
  }
  for (const { siteId, id } of delta.removedAlerts) alerts.site(siteId).delete(id);
  for (const action of delta.actions) {
    const siteActions = actions.site(action.siteId);
    siteActions.set(action.alertId, keepUnchanged(siteActions.get(action.alertId), action));
  }
  for (const { siteId, id } of delta.removedActions) actions.site(siteId).delete(id);
  for (const check of delta.checks) {
    const siteChecks = checks.site(check.siteId);
    siteChecks.set(check.key, keepUnchanged(siteChecks.get(check.key), check));
  }
  for (const { siteId, key } of delta.removedChecks) checks.site(siteId).delete(key);
  for (const incident of delta.incidents) {
    const siteIncidents = incidents.site(incident.siteId);
    siteIncidents.set(incident.id, keepUnchanged(siteIncidents.get(incident.id), incident));
  }
  for (const { siteId, id } of delta.removedIncidents) incidents.site(siteId).delete(id);

  return withModel(state, {
    version: delta.version,
    sites: sites.result(),
    devices: devices.result(),
    alerts: alerts.result(),
    actions: actions.result(),
    checks: checks.result(),
    incidents: incidents.result(),
  });
}

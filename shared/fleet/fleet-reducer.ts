import type { FleetDelta, FleetSnapshot, SiteSummary } from '../bridge/fleet-view.js';
import type { Device } from '../protocol/device.js';
import { FleetDrafts } from './fleet-drafts.js';
import {
  EMPTY_ACTIONS,
  EMPTY_ALERTS,
  EMPTY_CHECKS,
  EMPTY_DEVICES,
  EMPTY_INCIDENTS,
  GAP,
  type ActionMap,
  type AlertMap,
  type CheckMap,
  type DeviceMap,
  type FleetModel,
  type Gap,
  type IncidentMap,
} from './fleet-model.js';
import { mergeActions, mergeChecks, mergeEntities, withModel } from './fleet-merge.js';
import { keepUnchanged } from './json-equal.js';
import { NestedMapDraft, reuseMap } from './map-draft.js';

/**
 * The fleet as a bridge client knows it, and the one pure way to move it on with a snapshot or
 * a delta. The renderer's store layers its own concerns (metric history, clock offset) on top;
 * tests and any future client use it as is.
 */

// The model's types and empty maps, and the entity merge, for whoever moves it on with this reducer.
export * from './fleet-model.js';
export { mergeEntities } from './fleet-merge.js';

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

/** What became of one delta of a batch (reduceDeltas). */
export type DeltaOutcome =
  /** It moved the state on. */
  | 'applied'
  /** Sent before the snapshot (or a delta) we hold was taken: its changes are in it already. */
  | 'stale'
  /** Deltas were missed (or no snapshot was applied yet, or a patch names a device we do not
   * hold): ask for a snapshot again. The deltas after it were not looked at. */
  | 'gap';

export interface ReducedBatch<S> {
  /** The state after every delta up to the first gap (the same object when none added anything). */
  readonly state: S;
  /** One per delta looked at, in order; a 'gap' is the last. */
  readonly outcomes: readonly DeltaOutcome[];
}

/**
 * The state after a batch of deltas, in order, up to the first gap. One set of drafts serves the
 * whole batch: a site changed by several of its deltas gets one new map, not one per delta (at
 * bench:render's load (b) a batch holds two or three deltas, each touching every site).
 */
export function reduceDeltas<S extends FleetModel>(
  state: S,
  deltas: readonly FleetDelta[],
): ReducedBatch<S> {
  const outcomes: DeltaOutcome[] = [];
  let version = state.version;
  const drafts = new FleetDrafts(state);
  for (const [index, delta] of deltas.entries()) {
    if (version !== null && delta.version <= version) {
      outcomes.push('stale');
      continue;
    }
    if (version === null || delta.previous !== version) {
      outcomes.push('gap');
      return { state: drafts.result(state, version), outcomes };
    }
    if (!drafts.apply(delta)) {
      outcomes.push('gap');
      // The drafts hold part of this delta: the state is the one the deltas before it left.
      return { state: reduceDeltas(state, deltas.slice(0, index)).state, outcomes };
    }
    outcomes.push('applied');
    version = delta.version;
  }
  return { state: drafts.result(state, version), outcomes };
}

/**
 * The state after `delta`; the same state object when the delta adds nothing (already covered
 * by our snapshot); or GAP when deltas were missed (or no snapshot was applied yet, or a patch
 * names a device we do not hold).
 */
export function reduceDelta<S extends FleetModel>(state: S, delta: FleetDelta): S | Gap {
  const { state: next, outcomes } = reduceDeltas(state, [delta]);
  return outcomes[0] === 'gap' ? GAP : next;
}

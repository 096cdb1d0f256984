import type { CheckRecord } from '../alerts/check-record.js';
import type { TechnicianAction } from '../alerts/technician-action.js';
import type { SiteSummary } from '../bridge/fleet-view.js';
import type { Alert } from '../protocol/alert.js';
import type { Device } from '../protocol/device.js';
import type { Incident } from '../sla/incident.js';
import { keepUnchanged } from './json-equal.js';
import { reuseMap } from './map-draft.js';

/**
 * The fleet model a bridge client holds (fleet-reducer.ts moves it on), and the merges that keep
 * every unchanged object, so selectors can compare by identity.
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
export function mergeChecks(
  previous: CheckMap | undefined,
  incoming: readonly CheckRecord[],
): CheckMap {
  const next = new Map<string, CheckRecord>();
  for (const check of incoming) next.set(check.key, keepUnchanged(previous?.get(check.key), check));
  return reuseMap(previous, next);
}

/** A site's actions as a map by alert id, keeping every object (and the map) that did not change. */
export function mergeActions(
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
export function withModel<S extends FleetModel>(state: S, next: FleetModel): S {
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

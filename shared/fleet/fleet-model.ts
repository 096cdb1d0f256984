import type { CheckRecord } from '../alerts/check-record.js';
import type { TechnicianAction } from '../alerts/technician-action.js';
import type { SiteSummary } from '../bridge/fleet-view.js';
import type { Alert } from '../protocol/alert.js';
import type { Device } from '../protocol/device.js';
import type { Incident } from '../sla/incident.js';

/**
 * The fleet model a bridge client holds (fleet-reducer.ts moves it on; fleet-merge.ts keeps every
 * unchanged object, so selectors can compare by identity).
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

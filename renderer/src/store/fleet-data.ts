import type { SiteSummary } from '../../../shared/bridge/fleet-view.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { Device } from '../../../shared/protocol/device.js';

/** One sample of a device's metrics; null where the device did not report that metric. */
export interface HistoryPoint {
  readonly at: number;
  readonly cpu: number | null;
  readonly memory: number | null;
  readonly disk: number | null;
  readonly latency: number | null;
  readonly loss: number | null;
}

/** At most HISTORY_CAP points, oldest first. */
export type History = readonly HistoryPoint[];

export type DeviceMap = ReadonlyMap<string, Device>;
export type AlertMap = ReadonlyMap<string, Alert>;
export type HistoryMap = ReadonlyMap<string, History>;

/**
 * What the renderer knows of the fleet. Maps are replaced, never mutated: a change makes a new
 * outer map and a new inner map for the changed site only, so selectors can compare by identity.
 */
export interface FleetData {
  /** Fleet version of the last snapshot or delta applied; null before the first snapshot. */
  readonly version: number | null;
  /** Hub clock minus this machine's clock, so ages stay true on a viewer with a skewed clock. */
  readonly serverOffset: number;
  readonly sites: ReadonlyMap<string, SiteSummary>;
  /** siteId → deviceId → device. */
  readonly devices: ReadonlyMap<string, DeviceMap>;
  /** siteId → alertId → open alert. */
  readonly alerts: ReadonlyMap<string, AlertMap>;
  /** siteId → deviceId → recent metric samples. Nested like `devices` so a reset drops a site's. */
  readonly history: ReadonlyMap<string, HistoryMap>;
}

export const EMPTY_DEVICES: DeviceMap = new Map();
export const EMPTY_ALERTS: AlertMap = new Map();
export const EMPTY_HISTORY: History = [];

export const initialFleetData: FleetData = {
  version: null,
  serverOffset: 0,
  sites: new Map(),
  devices: new Map(),
  alerts: new Map(),
  history: new Map(),
};

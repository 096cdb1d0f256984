import type { Alert } from '../protocol/alert.js';
import type { Device } from '../protocol/device.js';
import type { SiteEvent } from '../protocol/events.js';
import type { Snapshot } from '../protocol/messages.js';

/**
 * The devices and open alerts of one site. The hub keeps one per site and the simulator rebuilds
 * one from its journal, so both ends apply events with the same code. Maps are mutated in place
 * (the hub's hot path); the objects inside them are replaced, never edited, so a reader holding
 * a device keeps a consistent value.
 */
export interface SiteModel {
  readonly devices: Map<string, Device>;
  readonly alerts: Map<string, Alert>;
}

export type ModelChange =
  | { readonly kind: 'device'; readonly id: string; readonly removed: boolean }
  | { readonly kind: 'alert'; readonly id: string; readonly removed: boolean };

export function emptySiteModel(): SiteModel {
  return { devices: new Map(), alerts: new Map() };
}

export function siteModelFromSnapshot(snapshot: Pick<Snapshot, 'devices' | 'alerts'>): SiteModel {
  return {
    devices: new Map(snapshot.devices.map((d) => [d.id, d])),
    alerts: new Map(snapshot.alerts.map((a) => [a.id, a])),
  };
}

/** Applies one event; returns what changed, or null when the event changed nothing. */
export function applySiteEvent(model: SiteModel, event: SiteEvent): ModelChange | null {
  switch (event.type) {
    case 'device.upsert':
      model.devices.set(event.device.id, event.device);
      return { kind: 'device', id: event.device.id, removed: false };
    case 'device.remove':
      if (!model.devices.delete(event.deviceId)) return null;
      return { kind: 'device', id: event.deviceId, removed: true };
    case 'metric.sample': {
      const device = model.devices.get(event.deviceId);
      if (!device) return null;
      model.devices.set(device.id, {
        ...device,
        metrics: { ...device.metrics, ...event.values },
        updatedAt: event.at,
      });
      return { kind: 'device', id: device.id, removed: false };
    }
    case 'alert.raise':
    case 'alert.update':
      model.alerts.set(event.alert.id, event.alert);
      return { kind: 'alert', id: event.alert.id, removed: false };
    case 'alert.clear':
      if (!model.alerts.delete(event.alertId)) return null;
      return { kind: 'alert', id: event.alertId, removed: true };
  }
}

/** A plain, order-independent view for comparing two models (tests, ground truth checks). */
export function siteModelToPlain(model: SiteModel): { devices: Device[]; alerts: Alert[] } {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    devices: [...model.devices.values()].sort(byId),
    alerts: [...model.alerts.values()].sort(byId),
  };
}

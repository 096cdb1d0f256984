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

/**
 * What applying one event did, or why it changed nothing. A string rather than an object: the
 * hub applies every event of every site through here, and a result per event must not allocate.
 * The entity it concerns is `eventSubject(event)`.
 */
export type EventOutcome =
  /** A device was added or changed. */
  | 'device-set'
  | 'device-removed'
  /** An alert was raised or changed. */
  | 'alert-set'
  /**
   * An alert was raised or changed, and kept, but its `deviceId` names a device the model does
   * not hold (yet, or any more). It is kept as sent: an alert is the site's statement and may
   * precede its device; dropping it would hide a problem, rewriting it to site-wide would
   * invent one. The hub counts it as an unknown device reference.
   */
  | 'alert-set-unknown-device'
  /**
   * An `alert.update` named an alert the model did not hold (its raise was never seen, or it was
   * cleared). It is kept as sent, as a raise would be: the site says the alert is open. The hub
   * counts it as an unknown alert reference (and only as that, whatever device it names).
   */
  | 'alert-set-unknown-alert'
  | 'alert-removed'
  /** A sample or a remove named a device the model does not hold: nothing changed. */
  | 'unknown-device'
  /** A clear named an alert the model does not hold: nothing changed. */
  | 'unknown-alert';

export function emptySiteModel(): SiteModel {
  return { devices: new Map(), alerts: new Map() };
}

export function siteModelFromSnapshot(snapshot: Pick<Snapshot, 'devices' | 'alerts'>): SiteModel {
  return {
    devices: new Map(snapshot.devices.map((d) => [d.id, d])),
    alerts: new Map(snapshot.alerts.map((a) => [a.id, a])),
  };
}

/** Applies one event in place and says what it did (or why it did nothing). */
export function applySiteEvent(model: SiteModel, event: SiteEvent): EventOutcome {
  switch (event.type) {
    case 'device.upsert':
      model.devices.set(event.device.id, event.device);
      return 'device-set';
    case 'device.remove':
      return model.devices.delete(event.deviceId) ? 'device-removed' : 'unknown-device';
    case 'metric.sample': {
      const device = model.devices.get(event.deviceId);
      if (!device) return 'unknown-device';
      model.devices.set(device.id, {
        ...device,
        metrics: { ...device.metrics, ...event.values },
        updatedAt: event.at,
      });
      return 'device-set';
    }
    case 'alert.raise':
    case 'alert.update': {
      const { alert } = event;
      // Only an update is looked up first: a raise of a held alert is a repeat, not a mistake.
      const unknownAlert = event.type === 'alert.update' && !model.alerts.has(alert.id);
      model.alerts.set(alert.id, alert);
      if (unknownAlert) return 'alert-set-unknown-alert';
      return alert.deviceId === null || model.devices.has(alert.deviceId)
        ? 'alert-set'
        : 'alert-set-unknown-device';
    }
    case 'alert.clear':
      return model.alerts.delete(event.alertId) ? 'alert-removed' : 'unknown-alert';
  }
}

/** The id of the device or alert an event is about. */
export function eventSubject(event: SiteEvent): string {
  switch (event.type) {
    case 'device.upsert':
      return event.device.id;
    case 'device.remove':
    case 'metric.sample':
      return event.deviceId;
    case 'alert.raise':
    case 'alert.update':
      return event.alert.id;
    case 'alert.clear':
      return event.alertId;
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

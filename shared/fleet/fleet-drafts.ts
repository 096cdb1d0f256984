import type { CheckRecord } from '../alerts/check-record.js';
import type { TechnicianAction } from '../alerts/technician-action.js';
import type { FleetDelta, SiteSummary } from '../bridge/fleet-view.js';
import type { Alert } from '../protocol/alert.js';
import type { Device } from '../protocol/device.js';
import type { Incident } from '../sla/incident.js';
import { patchedDevice } from './device-patch.js';
import {
  EMPTY_ACTIONS,
  EMPTY_ALERTS,
  EMPTY_CHECKS,
  EMPTY_DEVICES,
  EMPTY_INCIDENTS,
  type FleetModel,
} from './fleet-model.js';
import { mergeActions, mergeChecks, mergeEntities, withModel } from './fleet-merge.js';
import { keepUnchanged } from './json-equal.js';
import { MapDraft, NestedMapDraft } from './map-draft.js';

/**
 * Copy-on-write drafts of a fleet model that deltas are applied to one after another: each map
 * is copied at its first change in the batch, never again, and the model is built once at the end
 * (reduceDeltas in fleet-reducer.ts, which checks the versions).
 */
export class FleetDrafts {
  private readonly sites: MapDraft<string, SiteSummary>;
  private readonly devices: NestedMapDraft<Device>;
  private readonly alerts: NestedMapDraft<Alert>;
  private readonly actions: NestedMapDraft<TechnicianAction>;
  private readonly checks: NestedMapDraft<CheckRecord>;
  private readonly incidents: NestedMapDraft<Incident>;

  constructor(base: FleetModel) {
    this.sites = new MapDraft(base.sites);
    this.devices = new NestedMapDraft(base.devices, EMPTY_DEVICES);
    this.alerts = new NestedMapDraft(base.alerts, EMPTY_ALERTS);
    this.actions = new NestedMapDraft(base.actions, EMPTY_ACTIONS);
    this.checks = new NestedMapDraft(base.checks, EMPTY_CHECKS);
    this.incidents = new NestedMapDraft(base.incidents, EMPTY_INCIDENTS);
  }

  /**
   * Applies `delta` to the drafts. False when a patch names a device we do not hold: our copy no
   * longer follows the hub's, and the drafts hold part of the delta (the caller drops them).
   */
  apply(delta: FleetDelta): boolean {
    const { sites, devices, alerts, actions, checks, incidents } = this;
    for (const site of delta.sites) sites.set(site.id, keepUnchanged(sites.get(site.id), site));
    // Resets first: a delta never mixes a reset with edits of the same site, but if it did, the
    // edits are the later news. Merged with the site as the batch has left it so far.
    for (const reset of delta.resets) {
      const { siteId } = reset;
      devices.replace(siteId, mergeEntities(devices.current(siteId), reset.devices));
      alerts.replace(siteId, mergeEntities(alerts.current(siteId), reset.alerts));
      actions.replace(siteId, mergeActions(actions.current(siteId), reset.actions));
      checks.replace(siteId, mergeChecks(checks.current(siteId), reset.checks));
      incidents.replace(siteId, mergeEntities(incidents.current(siteId), reset.incidents));
    }
    for (const { siteId, device } of delta.devices) {
      const siteDevices = devices.site(siteId);
      siteDevices.set(device.id, keepUnchanged(siteDevices.get(device.id), device));
    }
    for (const patch of delta.devicePatches) {
      const siteDevices = devices.site(patch.siteId);
      const held = siteDevices.get(patch.id);
      if (held === undefined) return false;
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
    return true;
  }

  /** `state` moved on to `version` with the drafts' maps; `state` itself when nothing changed. */
  result<S extends FleetModel>(state: S, version: number | null): S {
    return withModel(state, {
      version,
      sites: this.sites.result(),
      devices: this.devices.result(),
      alerts: this.alerts.result(),
      actions: this.actions.result(),
      checks: this.checks.result(),
      incidents: this.incidents.result(),
    });
  }
}

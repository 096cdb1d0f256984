import type { DevicePatch, FleetDelta, Keyed } from '../../../shared/bridge/fleet-view.js';
import type { CheckRecord } from '../../../shared/alerts/check-record.js';
import type { TechnicianAction } from '../../../shared/alerts/technician-action.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { Device } from '../../../shared/protocol/device.js';
import type { Incident } from '../../../shared/sla/incident.js';
import type { SiteChange } from '../fleet/fleet-changes.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { siteContent, siteSummary } from './fleet-views.js';
import type { SentDevices } from './sent-devices.js';

/** A delta's entity lists: everything in it but its versions, time and events. */
export type DeltaContents = Omit<
  FleetDelta,
  'previous' | 'version' | 'at' | 'slaWarnings' | 'notices' | 'screens'
>;

/**
 * What a tick's pending changes (one per entity, pendingKey) send: each entity as the fleet holds
 * it now, or its removal when it is gone; a device as a patch when only its live fields moved
 * since `sent` last saw it (sent-devices.ts, updated here).
 */
export function deltaContents(
  pending: Iterable<SiteChange>,
  fleet: Pick<FleetState, 'site'>,
  sent: SentDevices,
): DeltaContents {
  const sites = [];
  const resets = [];
  const devices: { siteId: string; device: Device }[] = [];
  const devicePatches: DevicePatch[] = [];
  const removedDevices: Keyed[] = [];
  const alerts: { siteId: string; alert: Alert }[] = [];
  const removedAlerts: Keyed[] = [];
  const actions: TechnicianAction[] = [];
  const removedActions: Keyed[] = [];
  const checks: CheckRecord[] = [];
  const removedChecks: { siteId: string; key: string }[] = [];
  const incidents: Incident[] = [];
  const removedIncidents: Keyed[] = [];
  for (const change of pending) {
    const site = fleet.site(change.siteId);
    if (!site) {
      sent.dropSite(change.siteId);
      continue;
    }
    switch (change.kind) {
      case 'site':
        sites.push(siteSummary(site));
        break;
      case 'site-reset': {
        const content = siteContent(site);
        sent.reset(site.id, content.devices);
        resets.push(content);
        break;
      }
      case 'device': {
        const device = site.model.devices.get(change.id);
        if (device) {
          const patch = sent.send(site.id, device);
          if (patch) devicePatches.push(patch);
          else devices.push({ siteId: site.id, device });
        } else {
          sent.removed(site.id, change.id);
          removedDevices.push({ siteId: site.id, id: change.id });
        }
        break;
      }
      case 'alert': {
        const alert = site.model.alerts.get(change.id);
        if (alert) alerts.push({ siteId: site.id, alert });
        else removedAlerts.push({ siteId: site.id, id: change.id });
        break;
      }
      case 'action': {
        const action = site.actions.get(change.id);
        if (action) actions.push(action);
        else removedActions.push({ siteId: site.id, id: change.id });
        break;
      }
      case 'check': {
        const check = site.checks.get(change.id);
        if (check) checks.push(check);
        else removedChecks.push({ siteId: site.id, key: change.id });
        break;
      }
      case 'incident': {
        const incident = site.incidents.get(change.id);
        if (incident) incidents.push(incident);
        else removedIncidents.push({ siteId: site.id, id: change.id });
        break;
      }
    }
  }
  return {
    sites,
    resets,
    devices,
    devicePatches,
    removedDevices,
    alerts,
    removedAlerts,
    actions,
    removedActions,
    checks,
    removedChecks,
    incidents,
    removedIncidents,
  };
}

/**
 * The key a change waits under until the tick's delta: one per entity, so a later change of the
 * same device, alert… replaces the earlier one (the delta reads the entity as it is then).
 */
export function pendingKey(change: SiteChange): string {
  switch (change.kind) {
    case 'site':
      return `site:${change.siteId}`;
    case 'site-reset':
      return `reset:${change.siteId}`;
    case 'device':
      return `device:${change.siteId}:${change.id}`;
    case 'alert':
      return `alert:${change.siteId}:${change.id}`;
    case 'action':
      return `action:${change.siteId}:${change.id}`;
    case 'check':
      return `check:${change.siteId}:${change.id}`;
    case 'incident':
      return `incident:${change.siteId}:${change.id}`;
    case 'sla-warning':
      // Never pending (collect sends them to the warnings list); a key all the same.
      return `sla-warning:${change.siteId}:${change.warning.incidentId}`;
  }
}

import type { FleetSnapshot, SiteContent, SiteSummary } from '../../../shared/bridge/fleet-view.js';
import type { FleetState, SiteEntry } from '../fleet/fleet-state.js';

export function siteSummary(site: SiteEntry): SiteSummary {
  return {
    id: site.id,
    name: site.name,
    customer: site.customer,
    timeZone: site.info?.timeZone ?? null,
    health: site.health,
    maintenance: [...site.maintenance],
  };
}

export function siteContent(site: SiteEntry): SiteContent {
  return {
    siteId: site.id,
    devices: [...site.model.devices.values()],
    alerts: [...site.model.alerts.values()],
    actions: [...site.actions.values()],
    checks: [...site.checks.values()],
    incidents: [...site.incidents.values()],
  };
}

export function fleetSnapshot(fleet: FleetState, at: number): FleetSnapshot {
  const sites = fleet.sites();
  return {
    version: fleet.version,
    at,
    sites: sites.map(siteSummary),
    contents: sites.map(siteContent),
    screens: fleet.screensState,
    following: null,
  };
}

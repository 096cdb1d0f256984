import { isHubAlert, SITE_UNREACHABLE_ID } from '../../../shared/alerts/hub-alerts.js';
import type { Incident } from '../../../shared/sla/incident.js';
import type { SiteEntry } from '../fleet/fleet-state.js';

/**
 * The alerts that may open an incident: the site's own, and of the hub's only "unreachable" (a
 * site down as a whole); its forecasts and posture findings are advice, not outages.
 */
export function opensIncidents(alertId: string): boolean {
  return !isHubAlert(alertId) || alertId === SITE_UNREACHABLE_ID;
}

/**
 * Whether the site is still away in the outage its latest resolved "unreachable" incident was
 * about: not live, and no data from it since before that resolution. A technician's resolve
 * then holds through a hub restart (the restarted hub raises the site's alert again when it calls
 * the site down, which must not reopen it). Data newer than the resolution means the site came
 * back in between: a later outage is news, and opens (or reopens) an incident.
 */
export function outageOngoing(site: SiteEntry | undefined, incidents: Iterable<Incident>): boolean {
  if (!site || site.health.state === 'live') return false;
  let resolvedAt: number | null = null;
  for (const incident of incidents) {
    if (incident.siteId !== site.id || incident.alertId !== SITE_UNREACHABLE_ID) continue;
    if (incident.resolvedAt !== null) resolvedAt = Math.max(resolvedAt ?? 0, incident.resolvedAt);
  }
  if (resolvedAt === null) return false;
  const last = site.health.lastEventAt;
  return last === null || last < resolvedAt;
}

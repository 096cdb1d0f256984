import type { SiteEntry } from '../fleet/fleet-state.js';

/**
 * Whether the site is still away in the outage an "unreachable" incident resolved at `resolvedAt`
 * was about: not live, and no data from it since before that resolution. A technician's resolve
 * then holds through a hub restart (the restarted hub raises the site's alert again when it calls
 * the site down, which must not reopen it). Data newer than the resolution means the site came
 * back in between: a later outage is news, and opens (or reopens) an incident.
 */
export function outageOngoing(site: SiteEntry | undefined, resolvedAt: number | null): boolean {
  if (!site || site.health.state === 'live' || resolvedAt === null) return false;
  const last = site.health.lastEventAt;
  return last === null || last < resolvedAt;
}

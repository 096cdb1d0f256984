import type { Alert } from '../../../shared/protocol/alert.js';
import { withoutHubIds } from './fleet-entry.js';

/**
 * Site alerts refused for one of the hub's ids ("hub:", reserved for the hub's own alerts):
 * counted per site, and logged the first time for each site.
 */
export class HubIdRefusals {
  private readonly counts = new Map<string, number>();

  /** A snapshot without the alerts a site gave one of the hub's ids (said in the log). */
  refuseHubIds<T extends { readonly alerts: readonly Alert[] }>(siteId: string, from: T): T {
    const { snapshot, refused } = withoutHubIds(from);
    if (refused > 0) this.refused(siteId, refused);
    return snapshot;
  }

  /** Site alerts refused for a hub id: counted, and logged the first time for each site. */
  refused(siteId: string, count: number): void {
    const before = this.counts.get(siteId) ?? 0;
    this.counts.set(siteId, before + count);
    if (before === 0) {
      console.warn(
        `hub: site "${siteId}" sent an alert whose id starts "hub:", reserved for the hub's own alerts: refused (docs/site-protocol.md)`,
      );
    }
  }

  /** Site alert events and snapshot alerts refused for a hub id, per site. */
  countOf(siteId: string): number {
    return this.counts.get(siteId) ?? 0;
  }
}

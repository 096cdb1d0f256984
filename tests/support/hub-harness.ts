import { isHubAlert } from '../../shared/alerts/hub-alerts.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { siteModelToPlain, type SiteModel } from '../../shared/site-model/site-model.js';
import type { HubOptions, SiteLinkConfig } from '../../electron/hub/config/hub-options.js';
import { Hub } from '../../electron/hub/hub.js';

/** Fast thresholds so tests see stale and down within a second or two. */
export const TEST_THRESHOLDS = { staleAfterMs: 600, downAfterMs: 1500 } as const;

export function testHubOptions(sites: readonly SiteLinkConfig[]): HubOptions {
  return {
    ...TEST_THRESHOLDS,
    reconnect: { initialDelayMs: 50, maxDelayMs: 400 },
    sites,
  };
}

/** A hub that records every seq it applied, per site, to check for loss and duplication. */
export function recordingHub(options: HubOptions): { hub: Hub; applied: Map<string, number[]> } {
  const applied = new Map<string, number[]>();
  const hub = new Hub(options, {
    requestTimeoutMs: 2000,
    onApplied: (siteId: string, events: readonly SiteEvent[]) => {
      const list = applied.get(siteId) ?? [];
      for (const event of events) list.push(event.seq);
      applied.set(siteId, list);
    },
  });
  return { hub, applied };
}

/** The site's own devices and alerts as the hub holds them (not the hub's alerts on the site). */
export function hubSitePlain(hub: Hub, siteId: string) {
  const site = hub.fleet.site(siteId);
  if (!site) throw new Error(`hub has no site ${siteId}`);
  return sitePlain(site.model);
}

/** A model's devices and the site's own alerts, sorted (the hub's alerts are not the site's). */
export function sitePlain(model: SiteModel) {
  const plain = siteModelToPlain(model);
  return { ...plain, alerts: plain.alerts.filter((alert) => !isHubAlert(alert.id)) };
}

export function stateOf(hub: Hub, siteId: string) {
  return hub.health().find((h) => h.siteId === siteId);
}

/** True when `seqs` is exactly first, first+1, …, last. */
export function isContiguous(seqs: readonly number[]): boolean {
  return seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] ?? NaN) + 1);
}

import type { SiteHealthReport } from '../../shared/fleet/health.js';
import type { RendererErrorsSummary } from '../hub/bridge/error-reports.js';
import type { NotifierCounts } from '../hub/notify/notifier.js';
import type { HubRuntime } from '../hub/runtime.js';
import type { StoreHealth } from '../hub/store/store-health.js';

/**
 * `GET /healthz`: the serve process answers (status "ok") and says, per site, what a monitoring
 * system needs to alert on the board's own inputs: connection state, data age, counters; and
 * how many errors the boards it serves have reported, so a wall showing an error panel is seen.
 */

/**
 * One site in the report: the hub's whole health of it, as of this request, under the site's `id`.
 * `lastEventAgeMs` is the age in ms of the newest data the hub APPLIED (what the board shows);
 * `lastMessageAgeMs` the age of the last valid message of any kind. A site that talks but whose
 * data cannot be applied shows the first growing while the second stays small. Both are null
 * before the first.
 */
export type SiteHealthEntry = { readonly id: string } & Omit<SiteHealthReport, 'siteId'>;

export interface HealthReport {
  readonly status: 'ok';
  /** The hub's clock when taken. */
  readonly at: number;
  readonly sites: readonly SiteHealthEntry[];
  /** Errors reported by pages (`app.reportError`) since this process started. */
  readonly rendererErrors: RendererErrorsSummary;
  /** The store's disk use, writes and retention; null when serve runs without --data. */
  readonly store: StoreHealth | null;
  /**
   * Notices made for technicians since start (docs/notifications.md), the events that got none
   * and why, and how many wait for their group.
   */
  readonly notifications: NotifierCounts & { readonly pending: number };
}

export function healthReport(
  runtime: Pick<HubRuntime, 'hub' | 'storeHealth'>,
  at: number,
  rendererErrors: RendererErrorsSummary,
): HealthReport {
  return {
    status: 'ok',
    at,
    // Every field of the one health type, so a field added there reaches /healthz by itself.
    sites: runtime.hub.health().map(({ siteId, ...health }) => ({ id: siteId, ...health })),
    rendererErrors,
    store: runtime.storeHealth(),
    notifications: { ...runtime.hub.notifier.counts, pending: runtime.hub.notifier.pending },
  };
}

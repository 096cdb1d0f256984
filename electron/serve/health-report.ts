import type { SiteHealthReport } from '../../shared/fleet/health.js';
import type { RendererErrorsSummary } from '../hub/bridge/error-reports.js';
import type { Hub } from '../hub/hub.js';

/**
 * `GET /healthz`: the serve process answers (status "ok") and says, per site, what a monitoring
 * system needs to alert on the board's own inputs: connection state, data age, counters; and
 * how many errors the boards it serves have reported, so a wall showing an error panel is seen.
 */

/**
 * One site in the report: the hub's health of it, as of this request (`lastEventAgeMs`: age of
 * the site's last message in ms; null before the first one), under the site's `id`.
 */
export type SiteHealthEntry = { readonly id: string } & Pick<
  SiteHealthReport,
  'state' | 'lastEventAgeMs' | 'lastSeq' | 'badPayloads' | 'reconnects' | 'resyncs' | 'reason'
>;

export interface HealthReport {
  readonly status: 'ok';
  /** The hub's clock when taken. */
  readonly at: number;
  readonly sites: readonly SiteHealthEntry[];
  /** Errors reported by pages (`app.reportError`) since this process started. */
  readonly rendererErrors: RendererErrorsSummary;
}

export function healthReport(
  hub: Hub,
  at: number,
  rendererErrors: RendererErrorsSummary,
): HealthReport {
  return {
    status: 'ok',
    at,
    sites: hub.health().map((h) => ({
      id: h.siteId,
      state: h.state,
      lastEventAgeMs: h.lastEventAgeMs,
      lastSeq: h.lastSeq,
      badPayloads: h.badPayloads,
      reconnects: h.reconnects,
      resyncs: h.resyncs,
      reason: h.reason,
    })),
    rendererErrors,
  };
}

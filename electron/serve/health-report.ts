import type { ConnectionState } from '../../shared/fleet/health.js';
import type { Hub } from '../hub/hub.js';

/**
 * `GET /healthz`: the serve process answers (status "ok") and says, per site, what a monitoring
 * system needs to alert on the board's own inputs: connection state, data age, counters.
 */

export interface SiteHealthEntry {
  readonly id: string;
  readonly state: ConnectionState;
  /** Age of the site's last message, in ms, as of this request; null before the first one. */
  readonly lastEventAgeMs: number | null;
  readonly lastSeq: number | null;
  readonly badPayloads: number;
  readonly reconnects: number;
  readonly resyncs: number;
  /** Why the site is refused or down; null when healthy. */
  readonly reason: string | null;
}

export interface HealthReport {
  readonly status: 'ok';
  /** The hub's clock when taken. */
  readonly at: number;
  readonly sites: readonly SiteHealthEntry[];
}

export function healthReport(hub: Hub, at: number): HealthReport {
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
  };
}

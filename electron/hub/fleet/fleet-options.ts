import type { Clock } from '../../../shared/clock.js';
import type { SiteBudgets } from '../config/hub-options.js';

/** What a FleetState is built from: the configured sites, and how it keeps them. */

export interface FleetSiteSeed {
  readonly id: string;
  readonly customer: string;
  readonly name?: string;
}

export interface FleetStateOptions {
  /** Per-site budgets (default DEFAULT_BUDGETS). */
  readonly budgets?: SiteBudgets;
  /** Stamps the minute a site filled its budget (default the real clock). */
  readonly clock?: Clock;
  /**
   * Called when a site's `siteStats().degraded` changed, so its health is recomputed at once;
   * the counts alone reach the health on the hub's next watchdog round.
   */
  readonly onDegradedChange?: (siteId: string) => void;
}

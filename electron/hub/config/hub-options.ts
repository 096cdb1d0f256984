import type { PostureOptions } from '../alerts/posture-watch.js';
import type { ProactiveOptions } from '../alerts/proactive-watch.js';
import type { CheckOptions } from '../../../shared/alerts/check-record.js';
import type { CheckedMaintenanceWindow } from '../alerts/maintenance-recurrence.js';
import type { DisplaysConfig } from '../../../shared/displays/display-layout.js';
import type { NotifyConfig } from '../../../shared/notify/notify-config.js';
import type { SlaConfig } from '../../../shared/sla/contract.js';
import type { RetentionPolicy } from '../store/retention.js';

/** A site the hub links to, with its secrets resolved. */
export interface SiteLinkConfig {
  readonly id: string;
  readonly name?: string;
  readonly customer: string;
  readonly url: string;
  readonly token: string;
  /** PEM text of an extra CA to trust for this site's TLS certificate. */
  readonly ca?: string;
}

export interface ReconnectOptions {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * What one site may make the hub hold and process. Beyond a budget the hub stops growing that
 * site's state (or pauses its link), marks the site degraded with the reason and counts what it
 * dropped, so one broken or hostile site cannot take memory or time from the others.
 */
export interface SiteBudgets {
  /** Devices held per site (default: the protocol's snapshot cap). */
  readonly maxDevices: number;
  /** Open alerts held per site (default: the protocol's snapshot cap). */
  readonly maxOpenAlerts: number;
  /** Events per second, averaged over `windowSeconds`. */
  readonly maxEventsPerSecond: number;
  /** Bytes per second received from the site, averaged over `windowSeconds`. */
  readonly maxBytesPerSecond: number;
  readonly windowSeconds: number;
}

export const DEFAULT_BUDGETS: SiteBudgets = {
  maxDevices: 50_000,
  maxOpenAlerts: 50_000,
  maxEventsPerSecond: 20_000,
  maxBytesPerSecond: 16 * 2 ** 20,
  windowSeconds: 10,
};

/**
 * How far a site's timestamps may run ahead of the hub's clock before they are flagged. Shared:
 * the board applies the same default until the hub has told it the configured skew.
 */
export { DEFAULT_CLOCK_SKEW_MS } from '../../../shared/fleet/clock-skew.js';
export { DEFAULT_SITE_DOWN_SHARE } from '../../../shared/fleet/site-rollup.js';

/** Everything the hub needs, in the units it uses. Built by loadHubConfig or by code. */
export interface HubOptions {
  readonly staleAfterMs: number;
  readonly downAfterMs: number;
  readonly reconnect: ReconnectOptions;
  readonly sites: readonly SiteLinkConfig[];
  /** The publisher's tick: windows get at most one update per interval (default 200 ms). */
  readonly publishIntervalMs?: number;
  /** Per-site budgets (default DEFAULT_BUDGETS). */
  readonly budgets?: SiteBudgets;
  /** Allowed clock skew into the future (default DEFAULT_CLOCK_SKEW_MS). */
  readonly clockSkewMs?: number;
  /**
   * The share of a site's devices (0–1) that must be down, beyond which the board calls the whole
   * site down (default DEFAULT_SITE_DOWN_SHARE, 0.25). The hub only carries it to the board.
   */
  readonly siteDownShare?: number;
  /** How long the store keeps each kind of row (default DEFAULT_RETENTION). */
  readonly retention?: RetentionPolicy;
  /**
   * Planned maintenance (config `maintenance`): alerts inside are suppressed. Checked windows only
   * (CheckedMaintenanceWindow.parse), as the config schema gives them.
   */
  readonly maintenance?: readonly CheckedMaintenanceWindow[];
  /** SLA contracts (config `sla`; none: no incidents). */
  readonly sla?: SlaConfig;
  /** Notices for technicians (config `notifications`; default DEFAULT_NOTIFY_CONFIG). */
  readonly notifications?: NotifyConfig;
  /** What each screen of the wall shows (config `displays`; none: one wall on the main screen). */
  readonly displays?: DisplaysConfig;
  /** Proactive warnings (config `alerts`; default DEFAULT_PROACTIVE). */
  readonly proactive?: ProactiveOptions;
  /** Security-posture alerts (config `alerts`; default DEFAULT_POSTURE). */
  readonly posture?: PostureOptions;
  /** Dedupe window and flap thresholds (config `alerts`; default DEFAULT_CHECK_OPTIONS). */
  readonly checks?: CheckOptions;
  /** Who acts from the desktop app (config `technician`; default the OS user name). */
  readonly technician?: string;
  /** Who may act from a browser on `serve`, by token (config `technicians`). */
  readonly technicians?: readonly TechnicianCredential[];
}

/** A technician and the secret a browser signs in with (never sent to any page). */
export interface TechnicianCredential {
  readonly name: string;
  readonly token: string;
}

export const DEFAULT_RECONNECT: ReconnectOptions = { initialDelayMs: 500, maxDelayMs: 30_000 };

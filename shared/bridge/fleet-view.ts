import type { SiteHealth } from '../fleet/health.js';
import type { Alert } from '../protocol/alert.js';
import type { Device } from '../protocol/device.js';

/**
 * What a window sees of the fleet. Produced by the hub's publisher, consumed by the renderer's
 * store; the same shapes cross Electron IPC and the `serve` mode's socket.io bridge.
 */

/** A site's identity and health, without its devices. */
export interface SiteSummary {
  readonly id: string;
  readonly name: string;
  readonly customer: string;
  /** The site's IANA time zone, once it has said hello. */
  readonly timeZone: string | null;
  readonly health: SiteHealth;
}

/** Every device and open alert of one site. */
export interface SiteContent {
  readonly siteId: string;
  readonly devices: readonly Device[];
  readonly alerts: readonly Alert[];
}

export interface FleetSnapshot {
  /** Fleet state version this snapshot shows; the next delta has `previous` equal to it. */
  readonly version: number;
  /** The hub's clock when taken, so a viewer with a skewed clock still shows true ages. */
  readonly at: number;
  readonly sites: readonly SiteSummary[];
  readonly contents: readonly SiteContent[];
}

export interface Keyed {
  readonly siteId: string;
  readonly id: string;
}

/**
 * What changed from `previous` to `version`, coalesced: each entity appears at most once with
 * its latest value. A viewer whose version is not `previous` must ask for a snapshot again.
 */
export interface FleetDelta {
  readonly previous: number;
  readonly version: number;
  readonly at: number;
  readonly sites: readonly SiteSummary[];
  /** Sites whose devices and alerts were replaced wholesale: drop what is not listed. */
  readonly resets: readonly SiteContent[];
  readonly devices: readonly { readonly siteId: string; readonly device: Device }[];
  readonly removedDevices: readonly Keyed[];
  readonly alerts: readonly { readonly siteId: string; readonly alert: Alert }[];
  readonly removedAlerts: readonly Keyed[];
}

export interface AppInfo {
  readonly version: string;
  /** True when the hub runs on the embedded simulated fleet: the board must say "demo data". */
  readonly demo: boolean;
  readonly host: 'electron' | 'browser';
  /**
   * The hub's staleness thresholds. The board applies them itself too, so a stalled hub (its
   * event loop blocked, its deltas stopped) can never leave a site showing as live.
   */
  readonly thresholds: { readonly staleAfterMs: number; readonly downAfterMs: number };
}

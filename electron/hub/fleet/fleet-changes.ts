import type { Notice } from '../../../shared/notify/notice.js';
import type { SlaWarning } from '../../../shared/sla/incident-warnings.js';
/** One entity that changed. The publisher coalesces these per tick. */
export type FleetChange =
  | {
      readonly kind: 'device';
      readonly siteId: string;
      readonly id: string;
      readonly removed: boolean;
    }
  | {
      readonly kind: 'alert';
      readonly siteId: string;
      readonly id: string;
      readonly removed: boolean;
    }
  /** The record of the check `id` (a CheckRecord key) changed, or was dropped. */
  | { readonly kind: 'check'; readonly siteId: string; readonly id: string }
  /** A technician's latest action on the alert `id` changed (or was dropped). */
  | { readonly kind: 'action'; readonly siteId: string; readonly id: string }
  /** An SLA incident `id` of the site changed (or was dropped). */
  | { readonly kind: 'incident'; readonly siteId: string; readonly id: string }
  /** An SLA warning or breach was raised (an event: each is sent once, never coalesced). */
  | { readonly kind: 'sla-warning'; readonly siteId: string; readonly warning: SlaWarning }
  /**
   * A notice for technicians (new alerts, SLA warnings, coalesced by the notifier): an event,
   * sent once with the next delta; about the fleet, so it names no one site.
   */
  | { readonly kind: 'notice'; readonly notice: Notice }
  /** The wall's screen layouts changed: the delta carries the new version. */
  | { readonly kind: 'screens' }
  /** The site's identity or health changed. */
  | { readonly kind: 'site'; readonly siteId: string }
  /** The site's devices and alerts were replaced wholesale (a snapshot). */
  | { readonly kind: 'site-reset'; readonly siteId: string };

/** The changes about one site (all but notices and screens). */
export type SiteChange = Exclude<FleetChange, { readonly kind: 'notice' | 'screens' }>;

/** What one update did: the state moved from `version - 1` to `version`. */
export interface FleetChangeBatch {
  readonly version: number;
  readonly changes: readonly FleetChange[];
}

export type FleetListener = (batch: FleetChangeBatch) => void;

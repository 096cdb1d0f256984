import type { Clock } from '../../shared/clock.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import type { ActionLog } from './acks/action-log.js';
import type { MaintenanceStore } from './alerts/maintenance-store.js';
import type { TrendHistory } from './alerts/proactive-watch.js';
import type { ScreenLayoutStore } from './screens/screen-layout-store.js';
import type { IncidentStore } from './sla/incident-store.js';
import type { StoredSite } from './store/load-cache.js';
import type { WriteStatements } from './store/write-statements.js';

/** The store the hub writes to, and what it held at start. */
export interface HubStoreDeps {
  readonly statements: WriteStatements;
  readonly cache: ReadonlyMap<string, StoredSite>;
  /** A write found the file damaged (the writer has stopped). */
  readonly markDamaged?: (reason: string) => void;
  /** Technicians' acknowledgements and their notes (default: kept in memory only). */
  readonly actions?: ActionLog;
  /** Technicians' maintenance windows (default: kept in memory only). */
  readonly maintenance?: MaintenanceStore;
  /** Devices' hourly metric means, to start the proactive trends from (default: none). */
  readonly trendHistory?: TrendHistory;
  /** SLA incidents (default: kept in memory only). */
  readonly incidents?: IncidentStore;
  /** What technicians set for the wall's screens (default: kept in memory only). */
  readonly screenLayouts?: ScreenLayoutStore;
}

export interface HubDeps {
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly requestTimeoutMs?: number;
  /** Called after events are applied to the fleet state (benchmarks and audits). */
  readonly onApplied?: (siteId: string, events: readonly SiteEvent[]) => void;
  /** Where to keep what the hub applies, and start from (none: memory only). */
  readonly store?: HubStoreDeps;
}

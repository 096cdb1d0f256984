import type { Clock } from '../../shared/clock.js';
import {
  dataAgeMs,
  ZERO_HEALTH_COUNTS,
  type SiteHealth,
  type SiteHealthReport,
} from '../../shared/fleet/health.js';
import type { ClockSkewMonitor } from './fleet/clock-skew.js';
import type { FleetState } from './fleet/fleet-state.js';
import { connectionState, type Thresholds } from './links/link-status.js';
import type { SiteLink } from './links/site-link.js';

/** What a site's health is derived from, besides its link. */
export interface SiteHealthSources {
  readonly fleet: FleetState;
  readonly clockSkew: ClockSkewMonitor;
  readonly clock: Clock;
  readonly thresholds: Thresholds;
}

/** A site's health now: its connection state from its link's facts, and every count. */
export function siteHealth(siteId: string, link: SiteLink, sources: SiteHealthSources): SiteHealth {
  const { fleet, clockSkew, clock, thresholds } = sources;
  const facts = link.facts();
  const { state, reason } = connectionState(facts, clock.now(), thresholds);
  const stats = fleet.siteStats(siteId);
  const health: SiteHealth = {
    ...ZERO_HEALTH_COUNTS,
    siteId,
    state,
    reason,
    // The board ages what the hub applied; a message that brought nothing usable is not news.
    lastEventAt: facts.lastAppliedAt,
    lastMessageAt: facts.lastMessageAt,
    lastSeq: link.lastSeq,
    ...link.counters,
    ...stats,
    // The link's rate budget first: while it holds, the site sends nothing the hub applies.
    degraded: link.degraded ?? stats.degraded,
    // Events the link dropped while paused over a rate budget, and what the state refused.
    droppedOverBudget: link.counters.droppedOverBudget + stats.droppedOverBudget,
    futureTimestamps: clockSkew.count(siteId),
    clockAheadSince: clockSkew.aheadSince(siteId),
  };
  return health;
}

/** A site's health with the age of its data as of `now` (for /healthz and /metrics). */
export function healthReport(health: SiteHealth, now: number): SiteHealthReport {
  return {
    ...health,
    lastEventAgeMs: dataAgeMs(health, now),
    lastMessageAgeMs:
      health.lastMessageAt === null ? null : Math.max(0, now - health.lastMessageAt),
  };
}

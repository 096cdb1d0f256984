import type { AppInfo } from '../../../shared/bridge/fleet-view.js';
import type { ConnectionState, SiteHealth } from '../../../shared/fleet/health.js';

export interface ShownState {
  readonly state: ConnectionState;
  readonly reason: string | null;
}

type Thresholds = AppInfo['thresholds'];

/**
 * Slack for the hub's own timing (its watchdog runs up to once a second, its deltas once a
 * tick), so the board never contradicts a hub that is merely a moment behind.
 */
export const HUB_LAG_MS = 2000;

/** True when the data's age, not the hub's word, decides what the board shows. */
function agedByTheBoard(
  health: SiteHealth,
  connected: boolean,
  thresholds: Thresholds | null,
): thresholds is Thresholds {
  return connected && health.state === 'live' && thresholds !== null && health.lastEventAt !== null;
}

/**
 * What the board shows for a site. Normally the hub's word; but nothing the hub said counts as
 * live when the page has lost the hub, or when the hub itself has stopped updating a site that
 * it last called live (a stalled hub) — then the age of the data decides.
 */
export function shownSiteState(
  health: SiteHealth,
  connected: boolean,
  now: number,
  thresholds: Thresholds | null,
): ShownState {
  if (!connected) return { state: 'stale', reason: 'no connection to the hub' };
  if (!agedByTheBoard(health, connected, thresholds) || health.lastEventAt === null) {
    return { state: health.state, reason: health.reason };
  }
  const age = now - health.lastEventAt;
  if (age < thresholds.staleAfterMs + HUB_LAG_MS) return { state: 'live', reason: null };
  const reason = 'the hub has sent nothing new for this site';
  return { state: age < thresholds.downAfterMs + HUB_LAG_MS ? 'stale' : 'down', reason };
}

/**
 * When `shownSiteState` will next change for this site if nothing else does (live → stale, then
 * stale → down), strictly after `now`; null when only new data can change it. The board keeps
 * one timer for the earliest of these instead of re-judging every site every second.
 */
export function nextFreshnessChange(
  health: SiteHealth,
  connected: boolean,
  now: number,
  thresholds: Thresholds | null,
): number | null {
  if (!agedByTheBoard(health, connected, thresholds) || health.lastEventAt === null) return null;
  const staleAt = health.lastEventAt + thresholds.staleAfterMs + HUB_LAG_MS;
  if (now < staleAt) return staleAt;
  const downAt = health.lastEventAt + thresholds.downAfterMs + HUB_LAG_MS;
  return now < downAt ? downAt : null;
}

import type { ConnectionState } from '../../../shared/fleet/health.js';

/** What a link is doing right now; the hub turns this plus data age into a ConnectionState. */
export type LinkStatus =
  'idle' | 'connecting' | 'syncing' | 'streaming' | 'waiting' | 'refused' | 'disposed';

export interface Thresholds {
  readonly staleAfterMs: number;
  readonly downAfterMs: number;
}

export interface LinkFacts {
  readonly status: LinkStatus;
  /** Why the site was refused, or the last connection error. */
  readonly reason: string | null;
  readonly lastMessageAt: number | null;
  readonly startedAt: number;
}

/**
 * Live only while streaming with fresh data. Everything else ages: stale as soon as data stops
 * flowing or the link drops, down once nothing has arrived for `downAfterMs` (counted from start
 * for a site never heard from).
 */
export function connectionState(
  facts: LinkFacts,
  now: number,
  thresholds: Thresholds,
): { state: ConnectionState; reason: string | null } {
  if (facts.status === 'refused') return { state: 'refused', reason: facts.reason };
  const age = now - (facts.lastMessageAt ?? facts.startedAt);
  if (age >= thresholds.downAfterMs) {
    // The threshold, not the running age: the board shows the age itself, and a reason that
    // changed every second would make every site's health a fresh delta every second.
    const silence = `no data within ${Math.round(thresholds.downAfterMs / 1000)} s`;
    return { state: 'down', reason: facts.reason ? `${silence}; ${facts.reason}` : silence };
  }
  if (facts.lastMessageAt === null) return { state: 'connecting', reason: facts.reason };
  if (facts.status === 'streaming' && age < thresholds.staleAfterMs) {
    return { state: 'live', reason: null };
  }
  return { state: 'stale', reason: facts.reason };
}

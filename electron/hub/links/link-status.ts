import type { ConnectionState } from '../../../shared/fleet/health.js';
import { utcTime } from './freshness.js';

/** What a link is doing right now; the hub turns this plus data age into a ConnectionState. */
export type LinkStatus =
  'idle' | 'connecting' | 'syncing' | 'streaming' | 'waiting' | 'refused' | 'disposed';

export interface Thresholds {
  readonly staleAfterMs: number;
  readonly downAfterMs: number;
}

export interface LinkFacts {
  readonly status: LinkStatus;
  /** Why the site was refused, why its data cannot be applied, or the last connection error. */
  readonly reason: string | null;
  /** The last valid message of any kind, applied or not. */
  readonly lastMessageAt: number | null;
  /** The newest data of the current stream the hub applied: what freshness is measured on. */
  readonly lastAppliedAt: number | null;
  readonly startedAt: number;
  /**
   * Set while the data is what the hub started from (the store), as of when it was current;
   * null once the site has sent data the hub applied.
   */
  readonly storedAt: number | null;
}

const seconds = (ms: number) => Math.round(ms / 1000);

/**
 * Live only while streaming with freshly APPLIED data: a site that talks but whose data cannot
 * be applied ages like a silent one. Everything else ages: stale as soon as applied data stops
 * or the link drops, down once none has been applied for `downAfterMs` (counted from start for
 * a site never heard from). Every state but live carries a reason; reasons name thresholds and
 * clock times, never a running age, so a site's health does not change every second.
 */
export function connectionState(
  facts: LinkFacts,
  now: number,
  thresholds: Thresholds,
): { state: ConnectionState; reason: string | null } {
  if (facts.status === 'refused') return { state: 'refused', reason: facts.reason };
  // Stored data says nothing about whether the site answers: its down clock starts with the hub.
  const age =
    now - (facts.storedAt !== null ? facts.startedAt : (facts.lastAppliedAt ?? facts.startedAt));
  const talking = facts.lastMessageAt !== null && facts.lastMessageAt > (facts.lastAppliedAt ?? -1);
  if (age >= thresholds.downAfterMs) {
    const what = talking ? 'no data applied' : 'no data';
    const silence = `${what} within ${seconds(thresholds.downAfterMs)} s`;
    return { state: 'down', reason: facts.reason ? `${silence}; ${facts.reason}` : silence };
  }
  if (facts.lastAppliedAt === null) {
    return { state: 'connecting', reason: facts.reason ?? 'no data from the site yet' };
  }
  if (facts.storedAt !== null) {
    // With its date: stored data may be days old.
    const when = new Date(facts.storedAt).toISOString().slice(0, 19).replace('T', ' ');
    const stored = `stored data from ${when} UTC`;
    return {
      state: 'stale',
      reason: `${stored}; ${facts.reason ?? 'not connected to the site yet'}`,
    };
  }
  if (facts.status === 'streaming' && age < thresholds.staleAfterMs) {
    return { state: 'live', reason: null };
  }
  return { state: 'stale', reason: facts.reason ?? quiet(facts, talking, thresholds) };
}

function quiet(facts: LinkFacts, talking: boolean, thresholds: Thresholds): string {
  if (talking && facts.lastAppliedAt !== null) {
    return `site sends data but none of it was new since ${utcTime(facts.lastAppliedAt)}`;
  }
  return `no data from the site within ${seconds(thresholds.staleAfterMs)} s`;
}

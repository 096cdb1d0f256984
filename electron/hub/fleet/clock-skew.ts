import type { Clock } from '../../../shared/clock.js';
import { DEFAULT_CLOCK_SKEW_MS } from '../../../shared/fleet/clock-skew.js';
import type { Alert } from '../../../shared/protocol/alert.js';
import type { Device } from '../../../shared/protocol/device.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Snapshot } from '../../../shared/protocol/messages.js';

/** A site whose timestamps were within the skew for this long is no longer "ahead". */
export const CLOCK_AHEAD_CLEARS_AFTER_MS = 60_000;

interface AheadState {
  /** When the current run of timestamps ahead began (hub time). */
  readonly since: number;
  /** When the last timestamp ahead was seen. */
  last: number;
}

/**
 * Counts, per site, timestamps further in the future than the allowed skew: a site whose clock
 * runs ahead would otherwise show brand-new data. The count only grows (like the other health
 * counters): how many timestamps were ahead since the hub started. `aheadSince` is what is true
 * now: set when a batch or snapshot carries a timestamp ahead, cleared by one that is within the
 * skew a minute after the last one ahead (so a site fixed by its admin stops being flagged, and
 * one that alternates does not flap). It runs on the ingest hot path, so it compares numbers
 * against one limit per batch and allocates nothing while a site's clock is right.
 *
 * The checks say "refresh the site's health now" only when `aheadSince` is set or cleared: a
 * site whose clock is an hour fast stamps every batch ahead, and a refresh per batch would send
 * every window a site update each publish tick. The count reaches the health on the hub's
 * watchdog round, like the other counters.
 */
export class ClockSkewMonitor {
  private readonly counts = new Map<string, number>();
  private readonly ahead = new Map<string, AheadState>();

  constructor(
    private readonly clock: Clock,
    readonly skewMs: number = DEFAULT_CLOCK_SKEW_MS,
  ) {}

  /** Counts a snapshot's timestamps ahead of the skew; true when `aheadSince` was set or cleared. */
  checkSnapshot(siteId: string, snapshot: Snapshot): boolean {
    const limit = this.limit();
    let ahead = snapshot.at > limit ? 1 : 0;
    for (const device of snapshot.devices) ahead += deviceAhead(device, limit);
    for (const alert of snapshot.alerts) ahead += alertAhead(alert, limit);
    return this.add(siteId, ahead);
  }

  /**
   * Counts the timestamps of applied events ahead of the skew (each event's `at` and those inside
   * it); true when `aheadSince` was set or cleared.
   */
  checkEvents(siteId: string, events: readonly SiteEvent[]): boolean {
    const limit = this.limit();
    let ahead = 0;
    for (const event of events) {
      if (event.at > limit) ahead += 1;
      if (event.type === 'device.upsert') ahead += deviceAhead(event.device, limit);
      else if (event.type === 'alert.raise' || event.type === 'alert.update')
        ahead += alertAhead(event.alert, limit);
    }
    return this.add(siteId, ahead);
  }

  count(siteId: string): number {
    return this.counts.get(siteId) ?? 0;
  }

  /** Since when the site's timestamps run ahead, or null when they are within the skew. */
  aheadSince(siteId: string): number | null {
    return this.ahead.get(siteId)?.since ?? null;
  }

  /** Anything stamped later than this is ahead by more than the skew (same rule as isBeyondSkew). */
  private limit(): number {
    return this.clock.now() + this.skewMs;
  }

  /** Records a checked batch; true only when the site starts or stops being ahead. */
  private add(siteId: string, ahead: number): boolean {
    const state = this.ahead.get(siteId);
    if (ahead === 0) {
      if (state === undefined || this.clock.now() - state.last < CLOCK_AHEAD_CLEARS_AFTER_MS) {
        return false;
      }
      this.ahead.delete(siteId);
      return true;
    }
    this.counts.set(siteId, this.count(siteId) + ahead);
    const now = this.clock.now();
    if (state) {
      state.last = now;
      return false;
    }
    this.ahead.set(siteId, { since: now, last: now });
    return true;
  }
}

function deviceAhead(device: Device, limit: number): number {
  let ahead = device.updatedAt > limit ? 1 : 0;
  const backup = device.security?.lastBackupAt ?? null;
  if (backup !== null && backup > limit) ahead += 1;
  return ahead;
}

function alertAhead(alert: Alert, limit: number): number {
  let ahead = 0;
  if (alert.raisedAt > limit) ahead += 1;
  if (alert.updatedAt > limit) ahead += 1;
  if (alert.ack !== null && alert.ack.at > limit) ahead += 1;
  return ahead;
}

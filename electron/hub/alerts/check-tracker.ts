import {
  checkCleared,
  checkKey,
  checkRaised,
  checkSampled,
  checkUpdated,
  DEFAULT_CHECK_OPTIONS,
  worthShowing,
  type CheckOptions,
  type TrackedCheck,
} from '../../../shared/alerts/check-record.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { FleetChangeBatch } from '../fleet/fleet-changes.js';
import type { FleetState } from '../fleet/fleet-state.js';

/** Checks remembered per site; beyond, the longest-quiet clear ones are forgotten first. */
export const MAX_TRACKED_PER_SITE = 20_000;

interface SiteChecks {
  /** key → what is known of that device's check. */
  readonly byKey: Map<string, TrackedCheck>;
  /** The site's open alert id → its check key (a clear names only the alert). */
  readonly keyOfAlert: Map<string, string>;
  /**
   * key → the site's open alerts on it. One, from a well-behaved site; a site that opens a
   * second on the same device and check has not raised it again, and the check is clear only
   * once both are.
   */
  readonly openByKey: Map<string, Set<string>>;
}

/**
 * Follows every site's alerts through the fleet's change feed and keeps, per device and check,
 * how often it was raised again and whether it flaps (shared/alerts/check-record.ts). Snapshots
 * and restores count as what changed against what the tracker held. Only records worth showing
 * (raised more than once, or flapping) reach the fleet state and the windows. One timer, while
 * anything is tracked, samples each check's state (so a check that settles stops flapping) and
 * forgets checks quiet for the dedupe window. In memory: a restarted hub counts from what it
 * sees next.
 */
export class CheckTracker {
  private readonly sites = new Map<string, SiteChecks>();
  private readonly unsubscribe: () => void;
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(
    private readonly fleet: Pick<FleetState, 'subscribe' | 'modelOf' | 'setCheck'>,
    private readonly clock: Clock,
    private readonly options: CheckOptions = DEFAULT_CHECK_OPTIONS,
    /** A check started flapping, or settled: for the alert's timeline. */
    private readonly onFlapChange: (tracked: TrackedCheck, at: number) => void = () => undefined,
  ) {
    this.unsubscribe = fleet.subscribe((batch) => {
      this.follow(batch);
    });
  }

  /** What is tracked for a site's check, if anything (tests, and the hub's own rules later). */
  tracked(siteId: string, key: string): TrackedCheck | undefined {
    return this.sites.get(siteId)?.byKey.get(key);
  }

  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private follow(batch: FleetChangeBatch): void {
    for (const change of batch.changes) {
      if (change.kind === 'alert') this.alertChanged(change.siteId, change.id);
      else if (change.kind === 'site-reset') this.siteReset(change.siteId);
    }
  }

  private siteChecks(siteId: string): SiteChecks {
    let site = this.sites.get(siteId);
    if (!site) {
      site = { byKey: new Map(), keyOfAlert: new Map(), openByKey: new Map() };
      this.sites.set(siteId, site);
    }
    return site;
  }

  private alertChanged(siteId: string, alertId: string): void {
    const alert = this.fleet.modelOf(siteId)?.alerts.get(alertId);
    const site = this.siteChecks(siteId);
    const now = this.clock.now();
    if (!alert) {
      this.cleared(siteId, site, alertId, now);
      return;
    }
    const key = checkKey(alert.deviceId, alert.check);
    const known = site.keyOfAlert.get(alertId);
    // The site moved the alert to another device or check: it has left the old one.
    if (known !== undefined && known !== key) this.cleared(siteId, site, alertId, now);
    const tracked = site.byKey.get(key);
    if (known === key && tracked) {
      this.put(siteId, site, key, checkUpdated(tracked, alert));
      return;
    }
    site.keyOfAlert.set(alertId, key);
    const open = site.openByKey.get(key) ?? new Set<string>();
    site.openByKey.set(key, open);
    const alreadyOpen = open.size > 0;
    open.add(alertId);
    const next =
      alreadyOpen && tracked
        ? checkUpdated({ ...tracked, record: { ...tracked.record, alertId } }, alert)
        : checkRaised(tracked, siteId, alert, now, this.options);
    this.put(siteId, site, key, next);
  }

  private cleared(siteId: string, site: SiteChecks, alertId: string, now: number): void {
    const key = site.keyOfAlert.get(alertId);
    if (key === undefined) return;
    site.keyOfAlert.delete(alertId);
    const open = site.openByKey.get(key);
    open?.delete(alertId);
    const tracked = site.byKey.get(key);
    if (!tracked) return;
    const still = open?.values().next().value;
    if (still !== undefined) {
      // Another alert on the same check is still open: the check is not clear.
      if (tracked.record.alertId === alertId) {
        this.put(siteId, site, key, { ...tracked, record: { ...tracked.record, alertId: still } });
      }
      return;
    }
    site.openByKey.delete(key);
    this.put(siteId, site, key, checkCleared(tracked, now, this.options));
  }

  /** A snapshot or a restore: what appeared was raised, what went was cleared. */
  private siteReset(siteId: string): void {
    const alerts = this.fleet.modelOf(siteId)?.alerts;
    if (!alerts) return;
    const site = this.siteChecks(siteId);
    const now = this.clock.now();
    for (const alertId of [...site.keyOfAlert.keys()]) {
      if (!alerts.has(alertId)) this.cleared(siteId, site, alertId, now);
    }
    for (const alertId of alerts.keys()) this.alertChanged(siteId, alertId);
  }

  private put(siteId: string, site: SiteChecks, key: string, next: TrackedCheck): void {
    const previous = site.byKey.get(key);
    if (previous === next) return;
    site.byKey.delete(key); // re-inserted last: the map's order is oldest change first
    site.byKey.set(key, next);
    if (site.byKey.size > MAX_TRACKED_PER_SITE) this.forgetOldestClear(siteId, site);
    const shown = previous !== undefined && worthShowing(previous.record);
    if (worthShowing(next.record)) this.fleet.setCheck(siteId, key, next.record);
    else if (shown) this.fleet.setCheck(siteId, key, null);
    if ((previous?.record.flapping ?? false) !== next.record.flapping) {
      this.onFlapChange(next, this.clock.now());
    }
    this.scheduleSweep();
  }

  private forgetOldestClear(siteId: string, site: SiteChecks): void {
    for (const [key, tracked] of site.byKey) {
      if (tracked.record.alertId !== null) continue;
      site.byKey.delete(key);
      if (worthShowing(tracked.record)) this.fleet.setCheck(siteId, key, null);
      return;
    }
  }

  /** One timer while anything is tracked (see sweep). */
  private scheduleSweep(): void {
    if (this.timer || this.disposed) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.sweep();
    }, this.options.flapSampleMs);
  }

  /** Samples every tracked check's state; forgets those clear and settled for the window. */
  private sweep(): void {
    const now = this.clock.now();
    let left = 0;
    for (const [siteId, site] of this.sites) {
      for (const [key, tracked] of site.byKey) {
        const sampled = checkSampled(tracked, this.options);
        const { record } = sampled;
        const settled = record.alertId === null && !record.flapping;
        if (settled && now - record.changedAt >= this.options.dedupeWindowMs) {
          site.byKey.delete(key);
          if (worthShowing(tracked.record)) this.fleet.setCheck(siteId, key, null);
          continue;
        }
        site.byKey.set(key, sampled);
        if (sampled.record === tracked.record) continue;
        if (record.flapping !== tracked.record.flapping) this.onFlapChange(sampled, now);
        if (worthShowing(record)) this.fleet.setCheck(siteId, key, record);
        else if (worthShowing(tracked.record)) this.fleet.setCheck(siteId, key, null);
      }
      left += site.byKey.size;
    }
    if (left > 0) this.scheduleSweep();
  }
}

import type { Clock, TimerHandle } from '../../../shared/clock.js';

/**
 * Alerts waiting to open an incident: each stands `settleMs` first (time for its cause to show,
 * so an alert folded under a root cause a moment later opens none), then is handed on with when
 * it was first seen, a site's at once. Those that settled folded are held per site, to be looked
 * at again when the site's devices change (their cause may be over). One timer while any waits.
 */
export class SettlingAlerts {
  /** `siteId \0 alertId` → when it was first seen. */
  private readonly waiting = new Map<string, number>();
  /** siteId → its alerts that settled folded. */
  private readonly folded = new Map<string, Set<string>>();
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly settleMs: number,
    /** A site's alerts that have stood long enough: [alertId, first seen]. */
    private readonly settled: (siteId: string, alerts: [string, number][]) => void,
  ) {}

  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  has(siteId: string, alertId: string): boolean {
    return this.waiting.has(`${siteId}\0${alertId}`);
  }

  /** Starts the alert's wait (one already waiting keeps its first sighting). */
  add(siteId: string, alertId: string, at: number): void {
    const key = `${siteId}\0${alertId}`;
    if (this.waiting.has(key)) return;
    this.waiting.set(key, at);
    this.arm();
  }

  /** The alert is gone: it waits no more, and is not held. */
  drop(siteId: string, alertId: string): void {
    this.waiting.delete(`${siteId}\0${alertId}`);
    this.folded.get(siteId)?.delete(alertId);
  }

  /** Alerts that settled folded under a cause: held until the site's devices change. */
  hold(siteId: string, alertIds: readonly string[]): void {
    if (alertIds.length === 0) return;
    const held = this.folded.get(siteId) ?? new Set<string>();
    for (const alertId of alertIds) held.add(alertId);
    this.folded.set(siteId, held);
  }

  /** The site's held alerts wait again from now, except those `skip` says are taken care of. */
  lookAgain(siteId: string, skip: (alertId: string) => boolean): void {
    const held = this.folded.get(siteId);
    if (!held) return;
    this.folded.delete(siteId);
    const now = this.clock.now();
    for (const alertId of held) if (!skip(alertId)) this.add(siteId, alertId, now);
  }

  /** Hands on what has stood long enough now (tests; the timer does it). */
  settle(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const now = this.clock.now();
    const bySite = new Map<string, [string, number][]>();
    for (const [key, seen] of this.waiting) {
      if (now - seen < this.settleMs) continue;
      this.waiting.delete(key);
      const siteId = key.slice(0, key.indexOf('\0'));
      const list = bySite.get(siteId) ?? [];
      list.push([key.slice(siteId.length + 1), seen]);
      bySite.set(siteId, list);
    }
    for (const [siteId, alerts] of bySite) this.settled(siteId, alerts);
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer || this.disposed || this.waiting.size === 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.settle();
    }, this.settleMs);
  }
}

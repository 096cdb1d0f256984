import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type {
  ActiveMaintenance,
  MaintenanceWindow,
  ScheduledWindow,
} from '../../../shared/maintenance/maintenance-window.js';
import { describeIssues } from '../../../shared/protocol/errors.js';
import { ActionRefused } from '../acks/ack-outbox.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { CheckedMaintenanceWindow, occurrences, stretchAt } from './maintenance-recurrence.js';
import { MemoryMaintenanceStore, type MaintenanceStore } from './maintenance-store.js';

/**
 * The schedule looks this far ahead, and wakes at least this often: a window further out is
 * found on a later wake. Expanding a recurrence costs about 0.8 ms per window for two days
 * ahead, 9 ms for 400 (measured on this project's machines), so the look stays short.
 */
const LOOK_AHEAD_MS = 86_400_000;
/** How far ahead a listing looks for each window's next start (a weekly one always shows). */
const LIST_AHEAD_MS = 8 * 86_400_000;
/** A new window must run at least once within this: one that never will is refused. */
const FUTURE_MS = 400 * 86_400_000;
/** Windows across the hub (config and technicians'): each costs a little at every wake. */
export const MAX_WINDOWS = 500;

interface Entry {
  readonly window: CheckedMaintenanceWindow;
  readonly source: 'config' | 'technician';
  readonly createdBy: string | null;
  readonly createdAt: number | null;
}

/** What a technician sets: a window without its id (the hub gives one). */
export type WindowRequest = Omit<MaintenanceWindow, 'id'>;

/**
 * Puts each site's running maintenance windows into the fleet state (every window sees them on
 * the site's summary), and wakes at the next start or end, whichever comes first: one timer for
 * the whole hub. Windows come from the config (fixed) and from technicians (kept in the store
 * until cancelled).
 */
export class MaintenanceSchedule {
  private timer: TimerHandle | null = null;
  /** When the timer fires (Infinity: none). */
  private wakeAt = Infinity;
  private disposed = false;
  private started = false;
  private readonly entries = new Map<string, Entry>();

  constructor(
    configured: readonly CheckedMaintenanceWindow[],
    private readonly fleet: Pick<FleetState, 'setMaintenance' | 'modelOf'>,
    private readonly clock: Clock,
    private readonly store: MaintenanceStore = new MemoryMaintenanceStore(),
    private readonly newId: () => string = () => `m-${randomUUID()}`,
  ) {
    for (const window of configured) {
      this.entries.set(window.id, { window, source: 'config', createdBy: null, createdAt: null });
    }
    for (const { window, createdBy, createdAt } of store.load()) {
      // A site taken out of the config keeps its windows in the store, shown nowhere.
      if (fleet.modelOf(window.siteId) === undefined || this.entries.has(window.id)) continue;
      this.entries.set(window.id, { window, source: 'technician', createdBy, createdAt });
    }
  }

  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  start(): void {
    this.started = true;
    this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The windows of a site, with each one's current or next occurrence (8 days ahead). */
  list(siteId: string): ScheduledWindow[] {
    const now = this.clock.now();
    return [...this.entries.values()]
      .filter((entry) => entry.window.siteId === siteId)
      .map((entry) => {
        const found = occurrences(entry.window, now, now + LIST_AHEAD_MS);
        const next = stretchAt(found, now) ?? found.find((o) => o.start > now) ?? null;
        return { ...entry, next };
      });
  }

  /** A technician's window: checked, stored, and in force at once. Throws ActionRefused. */
  add(request: WindowRequest, technician: string): ScheduledWindow {
    const model = this.fleet.modelOf(request.siteId);
    if (model === undefined) throw new ActionRefused(`no site "${request.siteId}"`);
    const unknown = request.deviceIds.find((id) => !model.devices.has(id));
    if (unknown !== undefined) {
      throw new ActionRefused(`deviceIds: no device "${unknown}" at site "${request.siteId}"`);
    }
    if (this.entries.size >= MAX_WINDOWS) {
      throw new ActionRefused(
        `${MAX_WINDOWS} maintenance windows are scheduled already: cancel one first`,
      );
    }
    const parsed = CheckedMaintenanceWindow.safeParse({ ...request, id: this.newId() });
    if (!parsed.success) throw new ActionRefused(describeIssues(parsed.error));
    const window = parsed.data;
    const createdAt = this.clock.now();
    if (!occurrences(window, createdAt, createdAt + FUTURE_MS).some((o) => o.end > createdAt)) {
      throw new ActionRefused('this window never runs: every occurrence of it is over');
    }
    this.store.save({ window, createdBy: technician, createdAt });
    this.entries.set(window.id, { window, source: 'technician', createdBy: technician, createdAt });
    this.refreshSite(window.siteId);
    const listed = this.list(window.siteId).find((w) => w.window.id === window.id);
    if (!listed) throw new Error(`window ${window.id} vanished`);
    return listed;
  }

  /** Ends a technician's window now (a config window stays: the file is its place). */
  cancel(windowId: string): void {
    const entry = this.entries.get(windowId);
    if (!entry) throw new ActionRefused(`no maintenance window "${windowId}"`);
    if (entry.source === 'config') {
      throw new ActionRefused(
        `maintenance window "${windowId}" is set in the config file: remove it there`,
      );
    }
    this.store.remove(windowId);
    this.entries.delete(windowId);
    // Its site shows no maintenance from it any more, even with no window left there.
    this.refreshSite(entry.window.siteId);
  }

  /**
   * One site's windows again (a technician added or cancelled one): only that site's are
   * expanded, and the timer moves only if the site now needs an earlier wake.
   */
  private refreshSite(siteId: string): void {
    if (this.disposed || !this.started) return;
    const wake = this.evaluate((window) => window.siteId === siteId, [siteId]);
    if (wake < this.wakeAt) this.arm(wake);
  }

  /** What runs now, per site; then sleeps until the next change. */
  private refresh(): void {
    if (this.disposed || !this.started) return;
    this.arm(this.evaluate(() => true, []));
  }

  /**
   * Puts what runs now at the sites of the chosen windows (and at `alsoSites`, which may have
   * none left) into the fleet state; returns when the next of them starts or ends.
   */
  private evaluate(
    chosen: (window: CheckedMaintenanceWindow) => boolean,
    alsoSites: readonly string[],
  ): number {
    const now = this.clock.now();
    const running = new Map<string, ActiveMaintenance[]>(alsoSites.map((id) => [id, []]));
    let wake = Infinity;
    for (const { window } of this.entries.values()) {
      if (!chosen(window)) continue;
      const list = running.get(window.siteId) ?? [];
      running.set(window.siteId, list);
      const found = occurrences(window, now, now + LOOK_AHEAD_MS);
      // Occurrences may overlap (a 3-day window, daily): one stretch, as far as it is in view.
      const until = stretchAt(found, now)?.end ?? 0;
      if (until > now) {
        const { id: windowId, reason, deviceIds } = window;
        list.push({ windowId, reason, deviceIds, until });
        wake = Math.min(wake, until);
      }
      const next = found.find((o) => o.start > now);
      if (next) wake = Math.min(wake, next.start);
    }
    for (const [siteId, list] of running) this.fleet.setMaintenance(siteId, list);
    return wake;
  }

  /** The one timer, at `wake` or within the look-ahead, whichever is sooner (none without windows). */
  private arm(wake: number): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.wakeAt = Infinity;
    if (this.entries.size === 0) return;
    const now = this.clock.now();
    // Always awake again within the look-ahead: a window further out comes into view then.
    const delay = Math.min(LOOK_AHEAD_MS, Math.max(0, wake - now));
    this.wakeAt = now + delay;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.wakeAt = Infinity;
      this.refresh();
    }, delay);
  }
}

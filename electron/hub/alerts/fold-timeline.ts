import { foldAlerts } from '../../../shared/alerts/folding.js';
import { inMaintenance } from '../../../shared/maintenance/maintenance-window.js';
import type { ActionNote } from '../../../shared/alerts/technician-action.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { FleetChangeBatch } from '../fleet/fleet-changes.js';
import type { FleetState } from '../fleet/fleet-state.js';

/** How long a site's changes gather before its folding is worked out again. */
export const FOLD_SETTLE_MS = 1000;
/**
 * Notes written per turn of the event loop: a storm folds thousands of alerts, and one
 * transaction of them all would hold the hub (and every site's link) for tens of ms.
 */
export const NOTES_PER_WRITE = 500;

/**
 * Suppression in the alerts' timelines: when an alert folds under a root cause (a parent down,
 * the site unreachable) and when it stands on its own again while still open, a note ("folded
 * under Core switch down", "on its own again: …"); the same when it enters a running maintenance
 * window and when the window is over. The windows fold by
 * the same rules (shared/alerts/folding.ts) from the live state; this is the record of it.
 *
 * A site is worked out again at most once a second after something that can change its folding:
 * an alert raised or cleared, a device going down or coming back, the site's reachability. A
 * storm's folds are written 500 to a transaction, one transaction per turn. Metric samples (most
 * device changes) cost a lookup. What a restarted hub saw folded before is not remembered: it notes what it folds from
 * then on.
 */
export class FoldTimeline {
  /** siteId → alertId → the root cause's title it is folded under. */
  private readonly folded = new Map<string, Map<string, string>>();
  /** siteId → its devices that are down (a change of these can fold or unfold). */
  private readonly down = new Map<string, Set<string>>();
  /** siteId → whether it was unreachable when last worked out. */
  private readonly unreachable = new Map<string, boolean>();
  /** siteId → alertId → the maintenance window's words it is suppressed by. */
  private readonly maintained = new Map<string, Map<string, string>>();
  /** siteId → its running maintenance windows when last worked out (as JSON: a small list). */
  private readonly windows = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly unsubscribe: () => void;
  private timer: TimerHandle | null = null;
  /** Notes worked out and not yet written, and the turn that writes the next of them. */
  private readonly queue: ActionNote[] = [];
  private writing: TimerHandle | null = null;
  private disposed = false;

  constructor(
    private readonly fleet: Pick<FleetState, 'subscribe' | 'site' | 'modelOf'>,
    private readonly clock: Clock,
    private readonly write: (notes: readonly ActionNote[]) => void,
    private readonly settleMs = FOLD_SETTLE_MS,
  ) {
    this.unsubscribe = fleet.subscribe((batch) => {
      this.follow(batch);
    });
  }

  get openResources(): number {
    return (this.timer ? 1 : 0) + (this.writing ? 1 : 0);
  }

  /** Stops; what is queued is written at once (a stopping hub loses no note). */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    if (this.timer) this.clock.clearTimeout(this.timer);
    if (this.writing) this.clock.clearTimeout(this.writing);
    this.timer = null;
    this.writing = null;
    while (this.queue.length > 0) this.writeSome();
  }

  /** Works out every site marked since the last time, now (tests; the timer does it). */
  flush(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    for (const siteId of this.dirty) this.queue.push(...this.refold(siteId));
    this.dirty.clear();
    this.writeSome();
  }

  /** The next NOTES_PER_WRITE queued notes in one write; the rest on the next turn. */
  private writeSome(): void {
    const batch = this.queue.splice(0, NOTES_PER_WRITE);
    if (batch.length > 0) {
      try {
        this.write(batch);
      } catch (error) {
        console.error('hub: could not store folding notes:', error);
      }
    }
    if (this.queue.length > 0 && this.writing === null && !this.disposed) {
      this.writing = this.clock.setTimeout(() => {
        this.writing = null;
        this.writeSome();
      }, 0);
    }
  }

  private follow(batch: FleetChangeBatch): void {
    for (const change of batch.changes) {
      if (change.kind === 'notice' || change.kind === 'screens') continue;
      const { siteId } = change;
      switch (change.kind) {
        case 'alert':
        case 'site-reset':
          this.mark(siteId);
          break;
        case 'device':
          if (this.downChanged(siteId, change.id)) this.mark(siteId);
          break;
        case 'site': {
          const entry = this.fleet.site(siteId);
          const unreachable = entry?.health.state === 'down';
          const windows = JSON.stringify(entry?.maintenance ?? []);
          if (
            unreachable !== (this.unreachable.get(siteId) ?? false) ||
            windows !== (this.windows.get(siteId) ?? '[]')
          ) {
            this.mark(siteId);
          }
          break;
        }
        case 'check':
        case 'action':
          break;
      }
    }
  }

  /** True when the device went down or came back (or went) since last seen. */
  private downChanged(siteId: string, deviceId: string): boolean {
    const isDown = this.fleet.modelOf(siteId)?.devices.get(deviceId)?.status === 'down';
    let down = this.down.get(siteId);
    const wasDown = down?.has(deviceId) ?? false;
    if (isDown === wasDown) return false;
    if (isDown) {
      if (!down) this.down.set(siteId, (down = new Set()));
      down.add(deviceId);
    } else {
      down?.delete(deviceId);
    }
    return true;
  }

  private mark(siteId: string): void {
    this.dirty.add(siteId);
    if (this.timer === null && !this.disposed) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.settleMs);
    }
  }

  /** The site's folding now against what it was: a note for each alert that moved. */
  private refold(siteId: string): ActionNote[] {
    const entry = this.fleet.site(siteId);
    const model = this.fleet.modelOf(siteId);
    if (!entry || !model) return [];
    const unreachable = entry.health.state === 'down';
    this.unreachable.set(siteId, unreachable);
    this.windows.set(siteId, JSON.stringify(entry.maintenance));
    // The down set again from the model: a snapshot replaces devices without a change each.
    this.down.set(
      siteId,
      new Set([...model.devices.values()].filter((d) => d.status === 'down').map((d) => d.id)),
    );
    const folding = foldAlerts({ name: entry.name, unreachable }, model.devices, model.alerts);
    const titles = new Map(folding.roots.map((root) => [root.key, root.title]));
    const now: Map<string, string> = new Map();
    for (const [alertId, key] of folding.foldedInto) now.set(alertId, titles.get(key) ?? key);
    const before = this.folded.get(siteId) ?? new Map<string, string>();
    const notes: ActionNote[] = [];
    const note = (alertId: string, what: ActionNote['what'], detail: string) =>
      notes.push({
        siteId,
        alertId,
        at: this.clock.now(),
        what,
        actor: 'hub',
        source: 'hub',
        comment: '',
        ackId: null,
        detail: detail.length <= 500 ? detail : `${detail.slice(0, 499)}…`,
      });
    for (const [alertId, title] of now) {
      if (before.get(alertId) !== title) note(alertId, 'alert.folded', `folded under ${title}`);
    }
    for (const [alertId, title] of before) {
      if (!now.has(alertId) && model.alerts.has(alertId)) {
        note(alertId, 'alert.unfolded', `on its own again: ${title} is over`);
      }
    }
    if (now.size > 0) this.folded.set(siteId, now);
    else this.folded.delete(siteId);
    // Suppressed by maintenance: when an alert enters a running window (or is raised inside
    // one), and when the window is over while it is still open.
    const inWindow = new Map<string, string>();
    if (entry.maintenance.length > 0) {
      for (const alert of model.alerts.values()) {
        const window = inMaintenance(entry.maintenance, alert.deviceId);
        if (!window) continue;
        const until = new Date(window.until).toISOString().slice(11, 16);
        inWindow.set(alert.id, `${window.reason} (until ${until} UTC)`);
      }
    }
    const wasIn = this.maintained.get(siteId) ?? new Map<string, string>();
    for (const [alertId, words] of inWindow) {
      if (wasIn.get(alertId) !== words)
        note(alertId, 'alert.suppressed', `in maintenance: ${words}`);
    }
    for (const [alertId, words] of wasIn) {
      if (!inWindow.has(alertId) && model.alerts.has(alertId)) {
        note(alertId, 'alert.unsuppressed', `maintenance over: ${words}`);
      }
    }
    if (inWindow.size > 0) this.maintained.set(siteId, inWindow);
    else this.maintained.delete(siteId);
    return notes;
  }
}

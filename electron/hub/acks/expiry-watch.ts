import { isHubAlert } from '../../../shared/alerts/hub-alerts.js';
import { ackView } from '../../../shared/alerts/alert-state.js';
import type { ActionNote, TechnicianAction } from '../../../shared/alerts/technician-action.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { FleetState } from '../fleet/fleet-state.js';

/** Timers further out are re-armed in steps: setTimeout cannot wait more than ~24.8 days. */
const LONGEST_WAIT_MS = 86_400_000;

/**
 * Notes in an alert's timeline the moment a confirmed acknowledgement stops holding: its expiry
 * passed, or (not sticky) the alert changed severity. What every window shows follows from the
 * same rule (ackView) without the hub's help; this is for the record, and it is the only record
 * when the site speaks 1.0 and cannot lapse an acknowledgement itself. One timer, for the
 * earliest expiry; severity changes are read from the fleet's change feed.
 */
export class ExpiryWatch {
  /** `siteId \0 alertId` → the confirmed ack being watched there. */
  private readonly watched = new Map<string, TechnicianAction>();
  private timer: TimerHandle | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly clock: Clock,
    private readonly fleet: Pick<FleetState, 'actionOf' | 'modelOf' | 'subscribe'>,
    /** The acknowledgement stopped holding: note it (once), and mark the action so. */
    private readonly note: (action: TechnicianAction, note: ActionNote) => void,
  ) {
    this.unsubscribe = fleet.subscribe((batch) => {
      if (this.watched.size === 0) return;
      for (const change of batch.changes) {
        if (change.kind === 'alert') this.check(keyOf(change.siteId, change.id));
        if (change.kind === 'site-reset') {
          for (const [key, action] of this.watched)
            if (action.siteId === change.siteId) this.check(key);
        }
      }
    });
  }

  get size(): number {
    return this.watched.size;
  }

  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  /** Watches a settled action when it can lapse; a newer action on the alert replaces it. */
  watch(action: TechnicianAction): void {
    const key = keyOf(action.siteId, action.alertId);
    this.watched.delete(key);
    const canLapse = action.expiresAt !== null || !action.sticky;
    const noted = action.lapseNotedAt !== null;
    if (action.kind === 'ack' && action.delivery === 'confirmed' && canLapse && !noted) {
      this.watched.set(key, action);
      this.check(key);
    }
    this.arm();
  }

  dispose(): void {
    this.unsubscribe();
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.watched.clear();
  }

  private check(key: string): void {
    const action = this.watched.get(key);
    if (!action) return;
    const alert = this.fleet.modelOf(action.siteId)?.alerts.get(action.alertId);
    const shown = this.fleet.actionOf(action.siteId, action.alertId);
    const siteAck = alert?.ack ?? null;
    // Resolved, superseded by a newer action, or acknowledged anew by someone else at the site.
    if (!alert || shown?.ackId !== action.ackId || (siteAck && siteAck.ackId !== action.ackId)) {
      this.watched.delete(key);
      return;
    }
    // A 1.1 site keeps the "not sticky" rule itself and records its drop as its own event; the
    // hub's own alerts drop an ack themselves (a posture finding re-opened), with their note.
    if (
      siteAck === null &&
      action.hubHandled === null &&
      (action.expiresAt === null || isHubAlert(action.alertId))
    ) {
      this.watched.delete(key);
      return;
    }
    const now = this.clock.now();
    const expired = action.expiresAt !== null && now >= action.expiresAt;
    const view = ackView(alert, action, now);
    if (!expired && view.lapsed === null) return;
    this.watched.delete(key);
    this.note(action, {
      siteId: action.siteId,
      alertId: action.alertId,
      at: now,
      what: expired ? 'ack.expired' : 'ack.lapsed',
      actor: 'hub',
      source: 'hub',
      comment: '',
      ackId: action.ackId,
      detail: expired
        ? `acknowledged by ${action.technician} until ${new Date(action.expiresAt ?? now).toISOString()}`
        : view.lapsed,
    });
  }

  /** One timer, for the earliest expiry still watched. */
  private arm(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    let earliest = Infinity;
    for (const action of this.watched.values()) {
      if (action.expiresAt !== null) earliest = Math.min(earliest, action.expiresAt);
    }
    if (earliest === Infinity) return;
    const wait = Math.min(LONGEST_WAIT_MS, Math.max(0, earliest - this.clock.now()));
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      for (const key of [...this.watched.keys()]) this.check(key);
      this.arm();
    }, wait);
  }
}

function keyOf(siteId: string, alertId: string): string {
  return `${siteId}\0${alertId}`;
}
